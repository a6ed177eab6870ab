package org.rnnkit.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataVec record reader for labelled text. Each record is {@code [label, text]} as two {@link
 * Text} writables; its metadata carries the file and line.
 *
 * <p>Layouts, detected from the path:
 *
 * <ul>
 *   <li>a delimited file with a header row: tab-separated ({@code .tsv}, {@code .txt}) or
 *       comma-separated with RFC 4180 quoting ({@code .csv}), optionally gzipped ({@code .gz}). The
 *       label column is named {@code label}; the text column {@code text}, {@code sentence}, {@code
 *       review} or {@code content} (case-insensitive). Other columns are ignored.
 *   <li>a directory in the aclImdb layout: one sub-folder per label ({@code pos/}, {@code neg/}),
 *       each holding one {@code .txt} file per example. A folder named {@code unsup} is ignored.
 * </ul>
 *
 * <p>Files are decoded as strict UTF-8. A malformed row (missing column, blank label or text, bad
 * encoding, truncated gzip) throws {@link MalformedDataException} naming the file and line, unless
 * the reader was built to skip bad rows, in which case they are counted ({@link #skippedRows()}).
 */
public final class LabeledTextRecordReader extends FileRecordReader {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LabeledTextRecordReader.class);
    private static final List<String> TEXT_COLUMNS =
            List.of("text", "sentence", "review", "content");
    private static final String LABEL_COLUMN = "label";
    private static final int MAX_LOGGED_SKIPS = 5;

    /** Whether malformed rows are counted and skipped rather than thrown. */
    private final boolean skipBadRows;

    /** The file's shape: columns, delimiter, header, label map. */
    private final DataFormat format;

    private transient Iterator<Record> records;
    private transient Source source;
    private transient Record pending;

    /** Malformed rows skipped so far. */
    private long skipped;

    /** Rows the label map dropped ({@code skip}) so far. */
    private long dropped;

    /** The first skipped rows' problems. */
    private final List<String> problems = new ArrayList<>();

    /**
     * Creates a reader.
     *
     * @param skipBadRows when {@code true}, malformed rows are counted and skipped instead of
     *     failing
     */
    public LabeledTextRecordReader(boolean skipBadRows) {
        this(skipBadRows, DataFormat.DEFAULT);
    }

    /**
     * Creates a reader for files of a given shape.
     *
     * @param skipBadRows when {@code true}, malformed rows are counted and skipped instead of
     *     failing
     * @param format which columns hold the text and the label, the delimiter, header and label map
     */
    public LabeledTextRecordReader(boolean skipBadRows, DataFormat format) {
        this.skipBadRows = skipBadRows;
        this.format = java.util.Objects.requireNonNull(format, "format");
    }

    /**
     * Opens the first location of the split: a delimited file or an aclImdb-style directory.
     *
     * @param split a split whose first location is the data path
     * @throws IOException when the path cannot be opened
     */
    @Override
    public void initialize(InputSplit split) throws IOException {
        URI[] locations = split.locations();
        if (locations == null || locations.length == 0) {
            throw new IllegalArgumentException("split has no locations");
        }
        initialize(Paths.get(locations[0]));
    }

    /**
     * Opens a data path directly.
     *
     * @param dataPath a delimited file or an aclImdb-style directory
     * @throws IOException when the path cannot be opened
     * @throws MalformedDataException when the header or layout is not as expected
     */
    public void initialize(Path dataPath) throws IOException {
        close();
        this.path = dataPath;
        this.skipped = 0;
        this.dropped = 0;
        this.problems.clear();
        this.pending = null;
        if (!Files.exists(dataPath)) {
            throw new java.nio.file.NoSuchFileException(
                    dataPath.toString(), null, "data file or directory not found");
        }
        this.source =
                Files.isDirectory(dataPath)
                        ? new DirectorySource(dataPath, format)
                        : new DelimitedSource(dataPath, format);
        this.records = source;
    }

    /**
     * Returns how many malformed rows were skipped so far.
     *
     * @return the count; always 0 unless the reader skips bad rows
     */
    public long skippedRows() {
        return skipped;
    }

    /**
     * Returns how many rows the label map dropped ({@code skip}) so far.
     *
     * @return the count; always 0 without a label map
     */
    public long droppedRows() {
        return dropped;
    }

    /**
     * Returns the problems of the first skipped rows (at most 5), each naming file and line.
     *
     * @return the messages
     */
    public List<String> firstProblems() {
        return List.copyOf(problems);
    }

    /** {@inheritDoc} */
    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (records == null) {
            throw new IllegalStateException("reader not initialized: call initialize(...) first");
        }
        while (true) {
            try {
                if (!records.hasNext()) {
                    return false;
                }
                pending = records.next();
                return true;
            } catch (MalformedDataException e) {
                if (!skipBadRows || e instanceof DelimitedRows.Fatal) {
                    throw e;
                }
                skipped++;
                if (skipped <= MAX_LOGGED_SKIPS) {
                    problems.add(e.getMessage());
                    LOG.warn("skipping bad row: {}", e.getMessage());
                }
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    /** {@inheritDoc} */
    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in " + path);
        }
        Record r = pending;
        pending = null;
        invokeListeners(r);
        return r;
    }

    /** {@inheritDoc} */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * Not supported: a labelled-text record needs its header row for context.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(
                "LabeledTextRecordReader reads whole files; use initialize(Path) and next()");
    }

    /** {@inheritDoc} */
    @Override
    public void close() throws IOException {
        if (source != null) {
            source.close();
            source = null;
            records = null;
        }
    }

    private static Record record(String label, String text, Path file, long line) {
        List<Writable> values = List.of(new Text(label), new Text(text));
        return new org.datavec.api.records.impl.Record(
                values,
                new RecordMetaDataLine((int) line, file.toUri(), LabeledTextRecordReader.class));
    }

    private abstract static class Source implements Iterator<Record>, AutoCloseable {
        /** The record {@link #hasNext()} read ahead, {@code null} when none is waiting. */
        Record buffered;

        @Override
        public final Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Record r = buffered;
            buffered = null;
            return r;
        }

        @Override
        public abstract void close() throws IOException;
    }

    /**
     * A header-plus-rows text file, delimited, plain or gzipped, mapped by a {@link DataFormat}.
     */
    private final class DelimitedSource extends Source {
        private final DelimitedRows rows;
        private final int labelColumn;
        private final int[] textColumns;
        private final String textNames;
        private final String labelName;
        private final LabelMap labelMap;
        private final int minColumns;

        DelimitedSource(Path file, DataFormat format) throws IOException {
            this.rows = DelimitedRows.open(file, format);
            try {
                List<String> header = rows.header();
                this.labelMap = format.parsedLabelMap();
                List<String> labelRefs = format.columns(DataFormat.LABEL);
                List<String> textRefs = format.columns(DataFormat.TEXT);
                if (labelRefs.size() > 1) {
                    throw new DelimitedRows.Fatal(
                            file,
                            0,
                            "--label-column may be given once, received " + labelRefs,
                            null);
                }
                if (header == null && (labelRefs.isEmpty() || textRefs.isEmpty())) {
                    throw new DelimitedRows.Fatal(
                            file,
                            0,
                            "a file without a header (--no-header) needs --label-column and"
                                    + " --text-column as 1-based indices",
                            null);
                }
                this.labelColumn =
                        labelRefs.isEmpty()
                                ? defaultColumn(header, List.of(LABEL_COLUMN), file)
                                : DataFormat.resolve(labelRefs.get(0), header, "label", file);
                this.textColumns =
                        textRefs.isEmpty()
                                ? new int[] {defaultColumn(header, TEXT_COLUMNS, file)}
                                : textRefs.stream()
                                        .mapToInt(r -> DataFormat.resolve(r, header, "text", file))
                                        .toArray();
                this.labelName = name(header, labelColumn);
                StringBuilder names = new StringBuilder();
                int max = labelColumn;
                for (int t : textColumns) {
                    names.append(names.length() == 0 ? "" : " + ").append(name(header, t));
                    max = Math.max(max, t);
                }
                this.textNames = names.toString();
                this.minColumns = max + 1;
            } catch (RuntimeException e) {
                rows.close();
                throw e;
            }
        }

        private int defaultColumn(List<String> header, List<String> names, Path file) {
            for (int i = 0; i < header.size(); i++) {
                if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            throw new DelimitedRows.Fatal(
                    file,
                    1,
                    "expected a header row with a 'label' column and a text column named one of "
                            + TEXT_COLUMNS
                            + ", found columns "
                            + header
                            + "; name yours with --label-column and --text-column (names or"
                            + " 1-based indices)",
                    null);
        }

        private static String name(List<String> header, int column) {
            return "column "
                    + (column + 1)
                    + (header == null ? "" : " (" + header.get(column) + ")");
        }

        @Override
        public boolean hasNext() {
            while (buffered == null && rows.hasNext()) {
                DelimitedRows.Row row = rows.next();
                buffered = parse(row.fields(), row.line());
            }
            return buffered != null;
        }

        private Record parse(List<String> cols, long line) {
            Path file = rows.file();
            if (cols.size() < minColumns) {
                throw new MalformedDataException(
                        file,
                        line,
                        "expected at least "
                                + minColumns
                                + " "
                                + (rows.delimiter() == '\t'
                                        ? "tab"
                                        : rows.delimiter() == ','
                                                ? "comma"
                                                : "'" + rows.delimiter() + "'")
                                + "-separated columns (label in "
                                + labelName
                                + ", text in "
                                + textNames
                                + "), found "
                                + cols.size());
            }
            String raw = cols.get(labelColumn).trim();
            if (raw.isEmpty()) {
                throw new MalformedDataException(
                        file, line, "expected a label in " + labelName + ", found an empty value");
            }
            String label = raw;
            if (labelMap != null) {
                label = labelMap.map(raw);
                if (label == null) {
                    throw new MalformedDataException(
                            file,
                            line,
                            "--label-map '"
                                    + labelMap
                                    + "' has no entry for the value '"
                                    + raw
                                    + "' in "
                                    + labelName);
                }
                if (label.equals(LabelMap.SKIP)) {
                    dropped++;
                    return null;
                }
            }
            StringBuilder text = new StringBuilder();
            for (int t : textColumns) {
                String part = cols.get(t).strip();
                if (!part.isEmpty()) {
                    text.append(text.length() == 0 ? "" : "\n").append(part);
                }
            }
            if (text.length() == 0) {
                throw new MalformedDataException(
                        file, line, "expected text in " + textNames + ", found an empty value");
            }
            return record(label, text.toString(), file, line);
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /** The aclImdb layout: label folders of one-example text files. */
    private final class DirectorySource extends Source {
        private final List<Path> files = new ArrayList<>();
        private final Path root;
        private int index;

        private final LabelMap labelMap;

        DirectorySource(Path root, DataFormat format) throws IOException {
            this.labelMap = format.parsedLabelMap();
            this.root = root;
            List<Path> labelDirs;
            try (Stream<Path> s = Files.list(root)) {
                labelDirs =
                        s.filter(Files::isDirectory)
                                .filter(p -> !p.getFileName().toString().equals("unsup"))
                                .filter(p -> !p.getFileName().toString().startsWith("."))
                                .sorted()
                                .toList();
            }
            List<String> splitNames = List.of("train", "test", "dev", "valid", "validation");
            if (labelDirs.stream()
                    .anyMatch(
                            d ->
                                    splitNames.contains(
                                            d.getFileName().toString().toLowerCase(Locale.ROOT)))) {
                throw new DelimitedRows.Fatal(
                        root,
                        0,
                        "expected one folder per label, found split folders "
                                + labelDirs.stream().map(d -> d.getFileName().toString()).toList()
                                + "; this looks like the aclImdb root: use "
                                + root.resolve(
                                        Files.isDirectory(root.resolve("train"))
                                                ? "train"
                                                : labelDirs.get(0).getFileName().toString()),
                        null);
            }
            for (Path dir : labelDirs) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(
                                    p ->
                                            Files.isRegularFile(p)
                                                    && p.getFileName().toString().endsWith(".txt")
                                                    && !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
            }
            if (files.isEmpty()) {
                String hint =
                        Files.isDirectory(root.resolve("train"))
                                ? "; this looks like the aclImdb root: use " + root.resolve("train")
                                : "";
                throw new DelimitedRows.Fatal(
                        root,
                        0,
                        "expected one folder per label (such as pos/ and neg/) holding .txt files"
                                + " at any depth, found none"
                                + hint,
                        null);
            }
        }

        @Override
        public boolean hasNext() {
            while (buffered == null && index < files.size()) {
                buffered = read(files.get(index++));
            }
            return buffered != null;
        }

        private Record read(Path file) {
            String label = root.relativize(file).getName(0).toString();
            if (labelMap != null) {
                String mapped = labelMap.map(label);
                if (mapped == null) {
                    throw new MalformedDataException(
                            file,
                            0,
                            "--label-map '"
                                    + labelMap
                                    + "' has no entry for the folder name '"
                                    + label
                                    + "'");
                }
                if (mapped.equals(LabelMap.SKIP)) {
                    dropped++;
                    return null;
                }
                label = mapped;
            }
            CharsetDecoder decoder =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
            String text;
            try {
                text =
                        decoder.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                                .toString();
            } catch (CharacterCodingException e) {
                throw new MalformedDataException(
                        file, 1, "expected UTF-8 text, found an invalid byte sequence", e);
            } catch (IOException e) {
                throw new DelimitedRows.Fatal(file, 0, "read error: " + e.getMessage(), e);
            }
            if (text.isBlank()) {
                throw new MalformedDataException(
                        file, 1, "expected review text, found an empty file");
            }
            return record(label, text.strip(), file, 1);
        }

        @Override
        public void close() {
            index = files.size();
            buffered = null;
        }

        @Override
        public String toString() {
            return root.toString();
        }
    }
}
