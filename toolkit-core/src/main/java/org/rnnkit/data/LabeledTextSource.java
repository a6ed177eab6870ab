package org.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Labelled texts that can be read more than once, one example at a time: a file streamed through
 * {@link LabeledTextRecordReader} on every pass (no text is kept between passes), or a {@link
 * LabeledTextDataset} already in memory. Multi-pass pipelines (count labels, then tokenize) use it
 * to handle files larger than the heap the same way as in-memory data.
 *
 * <p>A file source gives exactly the examples, in the same order, that {@link
 * LabeledTextDataset#read(Path, boolean, DataFormat)} would hold. When the format drops rare labels
 * ({@link DataFormat#minLabelCount()} above 1), the first pass is preceded by one that counts the
 * labels (only the counts are kept).
 */
public final class LabeledTextSource {

    private final Path path;
    private final boolean skipBadRows;
    private final DataFormat format;
    private final LabeledTextDataset dataset;
    private Map<String, Long> labelCounts;
    private long skippedRows;
    private long droppedRows;

    private LabeledTextSource(
            Path path, boolean skipBadRows, DataFormat format, LabeledTextDataset dataset) {
        this.path = path;
        this.skipBadRows = skipBadRows;
        this.format = format;
        this.dataset = dataset;
        this.skippedRows = dataset == null ? 0 : dataset.skippedRows();
        this.droppedRows = dataset == null ? 0 : dataset.droppedRows();
    }

    /**
     * A file or directory of rnnkit's own shape ({@link DataFormat#DEFAULT}), read by {@link
     * LabeledTextRecordReader} on every pass.
     *
     * @param path a TSV/CSV file (optionally gzipped) or an aclImdb-style directory
     * @param skipBadRows count and skip malformed rows instead of failing on the first
     * @return the source
     */
    public static LabeledTextSource of(Path path, boolean skipBadRows) {
        return of(path, skipBadRows, DataFormat.DEFAULT);
    }

    /**
     * A file or directory of a given shape, read by {@link LabeledTextRecordReader} on every pass.
     *
     * @param path a delimited file (optionally gzipped) or a directory with one folder per label
     * @param skipBadRows count and skip malformed rows instead of failing on the first
     * @param format which columns hold text and label, the delimiter, header and label map
     * @return the source
     */
    public static LabeledTextSource of(Path path, boolean skipBadRows, DataFormat format) {
        return new LabeledTextSource(
                Objects.requireNonNull(path, "path"),
                skipBadRows,
                Objects.requireNonNull(format, "format"),
                null);
    }

    /**
     * Examples already in memory.
     *
     * @param dataset the examples
     * @return the source
     */
    public static LabeledTextSource of(LabeledTextDataset dataset) {
        return new LabeledTextSource(
                null, false, DataFormat.DEFAULT, Objects.requireNonNull(dataset, "dataset"));
    }

    /**
     * Returns where the examples come from, as {@link LabeledTextDataset#source()} would name it.
     *
     * @return the path, or the in-memory dataset's source
     */
    public String source() {
        return dataset == null ? path.toString() : dataset.source();
    }

    /**
     * Returns the file, if the examples come from one.
     *
     * @return the path, or {@code null} for in-memory examples
     */
    public Path path() {
        return path;
    }

    /**
     * Returns how many malformed rows the last complete pass skipped.
     *
     * @return the count (an in-memory dataset's own count)
     */
    public long skippedRows() {
        return skippedRows;
    }

    /**
     * Returns how many well-formed rows the last complete pass dropped on purpose (label map {@code
     * skip}, or a label with fewer than {@link DataFormat#minLabelCount()} examples).
     *
     * @return the count (an in-memory dataset's own count)
     */
    public long droppedRows() {
        return droppedRows;
    }

    /**
     * Reads every example once, in source order.
     *
     * @param action called with each example
     * @return the number of examples
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException when a row is malformed (and not skipped) or no example
     *     remains
     */
    public long forEach(Consumer<LabeledText> action) throws IOException {
        Objects.requireNonNull(action, "action");
        if (dataset != null) {
            dataset.examples().forEach(action);
            return dataset.size();
        }
        if (format.minLabelCount() > 1 && labelCounts == null) {
            Map<String, Long> counts = new HashMap<>();
            read(e -> counts.merge(e.label(), 1L, Long::sum));
            labelCounts = counts;
        }
        long[] count = {0};
        long[] rare = {0};
        long readerDropped =
                read(
                        e -> {
                            if (labelCounts != null
                                    && labelCounts.getOrDefault(e.label(), 0L)
                                            < format.minLabelCount()) {
                                rare[0]++;
                                return;
                            }
                            action.accept(e);
                            count[0]++;
                        });
        long dropped = readerDropped + rare[0];
        if (count[0] == 0) {
            throw LabeledTextDataset.noExamples(path, skippedRows, dropped);
        }
        droppedRows = dropped;
        return count[0];
    }

    /**
     * Streams every row the reader gives; sets {@link #skippedRows} and returns the reader's
     * dropped rows.
     */
    private long read(Consumer<LabeledText> action) throws IOException {
        try (LabeledTextRecordReader reader = new LabeledTextRecordReader(skipBadRows, format)) {
            reader.initialize(path);
            while (reader.hasNext()) {
                action.accept(LabeledTextDataset.example(reader.nextRecord(), path));
            }
            skippedRows = reader.skippedRows();
            return reader.droppedRows();
        }
    }

    /**
     * Returns the example at a position of the source order, by reading up to it (for error
     * messages that name a row's file and line).
     *
     * @param index the 0-based position
     * @return the example
     * @throws IOException when the file cannot be read
     * @throws IndexOutOfBoundsException when the source has fewer examples
     */
    public LabeledText get(long index) throws IOException {
        if (dataset != null) {
            return dataset.examples().get(Math.toIntExact(index));
        }
        LabeledText[] found = new LabeledText[1];
        long[] position = {0};
        long size =
                forEach(
                        e -> {
                            if (position[0]++ == index) {
                                found[0] = e;
                            }
                        });
        if (found[0] == null) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " out of bounds for " + size + " examples in " + path);
        }
        return found[0];
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LabeledTextSource(" + source() + ")";
    }
}
