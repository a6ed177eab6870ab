package org.rnnkit.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.text.Vocabulary;

/**
 * Pads source and target id sequences into teacher-forcing batches for an encoder-decoder model
 * (Sutskever et al., 2014, "Sequence to Sequence Learning with Neural Networks"; Bahdanau et al.,
 * 2015, for the attention variant).
 *
 * <p>For a pair with source ids {@code s} and target ids {@code t} (without BOS or EOS) the batch
 * holds, in DL4J layout and with padding after the real steps (right padding):
 *
 * <ul>
 *   <li>{@link SequenceBatch#features()}: the source ids, {@code [batch, 1, S]}, padded with {@link
 *       Vocabulary#PAD}; {@link SequenceBatch#featuresMask()} {@code [batch, S]}, 1 = real step.
 *   <li>{@link SequenceBatch#extraInputs()}{@code [}{@link #DECODER_INPUT}{@code ]}: the decoder
 *       input {@code BOS t1 ... tn}, {@code [batch, 1, T]}, with its mask {@code [batch, T]} in
 *       {@link SequenceBatch#extraMasks()} at the same index.
 *   <li>{@link SequenceBatch#labels()}: {@code t1 ... tn EOS} one-hot, {@code [batch,
 *       targetVocabularySize, T]}, all zero at padded steps; {@link SequenceBatch#labelsMask()}
 *       equals the decoder mask. So the decoder reads BOS and must predict {@code t1}, reads {@code
 *       t1} and must predict {@code t2}, and so on, and must end with EOS.
 * </ul>
 *
 * Here {@code S} is the longest (truncated) source in the batch and {@code T} the longest target
 * plus one. {@link SequenceBatch#realSteps()} counts the real source steps, matching {@link
 * SequenceBatch#computedSteps()}, which counts source steps.
 *
 * <p>Truncation keeps the start of a sequence: a source keeps its first {@code maxSourceLength}
 * ids; {@code maxTargetLength} bounds the decoder steps {@code T}, EOS included, so a target keeps
 * its first {@code maxTargetLength - 1} ids and the model still learns to stop.
 */
public final class Seq2SeqBatcher {

    /** The index of the decoder input in {@link SequenceBatch#extraInputs()}. */
    public static final int DECODER_INPUT = 0;

    private final int targetVocabularySize;
    private final int maxSourceLength;
    private final int maxTargetLength;
    private final boolean sparseLabels;

    private Seq2SeqBatcher(Builder b) {
        this.targetVocabularySize = b.targetVocabularySize;
        this.maxSourceLength = b.maxSourceLength;
        this.maxTargetLength = b.maxTargetLength;
        this.sparseLabels = b.sparseLabels;
    }

    /**
     * Starts a batcher configuration.
     *
     * @return a builder without length limits; the target vocabulary size is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of target classes.
     *
     * @return the size of the label dimension
     */
    public int targetVocabularySize() {
        return targetVocabularySize;
    }

    /**
     * Returns the source length limit.
     *
     * @return the most source ids kept per sequence
     */
    public int maxSourceLength() {
        return maxSourceLength;
    }

    /**
     * Returns the decoder length limit.
     *
     * @return the most decoder steps per sequence, EOS included
     */
    public int maxTargetLength() {
        return maxTargetLength;
    }

