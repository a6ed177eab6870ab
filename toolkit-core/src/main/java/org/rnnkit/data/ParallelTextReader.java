package org.rnnkit.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.zip.ZipException;
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
 * <p>Format: one pair per line, {@code source<TAB>target}, as in the Tatoeba/Anki {@code
 * fra-eng.txt} exports. Columns after the second (attribution, licence) are ignored; both sides are
 * stripped of surrounding white space. The file is strict UTF-8 (a leading byte order mark is
 * dropped) and is gunzipped when its name ends in {@code .gz}. With {@code reverse} the sides are
 * swapped after reading, so one file serves both translation directions.
 *
 * <p>Blank lines (empty or white space only) carry no pair and are skipped, not rejected, because
 * corpora often end with one or separate sections with them; they are counted ({@link
 * #skippedBlankLines()}) so that a caller can report them. Every other malformed line (no tab, an
 * empty side, invalid UTF-8, a truncated gzip stream) throws {@link MalformedDataException} naming
 * the file, the line and what was expected, for example {@code "fra.txt:12: expected
 * source<TAB>target, found no tab"}.
 */
public final class ParallelTextReader extends FileRecordReader {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParallelTextReader.class);
    private static final String EXPECTED = "expected source<TAB>target, found ";

    /** Whether the sides are swapped after reading. */
    private final boolean reverse;

    private transient Utf8LineReader lines;
    private transient long lineNumber;
    private transient ParallelPair pending;
    private transient boolean exhausted;

    /** Blank lines skipped since the file was opened. */
    private long skippedBlank;

    /**
     * Creates a reader.
     *
     * @param reverse when {@code true}, column 2 becomes the source and column 1 the target
     */
    public ParallelTextReader(boolean reverse) {
        this.reverse = reverse;
    }

    /**
     * Reads a whole file.
     *
     * @param file a {@code source<TAB>target} file, optionally gzipped ({@code .gz})
     * @param reverse when {@code true}, the sides are swapped
     * @return the pairs in file order, each with its line number
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a line is malformed or the file holds no pair
     */
    public static List<ParallelPair> readAll(Path file, boolean reverse) throws IOException {
        Objects.requireNonNull(file, "file");
        List<ParallelPair> out = new ArrayList<>();
        long blank;
        try (ParallelTextReader r = new ParallelTextReader(reverse)) {
            r.initialize(file);
            while (r.hasNext()) {
                out.add(r.nextPair());
            }
            blank = r.skippedBlankLines();
        }
        if (out.isEmpty()) {
            throw new MalformedDataException(
                    file, 0, "expected source<TAB>target lines, found none");
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
     * @param file a {@code source<TAB>target} file, optionally gzipped ({@code .gz})
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a {@code .gz} file is not in gzip format
     */
    public void initialize(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        close();
        path = file;
        lineNumber = 0;
        pending = null;
        exhausted = false;
        skippedBlank = 0;
        lines = Utf8LineReader.open(file);
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
        if (lines == null) {
            throw new IllegalStateException(
                    "reader not initialized or closed: call initialize(...) first");
        }
        String line;
        while ((line = readLine()) != null) {
            if (lineNumber == 1 && line.startsWith("\ufeff")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                skippedBlank++;
                continue;
            }
            pending = parse(line);
            return true;
        }
        exhausted = true;
        return false;
    }

    private String readLine() {
        long next = lineNumber + 1;
        try {
            String l = lines.readLine();
            if (l != null) {
                lineNumber = next;
            }
            return l;
        } catch (CharacterCodingException e) {
            lineNumber = next;
            throw new MalformedDataException(
                    path, next, "expected UTF-8 text, found an invalid byte sequence", e);
        } catch (EOFException | ZipException e) {
            throw new MalformedDataException(
                    path,
                    next,
                    "the gzip stream ends early (truncated or corrupt file): " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new MalformedDataException(path, next, "read error: " + e.getMessage(), e);
        }
    }

    private ParallelPair parse(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new MalformedDataException(path, lineNumber, EXPECTED + "no tab");
        }
        int end = line.indexOf('\t', tab + 1);
        String source = line.substring(0, tab);
        String target = end < 0 ? line.substring(tab + 1) : line.substring(tab + 1, end);
        if (source.isBlank()) {
            throw new MalformedDataException(
                    path, lineNumber, EXPECTED + "an empty source in column 1");
        }
        if (target.isBlank()) {
            throw new MalformedDataException(
                    path, lineNumber, EXPECTED + "an empty target in column 2");
        }
        return reverse
                ? new ParallelPair(target, source, lineNumber)
                : new ParallelPair(source, target, lineNumber);
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
        if (lines != null) {
            Utf8LineReader l = lines;
            lines = null;
            l.close();
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ParallelTextReader(reverse=" + reverse + (path == null ? "" : ", " + path) + ")";
    }
}
