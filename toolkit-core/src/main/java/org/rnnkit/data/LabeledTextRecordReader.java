package org.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
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

    private transient Iterator<Record> records;
    private transient Source source;
    private transient Record pending;

    /** Malformed rows skipped so far. */
    private long skipped;

    /**
     * Creates a reader.
     *
     * @param skipBadRows when {@code true}, malformed rows are counted and skipped instead of
     *     failing
     */
    public LabeledTextRecordReader(boolean skipBadRows) {
        this.skipBadRows = skipBadRows;
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
        this.pending = null;
        if (!Files.exists(dataPath)) {
            throw new java.nio.file.NoSuchFileException(
                    dataPath.toString(), null, "data file or directory not found");
        }
        this.source =
                Files.isDirectory(dataPath)
                        ? new DirectorySource(dataPath)
                        : DelimitedSource.open(dataPath);
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
                if (!skipBadRows || e instanceof FatalDataException) {
                    throw e;
                }
                skipped++;
                if (skipped <= MAX_LOGGED_SKIPS) {
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

    /** A problem that concerns the whole file, never skipped. */
    private static final class FatalDataException extends MalformedDataException {
        private static final long serialVersionUID = 1L;

        FatalDataException(Path file, long line, String problem, Throwable cause) {
            super(file, line, problem, cause);
        }
    }

    private interface Source extends Iterator<Record>, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** A header-plus-rows text file, tab- or comma-separated, plain or gzipped. */
    private static final class DelimitedSource implements Source {
        private final Path file;
        private final Utf8LineReader reader;
        private final boolean csv;
        private final int labelColumn;
        private final int textColumn;
        private final int minColumns;
        private long lineNumber;
        private boolean exhausted;

        private DelimitedSource(
                Path file, Utf8LineReader reader, boolean csv, List<String> header) {
            this.file = file;
            this.reader = reader;
            this.csv = csv;
            this.lineNumber = 1;
            int label = -1;
            int text = -1;
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim().toLowerCase(Locale.ROOT);
                if (name.startsWith("\ufeff")) {
                    name = name.substring(1);
                }
                if (label < 0 && name.equals(LABEL_COLUMN)) {
                    label = i;
                } else if (text < 0 && TEXT_COLUMNS.contains(name)) {
                    text = i;
                }
            }
            if (label < 0 || text < 0) {
                throw new FatalDataException(
                        file,
                        1,
                        "expected a header row with a 'label' column and a text column"
                                + " named one of "
                                + TEXT_COLUMNS
                                + ", found columns "
                                + header,
                        null);
            }
            this.labelColumn = label;
            this.textColumn = text;
            this.minColumns = Math.max(label, text) + 1;
        }

        static DelimitedSource open(Path file) throws IOException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean gz = name.endsWith(".gz");
            String base = gz ? name.substring(0, name.length() - 3) : name;
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            Utf8LineReader reader = null;
            try {
                InputStream in = raw;
                if (gz) {
                    try {
                        in = new GZIPInputStream(raw, 1 << 16);
                    } catch (ZipException | EOFException e) {
                        throw new FatalDataException(
                                file,
                                0,
                                "expected a gzip file (name ends in .gz), but it"
                                        + " is not in gzip format or is truncated: "
                                        + e.getMessage(),
                                e);
                    }
                }
                reader = new Utf8LineReader(in);
                String first = readLineChecked(reader, file, 1);
                if (first == null) {
                    throw new FatalDataException(
                            file, 0, "expected a header row, but the file is empty", null);
                }
                boolean csv =
                        base.endsWith(".csv")
                                || (!base.endsWith(".tsv")
                                        && !first.contains("\t")
                                        && first.contains(","));
                List<String> header = csv ? CsvLine.split(first) : List.of(first.split("\t", -1));
                return new DelimitedSource(file, reader, csv, header);
            } catch (IOException | RuntimeException e) {
                if (reader != null) {
                    reader.close();
                } else {
                    raw.close();
                }
                throw e;
            }
        }

        private static String readLineChecked(Utf8LineReader reader, Path file, long line) {
            try {
                return reader.readLine();
            } catch (CharacterCodingException e) {
                throw new MalformedDataException(
                        file, line, "expected UTF-8 text, found an invalid byte sequence", e);
            } catch (EOFException | ZipException e) {
                throw new FatalDataException(
                        file,
                        line,
                        "the gzip stream ends early (truncated or corrupt file): " + e.getMessage(),
                        e);
            } catch (IOException e) {
                throw new FatalDataException(file, line, "read error: " + e.getMessage(), e);
            }
        }

        private Record buffered;

        @Override
        public boolean hasNext() {
            if (buffered != null) {
                return true;
            }
            while (!exhausted) {
                long start = lineNumber + 1;
                String line = readLineChecked(reader, file, start);
                lineNumber = start;
                if (line == null) {
                    exhausted = true;
                    return false;
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> cols;
                if (csv) {
                    StringBuilder logical = new StringBuilder(line);
                    while (CsvLine.hasOpenQuote(logical)) {
                        String more = readLineChecked(reader, file, lineNumber + 1);
                        if (more == null) {
                            exhausted = true;
                            throw new MalformedDataException(
                                    file,
                                    start,
                                    "expected a closing double quote, but the file ended inside a quoted field");
                        }
                        lineNumber++;
                        logical.append('\n').append(more);
                    }
                    cols = CsvLine.split(logical.toString());
                } else {
                    cols = List.of(line.split("\t", -1));
                }
                buffered = parse(cols, start);
                return true;
            }
            return false;
        }

        private Record parse(List<String> cols, long line) {
            if (cols.size() < minColumns) {
                throw new MalformedDataException(
                        file,
                        line,
                        "expected at least "
                                + minColumns
                                + " "
                                + (csv ? "comma" : "tab")
                                + "-separated columns (label in column "
                                + (labelColumn + 1)
                                + ", text in column "
                                + (textColumn + 1)
                                + "), found "
                                + cols.size());
            }
            String label = cols.get(labelColumn).trim();
            String text = cols.get(textColumn);
            if (label.isEmpty()) {
                throw new MalformedDataException(
                        file,
                        line,
                        "expected a label in column "
                                + (labelColumn + 1)
                                + ", found an empty value");
            }
            if (text.isBlank()) {
                throw new MalformedDataException(
                        file,
                        line,
                        "expected text in column " + (textColumn + 1) + ", found an empty value");
            }
            return record(label, text, file, line);
        }

        @Override
        public Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Record r = buffered;
            buffered = null;
            return r;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** The aclImdb layout: label folders of one-example text files. */
    private static final class DirectorySource implements Source {
        private final List<Path> files = new ArrayList<>();
        private final Path root;
        private int index;

        DirectorySource(Path root) throws IOException {
            this.root = root;
            List<Path> labelDirs;
            try (Stream<Path> s = Files.list(root)) {
                labelDirs =
                        s.filter(Files::isDirectory)
                                .filter(p -> !p.getFileName().toString().equals("unsup"))
                                .sorted()
                                .toList();
            }
            for (Path dir : labelDirs) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(
                                    p ->
                                            Files.isRegularFile(p)
                                                    && p.getFileName().toString().endsWith(".txt"))
                            .sorted()
                            .forEach(files::add);
                }
            }
            if (files.isEmpty()) {
                String hint =
                        Files.isDirectory(root.resolve("train"))
                                ? "; this looks like the aclImdb root: use " + root.resolve("train")
                                : "";
                throw new FatalDataException(
                        root,
                        0,
                        "expected the aclImdb layout: label folders such as pos/ and neg/ holding"
                                + " .txt files, found none"
                                + hint,
                        null);
            }
        }

        @Override
        public boolean hasNext() {
            return index < files.size();
        }

        @Override
        public Record next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path file = files.get(index++);
            String label = file.getParent().getFileName().toString();
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
                throw new FatalDataException(file, 0, "read error: " + e.getMessage(), e);
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
        }

        @Override
        public String toString() {
            return root.toString();
        }
    }
}
