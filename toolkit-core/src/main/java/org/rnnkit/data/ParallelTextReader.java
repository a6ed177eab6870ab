package org.rnnkit.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DataVec record reader for parallel text (a translation corpus). Each record is {@code [source,
 * target]} as two {@link Text} writables; its metadata carries the file and line.
 *
 * <p>Default shape ({@link DataFormat#DEFAULT}, or any format without source and target columns):
 * one pair per line, {@code source<TAB>target}, as in the Tatoeba/Anki {@code fra-eng.txt} exports,
 * with no header. Columns after the second (attribution, licence) are ignored. A {@link
 * DataFormat#delimiter() delimiter} given in the format replaces the tab.
 *
 * <p>With {@link DataFormat#SOURCE} and {@link DataFormat#TARGET} columns (both, each by header
 * name or 1-based index), the file is a table: its first row is a header unless {@link
 * DataFormat#header()} is false (then the columns must be indices); the delimiter is the format's,
 * else the file name's ({@code .csv} comma, {@code .tsv} tab) or the first line's; fields other
 * than tab-separated ones follow RFC 4180 quoting (see {@link DelimitedRows}).
 *
 * <p>Both sides are stripped of surrounding white space. The file is strict UTF-8 (a leading byte
 * order mark is dropped) and is gunzipped when its name ends in {@code .gz}. With {@code reverse}
 * the sides are swapped after reading, so one file serves both translation directions.
 *
 * <p>Blank lines (empty or white space only) carry no pair and are skipped, not rejected, because
 * corpora often end with one or separate sections with them; they are counted ({@link
 * #skippedBlankLines()}) so that a caller can report them. Every other malformed line (no tab, an
 * empty side, invalid UTF-8, a truncated gzip stream) throws {@link MalformedDataException} naming
 * the file, the line and what was expected, for example {@code "fra.txt:12: expected
 * source<TAB>target, found no tab"}; a column that is not in the header names the option, for
 * example {@code "pairs.csv:1: --source-column French: no such column; the header has [en, de]"}.
 */
public final class ParallelTextReader extends FileRecordReader {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParallelTextReader.class);
    private static final String EXPECTED = "expected source<TAB>target, found ";

    /** Whether the sides are swapped after reading. */
    private final boolean reverse;

    /** The file's shape: delimiter, header, source and target columns. */
    private final DataFormat format;

    /** Whether source and target columns were given (otherwise the first two columns). */
    private final boolean columnsGiven;

    private transient DelimitedRows rows;
    private transient int sourceColumn;
    private transient int targetColumn;
    private transient String sourceName;
    private transient String targetName;
    private transient long lastLine;
    private transient ParallelPair pending;
    private transient boolean exhausted;

    /** Blank lines skipped since the file was opened. */
    private long skippedBlank;

    /**
     * Creates a reader of {@code source<TAB>target} lines.
     *
     * @param reverse when {@code true}, column 2 becomes the source and column 1 the target
     */
    public ParallelTextReader(boolean reverse) {
        this(reverse, DataFormat.DEFAULT);
    }

    /**
     * Creates a reader for files of a given shape.
     *
     * @param reverse when {@code true}, the sides are swapped after reading
     * @param format the delimiter, header and {@link DataFormat#SOURCE}/{@link DataFormat#TARGET}
     *     columns; without those columns, the first two columns of a headerless file
     * @throws IllegalArgumentException when only one of the two columns is given, or one is given
     *     more than once
     */
    public ParallelTextReader(boolean reverse, DataFormat format) {
        this.reverse = reverse;
        this.format = Objects.requireNonNull(format, "format");
        List<String> source = format.columns(DataFormat.SOURCE);
        List<String> target = format.columns(DataFormat.TARGET);
        if (source.size() > 1 || target.size() > 1) {
            throw new IllegalArgumentException(
                    "--source-column and --target-column take one column each, received: "
                            + (source.size() > 1 ? "--source-column " + source : "")
                            + (target.size() > 1 ? " --target-column " + target : ""));
        }
        if (source.isEmpty() != target.isEmpty()) {
            throw new IllegalArgumentException(
                    source.isEmpty()
                            ? "--target-column needs --source-column too, received only"
                                    + " --target-column "
                                    + target.get(0)
                            : "--source-column needs --target-column too, received only"
                                    + " --source-column "
                                    + source.get(0));
        }
        this.columnsGiven = !source.isEmpty();
    }

    /**
     * Reads a whole file of {@code source<TAB>target} lines.
     *
     * @param file a {@code source<TAB>target} file, optionally gzipped ({@code .gz})
     * @param reverse when {@code true}, the sides are swapped
     * @return the pairs in file order, each with its line number
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a line is malformed or the file holds no pair
     */
    public static List<ParallelPair> readAll(Path file, boolean reverse) throws IOException {
        return readAll(file, reverse, DataFormat.DEFAULT);
    }

    /**
     * Reads a whole file of a given shape.
     *
     * @param file a delimited file, optionally gzipped ({@code .gz})
     * @param reverse when {@code true}, the sides are swapped
     * @param format the delimiter, header and source/target columns (see the class comment)
     * @return the pairs in file order, each with its (first) line number
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a line is malformed, a column is not in the file, or the
     *     file holds no pair
     * @throws IllegalArgumentException when only one of the two columns is given
     */
    public static List<ParallelPair> readAll(Path file, boolean reverse, DataFormat format)
            throws IOException {
        Objects.requireNonNull(file, "file");
        List<ParallelPair> out = new ArrayList<>();
        long blank;
        boolean table;
        try (ParallelTextReader r = new ParallelTextReader(reverse, format)) {
            table = r.columnsGiven;
            r.initialize(file);
            while (r.hasNext()) {
                out.add(r.nextPair());
            }
            blank = r.skippedBlankLines();
        }
        if (out.isEmpty()) {
            throw new MalformedDataException(
                    file,
                    0,
                    table
                            ? "expected rows with a source and a target, found none"
                            : "expected source<TAB>target lines, found none");
        }
        LOG.debug("read {} pairs from {} ({} blank lines skipped)", out.size(), file, blank);
        return out;
    }

    /**
     * Opens the single location of the split.
     *
     * @param split a split with exactly one location, the data file
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when the split does not have exactly one location
     */
    @Override
    public void initialize(InputSplit split) throws IOException {
        URI[] locations = split.locations();
        if (locations == null || locations.length != 1) {
            throw new IllegalArgumentException(
                    "ParallelTextReader reads one file, received: locations="
                            + (locations == null ? 0 : locations.length));
        }
        initialize(Paths.get(locations[0]));
    }

    /**
     * Opens a data file directly, closing any file opened before.
     *
     * @param file a delimited file, optionally gzipped ({@code .gz})
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a {@code .gz} file is not in gzip format, the file is
     *     empty, or a column is not in its header
     */
    public void initialize(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        close();
        path = file;
        pending = null;
        exhausted = false;
        skippedBlank = 0;
        DataFormat shape =
                columnsGiven
                        ? format
                        : new DataFormat(
                                format.delimiter() == null ? "tab" : format.delimiter(),
                                false,
                                Map.of(),
                                null,
                                1);
        DelimitedRows opened = DelimitedRows.open(file, shape);
        try {
            List<String> header = opened.header();
            if (columnsGiven) {
                sourceColumn =
                        DataFormat.resolve(
                                format.columns(DataFormat.SOURCE).get(0),
                                header,
                                DataFormat.SOURCE,
                                file);
                targetColumn =
                        DataFormat.resolve(
                                format.columns(DataFormat.TARGET).get(0),
                                header,
                                DataFormat.TARGET,
                                file);
                if (sourceColumn == targetColumn) {
                    throw new DelimitedRows.Fatal(
                            file,
                            0,
                            "--source-column "
                                    + format.columns(DataFormat.SOURCE).get(0)
                                    + " and --target-column "
                                    + format.columns(DataFormat.TARGET).get(0)
                                    + " name the same column",
                            null);
                }
            } else {
                sourceColumn = 0;
                targetColumn = 1;
            }
            sourceName = name(header, sourceColumn);
            targetName = name(header, targetColumn);
            lastLine = header == null ? 0 : 1;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        rows = opened;
    }

    private static String name(List<String> header, int column) {
        return "column " + (column + 1) + (header == null ? "" : " (" + header.get(column) + ")");
    }

    /**
     * Returns how many blank lines were skipped since the file was opened.
     *
     * @return the count of empty or white-space-only lines read so far
     */
    public long skippedBlankLines() {
        return skippedBlank;
    }

    /**
     * Returns whether the sides are swapped.
     *
     * @return the {@code reverse} setting
     */
    public boolean reverse() {
        return reverse;
    }

    /**
     * Returns the shape of the files this reader reads.
     *
     * @return the format
     */
    public DataFormat format() {
        return format;
    }

    /**
     * Reads the next pair.
     *
     * @return the pair, sides swapped when the reader reverses
     * @throws NoSuchElementException at the end of the file
     * @throws MalformedDataException when the next non-blank line is malformed
     */
    public ParallelPair nextPair() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more pairs in " + path);
        }
        ParallelPair p = pending;
        pending = null;
        return p;
    }

    /**
     * {@inheritDoc}
     *
     * @throws MalformedDataException when the next non-blank line is malformed
     */
    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        if (rows == null) {
            throw new IllegalStateException(
                    "reader not initialized or closed: call initialize(...) first");
        }
        if (!rows.hasNext()) {
            // the reader counts one line past the last when it meets the end of the file
            skippedBlank += Math.max(0, rows.linesRead() - 1 - lastLine);
            exhausted = true;
            return false;
        }
        DelimitedRows.Row row = rows.next();
        skippedBlank += row.line() - lastLine - 1;
        lastLine = rows.linesRead();
        pending = parse(row.fields(), row.line());
        return true;
    }

    private ParallelPair parse(List<String> fields, long line) {
        int needed = Math.max(sourceColumn, targetColumn) + 1;
        if (fields.size() < needed) {
            if (!columnsGiven && rows.delimiter() == '\t') {
                throw new MalformedDataException(path, line, EXPECTED + "no tab");
            }
            throw new MalformedDataException(
                    path,
                    line,
                    "expected at least "
                            + needed
                            + " columns separated by '"
                            + (rows.delimiter() == '\t' ? "\\t" : rows.delimiter())
                            + "' (source in "
                            + sourceName
                            + ", target in "
                            + targetName
                            + "), found "
                            + fields.size());
        }
        String source = fields.get(sourceColumn).strip();
        String target = fields.get(targetColumn).strip();
        if (source.isEmpty()) {
            throw new MalformedDataException(path, line, empty("source", sourceName));
        }
        if (target.isEmpty()) {
            throw new MalformedDataException(path, line, empty("target", targetName));
        }
        return reverse
                ? new ParallelPair(target, source, line)
                : new ParallelPair(source, target, line);
    }

    private String empty(String side, String column) {
        return (columnsGiven ? "expected a " + side + " sentence, found " : EXPECTED)
                + "an empty "
                + side
                + " in "
                + column;
    }

    /** {@inheritDoc} */
    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    /** {@inheritDoc} */
    @Override
    public Record nextRecord() {
        ParallelPair p = nextPair();
        Record r =
                new org.datavec.api.records.impl.Record(
                        List.of(new Text(p.source()), new Text(p.target())),
                        new RecordMetaDataLine(
                                (int) p.line(), path.toUri(), ParallelTextReader.class));
        invokeListeners(r);
        return r;
    }

    /**
     * Not supported: records are read from a file in order.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException(
                "ParallelTextReader reads files; use initialize(Path) and next()");
    }

    /** {@inheritDoc} */
    @Override
    public void close() throws IOException {
        if (rows != null) {
            DelimitedRows r = rows;
            rows = null;
            r.close();
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ParallelTextReader(reverse="
                + reverse
                + (format.equals(DataFormat.DEFAULT) ? "" : ", " + format)
                + (path == null ? "" : ", " + path)
                + ")";
    }
}
