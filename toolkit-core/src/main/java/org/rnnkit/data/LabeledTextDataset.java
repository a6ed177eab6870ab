package org.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;

/**
 * An in-memory list of labelled texts read from one source.
 *
 * @param examples the examples in source order
 * @param source where they came from (a path, or a description for generated data)
 * @param skippedRows how many malformed rows were skipped while reading
 * @param droppedRows how many well-formed rows were dropped on purpose: by the label map's {@code
 *     skip} or because their label had fewer than {@link DataFormat#minLabelCount()} examples
 */
public record LabeledTextDataset(
        List<LabeledText> examples, String source, long skippedRows, long droppedRows) {

    /**
     * Validates and freezes the dataset.
     *
     * @param examples see {@link #examples()}
     * @param source see {@link #source()}
     * @param skippedRows see {@link #skippedRows()}
     * @param droppedRows see {@link #droppedRows()}
     * @throws IllegalArgumentException when a count is negative
     */
    public LabeledTextDataset {
        examples = List.copyOf(examples);
        Objects.requireNonNull(source, "source");
        if (skippedRows < 0 || droppedRows < 0) {
            throw new IllegalArgumentException(
                    "skippedRows and droppedRows must be >= 0, received: skippedRows="
                            + skippedRows
                            + ", droppedRows="
                            + droppedRows);
        }
    }

    /**
     * Creates a dataset with no dropped rows.
     *
     * @param examples see {@link #examples()}
     * @param source see {@link #source()}
     * @param skippedRows see {@link #skippedRows()}
     */
    public LabeledTextDataset(List<LabeledText> examples, String source, long skippedRows) {
        this(examples, source, skippedRows, 0);
    }

    /**
     * Reads a labelled text file or directory through {@link LabeledTextRecordReader}.
     *
     * @param path a TSV/CSV file (optionally gzipped) or an aclImdb-style directory
     * @param skipBadRows count and skip malformed rows instead of failing on the first
     * @return the dataset
     * @throws IOException when the path cannot be read
     * @throws MalformedDataException when a row is malformed (and not skipped) or no example
     *     remains
     */
    public static LabeledTextDataset read(Path path, boolean skipBadRows) throws IOException {
        return read(path, skipBadRows, DataFormat.DEFAULT);
    }

    /**
     * Reads a labelled text file or directory of a given shape through {@link
     * LabeledTextRecordReader}, then drops labels with fewer than {@code format.minLabelCount()}
     * examples.
     *
     * @param path a delimited file (optionally gzipped) or a directory with one folder per label
     * @param skipBadRows count and skip malformed rows instead of failing on the first
     * @param format which columns hold text and label, the delimiter, header and label map
     * @return the dataset
     * @throws IOException when the path cannot be read
     * @throws MalformedDataException when a row is malformed (and not skipped) or no example
     *     remains
     */
    public static LabeledTextDataset read(Path path, boolean skipBadRows, DataFormat format)
            throws IOException {
        List<LabeledText> out = new ArrayList<>();
        try (LabeledTextRecordReader reader = new LabeledTextRecordReader(skipBadRows, format)) {
            reader.initialize(path);
            while (reader.hasNext()) {
                out.add(example(reader.nextRecord(), path));
            }
            long dropped = reader.droppedRows();
            if (format.minLabelCount() > 1) {
                Map<String, Integer> counts = new TreeMap<>();
                out.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
                int before = out.size();
                out.removeIf(e -> counts.get(e.label()) < format.minLabelCount());
                dropped += before - out.size();
            }
            if (out.isEmpty()) {
                throw noExamples(path, reader.skippedRows(), dropped);
            }
            return new LabeledTextDataset(out, path.toString(), reader.skippedRows(), dropped);
        }
    }

    /**
     * The example a {@link LabeledTextRecordReader} record holds, named by the file and line the
     * record came from ({@code path} when the record names no file).
     */
    static LabeledText example(Record r, Path path) {
        RecordMetaDataLine meta = (RecordMetaDataLine) r.getMetaData();
        String source = meta.getURI() == null ? path.toString() : Path.of(meta.getURI()).toString();
        return new LabeledText(
                r.getRecord().get(0).toString(),
                r.getRecord().get(1).toString(),
                source,
                meta.getLineNumber());
    }

    /** The error of a read that left no example, with the rows it skipped and dropped. */
    static MalformedDataException noExamples(Path path, long skippedRows, long droppedRows) {
        return new MalformedDataException(
                path,
                0,
                "expected at least one example, found none"
                        + (skippedRows > 0 ? " (" + skippedRows + " bad rows skipped)" : "")
                        + (droppedRows > 0
                                ? " ("
                                        + droppedRows
                                        + " rows dropped by the label"
                                        + " map or --min-label-count)"
                                : ""));
    }

    /**
     * Returns the distinct labels in lexical order, which fixes the class index of each label.
     *
     * @return the sorted label names
     */
    public List<String> labels() {
        TreeSet<String> set = new TreeSet<>();
        examples.forEach(e -> set.add(e.label()));
        return List.copyOf(set);
    }

    /**
     * Returns the number of examples.
     *
     * @return the size
     */
    public int size() {
        return examples.size();
    }

    /**
     * Splits off a seeded random fraction, stratified by label so both parts keep the class
     * balance.
     *
     * @param fraction the share for the second part, in (0, 1)
     * @param seed the shuffle seed
     * @return two datasets: {@code [rest, heldOut]}
     * @throws IllegalArgumentException when the fraction is outside (0, 1) or a part would be empty
     */
    public List<LabeledTextDataset> split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "fraction must be in (0, 1), received: fraction=" + fraction);
        }
        List<LabeledText> keep = new ArrayList<>();
        List<LabeledText> held = new ArrayList<>();
        for (String label : labels()) {
            List<LabeledText> group = new ArrayList<>();
            for (LabeledText e : examples) {
                if (e.label().equals(label)) {
                    group.add(e);
                }
            }
            Collections.shuffle(group, new Random(seed ^ label.hashCode()));
            int n = (int) Math.round(group.size() * fraction);
            held.addAll(group.subList(0, n));
            keep.addAll(group.subList(n, group.size()));
        }
        if (keep.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException(
                    "splitting "
                            + size()
                            + " examples with fraction "
                            + fraction
                            + " leaves an empty part; provide more data or a separate dev file");
        }
        Collections.shuffle(keep, new Random(seed));
        Collections.shuffle(held, new Random(seed + 1));
        return List.of(
                new LabeledTextDataset(keep, source + " (train part)", skippedRows, droppedRows),
                new LabeledTextDataset(held, source + " (held-out part)", 0));
    }
}
