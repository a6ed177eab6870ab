package org.rnnkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded, label-stratified split of row indices: the same rows, in the same order, that {@link
 * LabeledTextDataset#split(double, long)} puts in each part, computed from the rows' labels alone,
 * so that a corpus too large to hold as text can be split by index.
 *
 * <p>Rows are grouped by label (labels in lexical order, rows in source order); each group is
 * shuffled with {@code new Random(seed ^ label.hashCode())} and its first {@code round(size *
 * fraction)} rows are held out; then the kept part is shuffled with {@code new Random(seed)} and
 * the held-out part with {@code new Random(seed + 1)}. The shuffles are {@link
 * java.util.Collections#shuffle(List, Random)}'s algorithm on {@code int} arrays.
 *
 * @param kept the row indices of the first part (training), in its order
 * @param heldOut the row indices of the second part (dev), in its order
 */
public record StratifiedSplit(int[] kept, int[] heldOut) {

    /**
     * Validates the parts.
     *
     * @param kept see {@link #kept()}
     * @param heldOut see {@link #heldOut()}
     */
    public StratifiedSplit {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(heldOut, "heldOut");
    }

    /**
     * Splits rows by label.
     *
     * @param rowLabels the label of each row, as an index into {@code labelNames}
     * @param labelNames the label names (any order; the split orders them lexically)
     * @param fraction the share held out, in (0, 1)
     * @param seed the shuffle seed
     * @return the two parts
     * @throws IllegalArgumentException when the fraction is outside (0, 1), a row's label index is
     *     out of range, or a part would be empty
     */
    public static StratifiedSplit of(
            int[] rowLabels, List<String> labelNames, double fraction, long seed) {
        Objects.requireNonNull(rowLabels, "rowLabels");
        Objects.requireNonNull(labelNames, "labelNames");
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "fraction must be in (0, 1), received: fraction=" + fraction);
        }
        int labels = labelNames.size();
        int[] counts = new int[labels];
        for (int i = 0; i < rowLabels.length; i++) {
            int label = rowLabels[i];
            if (label < 0 || label >= labels) {
                throw new IllegalArgumentException(
                        "label index of row "
                                + i
                                + " must be in [0, "
                                + labels
                                + "), received: "
                                + label);
            }
            counts[label]++;
        }
        int[][] groups = new int[labels][];
        for (int label = 0; label < labels; label++) {
            groups[label] = new int[counts[label]];
        }
        int[] filled = new int[labels];
        for (int i = 0; i < rowLabels.length; i++) {
            groups[rowLabels[i]][filled[rowLabels[i]]++] = i;
        }
        List<Integer> order = new ArrayList<>(labels);
        for (int label = 0; label < labels; label++) {
            order.add(label);
        }
        order.sort(Comparator.comparing(labelNames::get));
        int[] kept = new int[rowLabels.length];
        int[] held = new int[rowLabels.length];
        int keptSize = 0;
        int heldSize = 0;
        for (int label : order) {
            int[] group = groups[label];
            if (group.length == 0) {
                continue;
            }
            shuffle(group, new Random(seed ^ labelNames.get(label).hashCode()));
            int n = (int) Math.round(group.length * fraction);
            System.arraycopy(group, 0, held, heldSize, n);
            heldSize += n;
            System.arraycopy(group, n, kept, keptSize, group.length - n);
            keptSize += group.length - n;
        }
        if (keptSize == 0 || heldSize == 0) {
            throw new IllegalArgumentException(
                    "splitting "
                            + rowLabels.length
                            + " examples with fraction "
                            + fraction
                            + " leaves an empty part; provide more data or a separate dev file");
        }
        kept = Arrays.copyOf(kept, keptSize);
        held = Arrays.copyOf(held, heldSize);
        shuffle(kept, new Random(seed));
        shuffle(held, new Random(seed + 1));
        return new StratifiedSplit(kept, held);
    }

    /** {@link java.util.Collections#shuffle(List, Random)} on an array: the same permutation. */
    private static void shuffle(int[] values, Random random) {
        for (int i = values.length; i > 1; i--) {
            int j = random.nextInt(i);
            int swap = values[i - 1];
            values[i - 1] = values[j];
            values[j] = swap;
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof StratifiedSplit s
                && Arrays.equals(kept, s.kept)
                && Arrays.equals(heldOut, s.heldOut);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(kept) + Arrays.hashCode(heldOut);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "StratifiedSplit(kept=" + kept.length + " rows, heldOut=" + heldOut.length + ")";
    }
}