    /**
     * Builds a teacher-forcing training batch.
     *
     * @param sources source id sequences, each non-empty, ids {@code >= 0}
     * @param targets target id sequences without BOS and EOS (may be empty), ids in {@code [0,
     *     targetVocabularySize)}, one per source
     * @return the batch: source features, one-hot labels, and the decoder input as extra input
     *     {@link #DECODER_INPUT}
     * @throws IllegalArgumentException when the lists are empty or differ in size, a source is
     *     empty, or an id is out of range
     */
    public SequenceBatch batch(List<int[]> sources, List<int[]> targets) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(targets, "targets");
        if (targets.size() != sources.size()) {
            throw new IllegalArgumentException(
                    "expected one target per source, received: "
                            + targets.size()
                            + " targets for "
                            + sources.size()
                            + " sources");
        }
        SequenceBatch target = targets(targets);
        SequenceBatch source = sources(sources);
        return new SequenceBatch(
                source.features(),
                target.labels(),
                source.featuresMask(),
                target.labelsMask(),
                source.realSteps(),
                new INDArray[] {target.features()},
                new INDArray[] {target.featuresMask()});
    }

    /**
     * Builds the decoder side of a batch for a decoder conditioned on something other than a source
     * sequence (an image): features are the decoder input {@code [batch, 1, T]} (BOS, then the
     * target shifted by one; teacher forcing), labels the next ids (EOS last) as indices {@code
     * [batch, 1, T]} or one-hot rows {@code [batch, V, T]}, and both masks {@code [batch, T]} mark
     * the real steps (target length + 1, truncated to {@code maxTargetLength}).
     *
     * @param targets target id sequences without BOS and EOS (may be empty), ids in {@code [0,
     *     targetVocabularySize)}
     * @return the batch
     * @throws IllegalArgumentException when the list is empty or an id is out of range
     */
    public SequenceBatch targets(List<int[]> targets) {
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(
                    "targets must not be empty, received: targets.size()=0");
        }
        int batch = targets.size();
        int time = 0;
        for (int i = 0; i < batch; i++) {
            int[] t = Objects.requireNonNull(targets.get(i), "targets[" + i + "]");
            for (int j = 0; j < t.length; j++) {
                if (t[j] < 0 || t[j] >= targetVocabularySize) {
                    throw new IllegalArgumentException(
                            "target id at step "
                                    + j
                                    + " of sequence "
                                    + i
                                    + " must be in [0, "
                                    + targetVocabularySize
                                    + "), received: "
                                    + t[j]);
                }
            }
            time = Math.max(time, decoderSteps(t.length));
        }
        float[] input = new float[batch * time];
        float[] mask = new float[batch * time];
        int classes = sparseLabels ? 1 : targetVocabularySize;
        float[] oneHot = new float[batch * classes * time];
        long real = 0;
        for (int i = 0; i < batch; i++) {
            int[] t = targets.get(i);
            int steps = decoderSteps(t.length);
            real += steps;
            for (int k = 0; k < steps; k++) {
                // Step k reads the previous target token (BOS first) and predicts the next one
                // (EOS last), the usual one-step shift of teacher forcing.
                input[i * time + k] = k == 0 ? Vocabulary.BOS : t[k - 1];
                mask[i * time + k] = 1f;
                int label = k == steps - 1 ? Vocabulary.EOS : t[k];
                if (sparseLabels) {
                    oneHot[i * time + k] = label;
                } else {
                    oneHot[(i * targetVocabularySize + label) * time + k] = 1f;
                }
            }
        }
        INDArray decoderInput = Nd4j.create(input, new long[] {batch, 1, time}, DataType.FLOAT);
        INDArray decoderMask = Nd4j.create(mask, new long[] {batch, time}, DataType.FLOAT);
        INDArray labels = Nd4j.create(oneHot, new long[] {batch, classes, time}, DataType.FLOAT);
        return new SequenceBatch(decoderInput, labels, decoderMask, decoderMask.dup(), real);
    }

    /**
     * Builds an inference batch of sources only: features {@code [batch, 1, S]} and mask {@code
     * [batch, S]}, truncated and padded as in {@link #batch}; no labels, no decoder input (a
     * decoder then starts from {@link Vocabulary#BOS} and feeds back its own predictions).
     *
     * @param sources source id sequences, each non-empty, ids {@code >= 0}
     * @return the batch, with {@code labels == null}
     * @throws IllegalArgumentException when the list or a sequence is empty, or an id is negative
     */
    public SequenceBatch sources(List<int[]> sources) {
        Objects.requireNonNull(sources, "sources");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    "sources must not be empty, received: sources.size()=0");
        }
        int batch = sources.size();
        int time = 0;
        for (int i = 0; i < batch; i++) {
            int[] s = Objects.requireNonNull(sources.get(i), "sources[" + i + "]");
            if (s.length == 0) {
                throw new IllegalArgumentException(
                        "source " + i + " of the batch is empty; every source needs an id");
            }
            for (int j = 0; j < s.length; j++) {
                if (s[j] < 0) {
                    throw new IllegalArgumentException(
                            "source id at step "
                                    + j
                                    + " of sequence "
                                    + i
                                    + " must be >= 0, received: "
                                    + s[j]);
                }
            }
            time = Math.max(time, Math.min(s.length, maxSourceLength));
        }
        float[] ids = new float[batch * time];
        float[] mask = new float[batch * time];
        long real = 0;
        for (int i = 0; i < batch; i++) {
            int[] s = sources.get(i);
            int len = Math.min(s.length, maxSourceLength);
            for (int t = 0; t < len; t++) {
                ids[i * time + t] = s[t];
                mask[i * time + t] = 1f;
            }
            real += len;
        }
        return new SequenceBatch(
                Nd4j.create(ids, new long[] {batch, 1, time}, DataType.FLOAT),
                null,
                Nd4j.create(mask, new long[] {batch, time}, DataType.FLOAT),
                null,
                real);
    }

    /** Decoder steps for a target of {@code length} ids: the kept ids plus EOS. */
    private int decoderSteps(int length) {
        return Math.min(length, maxTargetLength - 1) + 1;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Seq2SeqBatcher(targetVocabularySize=")
                        .append(targetVocabularySize);
        if (maxSourceLength != Integer.MAX_VALUE) {
            sb.append(", maxSourceLength=").append(maxSourceLength);
        }
        if (maxTargetLength != Integer.MAX_VALUE) {
            sb.append(", maxTargetLength=").append(maxTargetLength);
        }
        return sb.append(')').toString();
    }

    /** Configures a {@link Seq2SeqBatcher}. */
    public static final class Builder {
        private int targetVocabularySize = -1;
        private int maxSourceLength = Integer.MAX_VALUE;
        private int maxTargetLength = Integer.MAX_VALUE;
        private boolean sparseLabels;

        private Builder() {}

        /**
         * Sets the number of target classes (required).
         *
         * @param targetVocabularySize the target vocabulary's size, more than {@link
         *     Vocabulary#EOS}
         * @return this builder
         */
        public Builder setTargetVocabularySize(int targetVocabularySize) {
            this.targetVocabularySize = targetVocabularySize;
            return this;
        }

        /**
         * Sets the source length limit.
         *
         * @param maxSourceLength the most source ids kept per sequence, at least 1
         * @return this builder
         */
        public Builder optMaxSourceLength(int maxSourceLength) {
            this.maxSourceLength = maxSourceLength;
            return this;
        }

        /**
         * Sets the decoder length limit.
         *
         * @param maxTargetLength the most decoder steps per sequence, EOS included, at least 1
         * @return this builder
         */
        public Builder optMaxTargetLength(int maxTargetLength) {
            this.maxTargetLength = maxTargetLength;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the batcher
         * @throws IllegalArgumentException when the target vocabulary size is missing or too small
         *     to hold EOS, or a length limit is below 1
         */
        /**
         * Writes labels as class indices {@code [batch, 1, T]} (for DL4J's sparse cross-entropy)
         * instead of one-hot rows {@code [batch, V, T]}: {@code V} times less memory and copying.
         *
         * @param sparse whether labels are indices (default one-hot)
         * @return this builder
         */
        public Builder optSparseLabels(boolean sparse) {
            this.sparseLabels = sparse;
            return this;
        }

        /**
         * Validates the settings and builds the batcher.
         *
         * @return the batcher
         */
        public Seq2SeqBatcher build() {
            if (targetVocabularySize <= Vocabulary.EOS) {
                throw new IllegalArgumentException(
                        "targetVocabularySize must be > "
                                + Vocabulary.EOS
                                + " (the reserved ids PAD, UNK, BOS, EOS), received:"
                                + " targetVocabularySize="
                                + targetVocabularySize);
            }
            Arguments.atLeast("maxSourceLength", maxSourceLength, 1);
            Arguments.atLeast("maxTargetLength", maxTargetLength, 1);
            return new Seq2SeqBatcher(this);
        }
    }
}
