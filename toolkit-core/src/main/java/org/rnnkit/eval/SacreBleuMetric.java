package org.rnnkit.eval;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Bleu} and {@link ChrF} share as sacreBLEU corpus metrics: a corpus is scored from the
 * statistics of all its segments summed, each hypothesis with one or more references; a corpus with
 * one reference per hypothesis and a single sentence are scored as corpora of that shape; segments
 * are optionally lowercased first.
 *
 * @param <S> the score with its statistics
 */
public abstract sealed class SacreBleuMetric<S> permits Bleu, ChrF {

    private final boolean lowercase;

    SacreBleuMetric(Builder<?> builder) {
        this.lowercase = builder.lowercase;
    }

    /**
     * Computes the corpus score with any number of references per hypothesis.
     *
     * @param hypotheses the system outputs, one string per segment, detokenized
     * @param references {@code references.get(i)} holds all references of {@code
     *     hypotheses.get(i)}; the number may differ between segments but must be at least one
     * @return the corpus score and its statistics
     * @throws IllegalArgumentException when {@code hypotheses} is empty, when the two lists differ
     *     in size, or when a hypothesis has no reference
     * @throws NullPointerException when a list or one of its strings is {@code null}
     */
    public abstract S corpus(List<String> hypotheses, List<List<String>> references);

    /**
     * Computes the corpus score with exactly one reference per hypothesis.
     *
     * @param hypotheses the system outputs, one string per segment, detokenized
     * @param references {@code references.get(i)} is the reference of {@code hypotheses.get(i)}
     * @return the corpus score and its statistics
     * @throws IllegalArgumentException when {@code hypotheses} is empty or the two lists differ in
     *     size
     * @throws NullPointerException when a list or one of its strings is {@code null}
     */
    public final S corpusSingleReference(List<String> hypotheses, List<String> references) {
        return corpus(hypotheses, CorpusArguments.singleReferences(references));
    }

    /**
     * Computes the score of a single segment with this instance's settings, a corpus of one, as
     * sacreBLEU's {@code sentence_score} does.
     *
     * @param hypothesis the system output, detokenized
     * @param references all references of the hypothesis, at least one
     * @return the sentence score and its statistics
     * @throws IllegalArgumentException when {@code references} is empty
     * @throws NullPointerException when an argument or a reference is {@code null}
     */
    public final S sentence(String hypothesis, List<String> references) {
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(references, "references");
        return corpus(List.of(hypothesis), List.of(references));
    }

    /**
     * Returns whether segments are lowercased before they are scored (before tokenization, for
     * BLEU).
     *
     * @return {@code true} for a case-insensitive score
     */
    public final boolean lowercase() {
        return lowercase;
    }

    /**
     * Collects the settings every sacreBLEU metric takes.
     *
     * @param <B> the concrete builder
     */
    public abstract static sealed class Builder<B extends Builder<B>>
            permits Bleu.Builder, ChrF.Builder {

        private boolean lowercase;

        Builder() {}

        abstract B self();

        /**
         * Sets whether segments are lowercased before they are scored, {@code false} by default.
         *
         * @param lowercase {@code true} for a case-insensitive score
         * @return this builder
         */
        public final B optLowercase(boolean lowercase) {
            this.lowercase = lowercase;
            return self();
        }
    }
}
