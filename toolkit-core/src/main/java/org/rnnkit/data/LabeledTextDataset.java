package org.rnnkit.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;

/**
 * An in-memory list of labelled texts read from one source.
 *
 * @param examples the examples in source order
 * @param source where they came from (a path, or a description for generated data)
 * @param skippedRows how many malformed rows were skipped while reading
 */
public record LabeledTextDataset(List<LabeledText> examples, String source, long skippedRows) {

    /**
     * Validates and freezes the dataset.
     *
     * @param examples see {@link #examples()}
     * @param source see {@link #source()}
     * @param skippedRows see {@link #skippedRows()}
     * @throws IllegalArgumentException when {@code skippedRows} is negative
     */
    public LabeledTextDataset {
        examples = List.copyOf(examples);
        Objects.requireNonNull(source, "source");
        if (skippedRows < 0) {
            throw new IllegalArgumentException(
                    "skippedRows must be >= 0, received: skippedRows=" + skippedRows);
        }
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
        List<LabeledText> out = new ArrayList<>();
        try (LabeledTextRecordReader reader = new LabeledTextRecordReader(skipBadRows)) {
            reader.initialize(path);
            while (reader.hasNext()) {
                Record r = reader.nextRecord();
                RecordMetaDataLine meta = (RecordMetaDataLine) r.getMetaData();
                String source =
                        meta.getURI() == null ? path.toString() : Path.of(meta.getURI()).toString();
                out.add(
                        new LabeledText(
                                r.getRecord().get(0).toString(),
                                r.getRecord().get(1).toString(),
                                source,
                                meta.getLineNumber()));
            }
            if (out.isEmpty()) {
                throw new MalformedDataException(
                        path,
                        0,
                        "expected at least one example, found none"
                                + (reader.skippedRows() > 0
                                        ? " (" + reader.skippedRows() + " bad rows skipped)"
                                        : ""));
            }
            return new LabeledTextDataset(out, path.toString(), reader.skippedRows());
        }
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
                new LabeledTextDataset(keep, source + " (train part)", skippedRows),
                new LabeledTextDataset(held, source + " (held-out part)", 0));
    }
}
