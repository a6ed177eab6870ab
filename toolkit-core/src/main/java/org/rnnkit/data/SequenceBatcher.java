package org.rnnkit.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pads id sequences to the longest one in a batch and builds the masks.
 *
 * <p>Sequences longer than {@code maxLength} are truncated first: {@link Truncation#KEEP_END} drops
 * their beginning (Keras' {@code truncating="pre"}, which keeps a review's conclusion), {@link
 * Truncation#KEEP_START} their end. Padding goes after the real steps ({@link Alignment#START}, the
 * default, which every rnnkit model expects) or before them ({@link Alignment#END}).
 */
public final class SequenceBatcher {

    /** Which part of an over-long sequence is kept. */
    public enum Truncation {
        /** Keep the first {@code maxLength} steps. */
        KEEP_START,
        /** Keep the last {@code maxLength} steps. */
        KEEP_END
    }

    /** Where the real steps sit in the padded batch. */
    public enum Alignment {
        /** Real steps first, padding after them. */
        START,
        /** Padding first, real steps at the end. */
        END
    }

    private final int maxLength;
    private final Truncation truncation;
    private final Alignment alignment;

    private SequenceBatcher(Builder b) {
        this.maxLength = b.maxLength;
        this.truncation = b.truncation;
        this.alignment = b.alignment;
    }

    /**
     * Starts a batcher configuration.
     *
     * @return a builder with no length limit, {@link Truncation#KEEP_END} and {@link
     *     Alignment#START}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the length limit.
     *
     * @return the maximum number of steps kept per sequence
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Returns the length a sequence has after truncation.
     *
     * @param length the original length
     * @return {@code min(length, maxLength)}
     */
    public int truncatedLength(int length) {
        return Math.min(length, maxLength);
    }

    /**
     * Builds an inference batch: features and mask only.
     *
     * @param sequences token id sequences, each non-empty
     * @return the batch, with {@code labels == null}
     * @throws IllegalArgumentException when the list or a sequence is empty
     */
    public SequenceBatch features(List<int[]> sequences) {
        return build(sequences, null, 0, null);
    }

    /**
     * Builds a many-to-many batch with equal lengths: one class per step (a tag per token), labels
     * {@code [batch, numClasses, time]} one-hot at real steps, and a labels mask equal to the
     * features mask, so padding never counts in the loss or in metrics. Truncation and alignment
     * apply to tags exactly as to the steps.
     *
     * @param sequences token id sequences, each non-empty
     * @param classes the class of each step of each sequence (same lengths as {@code sequences})
     * @param numClasses the number of classes
     * @return the batch
     * @throws IllegalArgumentException on empty input, mismatched lengths or a class out of range
     */
    public SequenceBatch manyToMany(List<int[]> sequences, List<int[]> classes, int numClasses) {
        if (classes.size() != sequences.size()) {
            throw new IllegalArgumentException(
                    "expected one class sequence per sequence, got "
                            + classes.size()
                            + " for "
                            + sequences.size()
                            + " sequences");
        }
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).length != sequences.get(i).length) {
                throw new IllegalArgumentException(
                        "sequence "
                                + i
                                + " has "
                                + sequences.get(i).length
                                + " steps but "
                                + classes.get(i).length
                                + " classes");
            }
        }
        return build(sequences, null, numClasses, classes);
    }

    /**
     * Builds a many-to-one batch: one class per sequence, labels {@code [batch, numClasses]}.
     *
     * @param sequences token id sequences, each non-empty
     * @param classes the class index of each sequence
     * @param numClasses the number of classes
     * @return the batch
     * @throws IllegalArgumentException on empty input, mismatched sizes or a class out of range
     */
    public SequenceBatch manyToOne(List<int[]> sequences, int[] classes, int numClasses) {
        if (classes.length != sequences.size()) {
            throw new IllegalArgumentException(
                    "expected one class per sequence, got "
                            + classes.length
                            + " classes for "
                            + sequences.size()
                            + " sequences");
        }
        return build(sequences, classes, numClasses, null);
    }

    private SequenceBatch build(
            List<int[]> sequences, int[] classes, int numClasses, List<int[]> stepClasses) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException(
                    "a batch needs at least one sequence, received none");
        }
        int batch = sequences.size();
        int time = 0;
        for (int i = 0; i < batch; i++) {
            int len = sequences.get(i).length;
            if (len == 0) {
                throw new IllegalArgumentException(
                        "sequence "
                                + i
                                + " of the batch (its position in this batch's list) is empty;"
                                + " every sequence needs at least one step");
            }
            time = Math.max(time, truncatedLength(len));
        }
        float[] ids = new float[batch * time];
        float[] mask = new float[batch * time];
        long real = 0;
        for (int i = 0; i < batch; i++) {
            int[] seq = sequences.get(i);
            int len = truncatedLength(seq.length);
            int from = truncation == Truncation.KEEP_END ? seq.length - len : 0;
            int offset = alignment == Alignment.START ? 0 : time - len;
            for (int t = 0; t < len; t++) {
                ids[i * time + offset + t] = seq[from + t];
                mask[i * time + offset + t] = 1f;
            }
            real += len;
        }
        INDArray features = Nd4j.create(ids, new long[] {batch, 1, time}, DataType.FLOAT);
        INDArray featuresMask = Nd4j.create(mask, new long[] {batch, time}, DataType.FLOAT);
        INDArray labels = null;
        if (classes != null) {
            requireClasses(numClasses);
            float[] oneHot = new float[batch * numClasses];
            for (int i = 0; i < batch; i++) {
                if (classes[i] < 0 || classes[i] >= numClasses) {
                    throw new IllegalArgumentException(
                            "class of sequence "
                                    + i
                                    + " must be in [0, "
                                    + numClasses
                                    + "), received: "
                                    + classes[i]);
                }
                oneHot[i * numClasses + classes[i]] = 1f;
            }
            labels = Nd4j.create(oneHot, new long[] {batch, numClasses}, DataType.FLOAT);
        }
        INDArray labelsMask = null;
        if (stepClasses != null) {
            requireClasses(numClasses);
            float[] oneHot = new float[batch * numClasses * time];
            for (int i = 0; i < batch; i++) {
                int[] tags = stepClasses.get(i);
                int len = truncatedLength(tags.length);
                int from = truncation == Truncation.KEEP_END ? tags.length - len : 0;
                int offset = alignment == Alignment.START ? 0 : time - len;
                for (int t = 0; t < len; t++) {
                    int c = tags[from + t];
                    if (c < 0 || c >= numClasses) {
                        throw new IllegalArgumentException(
                                "class of step "
                                        + (from + t)
                                        + " of sequence "
                                        + i
                                        + " must be in [0, "
                                        + numClasses
                                        + "), received: "
                                        + c);
                    }
                    oneHot[(i * numClasses + c) * time + offset + t] = 1f;
                }
            }
            labels = Nd4j.create(oneHot, new long[] {batch, numClasses, time}, DataType.FLOAT);
            labelsMask = featuresMask.dup();
        }
        return new SequenceBatch(features, labels, featuresMask, labelsMask, real);
    }

    private static void requireClasses(int numClasses) {
        Arguments.atLeast("numClasses", numClasses, 2);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "SequenceBatcher(maxLength="
                + maxLength
                + ", truncation="
                + truncation
                + ", alignment="
                + alignment
                + ")";
    }

    /** Configures a {@link SequenceBatcher}. */
    public static final class Builder {
        private int maxLength = Integer.MAX_VALUE;
        private Truncation truncation = Truncation.KEEP_END;
        private Alignment alignment = Alignment.START;

        private Builder() {}

        /**
         * Sets the length limit.
         *
         * @param maxLength the maximum steps kept per sequence, at least 1
         * @return this builder
         */
        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Sets which part of an over-long sequence is kept.
         *
         * @param truncation the policy
         * @return this builder
         */
        public Builder optTruncation(Truncation truncation) {
            this.truncation = java.util.Objects.requireNonNull(truncation, "truncation");
            return this;
        }

        /**
         * Sets where padding goes.
         *
         * @param alignment the alignment
         * @return this builder
         */
        public Builder optAlignment(Alignment alignment) {
            this.alignment = java.util.Objects.requireNonNull(alignment, "alignment");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the batcher
         * @throws IllegalArgumentException when {@code maxLength < 1}
         */
        public SequenceBatcher build() {
            Arguments.atLeast("maxLength", maxLength, 1);
            return new SequenceBatcher(this);
        }
    }
}
