package org.rnnkit.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * A BLEU score with the sufficient statistics it was computed from, as returned by {@link Bleu}.
 * Arrays are indexed by n-gram order minus one and are copied in and out, so the record is
 * immutable.
 *
 * @param score BLEU on a 0 to 100 scale
 * @param counts clipped n-gram matches per order, {@code [maxOrder]}
 * @param totals hypothesis n-grams per order, {@code [maxOrder]}
 * @param precisions the (possibly smoothed) n-gram precisions in percent, {@code [maxOrder]}, as
 *     sacreBLEU reports them
 * @param brevityPenalty the brevity penalty in [0, 1]
 * @param hypothesisLength the summed hypothesis length in tokens
 * @param referenceLength the summed effective (closest) reference length in tokens
 * @param cumulativeScores cumulative BLEU-n for n = 1 to maxOrder on a 0 to 100 scale, {@code
 *     [maxOrder]}; the last one equals {@code score}
 */
public record BleuScore(
        double score,
        long[] counts,
        long[] totals,
        double[] precisions,
        double brevityPenalty,
        long hypothesisLength,
        long referenceLength,
        double[] cumulativeScores) {

    /**
     * Validates and copies the components.
     *
     * @param score see {@link #score()}
     * @param counts see {@link #counts()}
     * @param totals see {@link #totals()}
     * @param precisions see {@link #precisions()}
     * @param brevityPenalty see {@link #brevityPenalty()}
     * @param hypothesisLength see {@link #hypothesisLength()}
     * @param referenceLength see {@link #referenceLength()}
     * @param cumulativeScores see {@link #cumulativeScores()}
     * @throws IllegalArgumentException when the arrays are empty or differ in length
     * @throws NullPointerException when an array is {@code null}
     */
    public BleuScore {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(precisions, "precisions");
        Objects.requireNonNull(cumulativeScores, "cumulativeScores");
        if (counts.length == 0
                || totals.length != counts.length
                || precisions.length != counts.length
                || cumulativeScores.length != counts.length) {
            throw new IllegalArgumentException(
                    "counts, totals, precisions and cumulativeScores must have the same length >= 1,"
                            + " received: counts.length="
                            + counts.length
                            + ", totals.length="
                            + totals.length
                            + ", precisions.length="
                            + precisions.length
                            + ", cumulativeScores.length="
                            + cumulativeScores.length);
        }
        counts = counts.clone();
        totals = totals.clone();
        precisions = precisions.clone();
        cumulativeScores = cumulativeScores.clone();
    }

    /**
     * Returns the clipped n-gram matches per order.
     *
     * @return a copy, {@code [maxOrder]}, index 0 = unigrams
     */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /**
     * Returns the hypothesis n-grams per order.
     *
     * @return a copy, {@code [maxOrder]}, index 0 = unigrams
     */
    @Override
    public long[] totals() {
        return totals.clone();
    }

    /**
     * Returns the n-gram precisions in percent.
     *
     * @return a copy, {@code [maxOrder]}, index 0 = unigrams
     */
    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    /**
     * Returns cumulative BLEU-1 to BLEU-maxOrder.
     *
     * @return a copy, {@code [maxOrder]}, index 0 = BLEU-1
     */
    @Override
    public double[] cumulativeScores() {
        return cumulativeScores.clone();
    }

    /**
     * Returns the highest n-gram order of this score.
     *
     * @return the maximum order
     */
    public int maxOrder() {
        return counts.length;
    }

    /**
     * Returns cumulative BLEU-n, the brevity penalty times the geometric mean of the precisions of
     * orders 1 to {@code n}, on a 0 to 100 scale, as image-captioning papers report BLEU-1 to
     * BLEU-4 (Papineni et al. 2002; the coco-caption and NLTK "cumulative" scores). It equals the
     * sacreBLEU score computed with {@code max_ngram_order = n} and the same settings, smoothing
     * included, so {@code cumulative(maxOrder())} equals {@link #score()}.
     *
     * @param n the order, 1 to {@link #maxOrder()}
     * @return BLEU-n
     * @throws IllegalArgumentException when {@code n} is outside 1 to {@link #maxOrder()}
     */
    public double cumulative(int n) {
        if (n < 1 || n > counts.length) {
            throw new IllegalArgumentException(
                    "n must be in [1, " + counts.length + "], received: n=" + n);
        }
        return cumulativeScores[n - 1];
    }

    /**
     * Returns the ratio of hypothesis length to reference length, as sacreBLEU reports it.
     *
     * @return the length ratio, 0 when the reference length is 0
     */
    public double ratio() {
        return referenceLength == 0 ? 0.0 : (double) hypothesisLength / referenceLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BleuScore that
                && Double.compare(score, that.score) == 0
                && Arrays.equals(counts, that.counts)
                && Arrays.equals(totals, that.totals)
                && Arrays.equals(precisions, that.precisions)
                && Double.compare(brevityPenalty, that.brevityPenalty) == 0
                && hypothesisLength == that.hypothesisLength
                && referenceLength == that.referenceLength
                && Arrays.equals(cumulativeScores, that.cumulativeScores);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(score, brevityPenalty, hypothesisLength, referenceLength);
        hash = 31 * hash + Arrays.hashCode(counts);
        hash = 31 * hash + Arrays.hashCode(totals);
        hash = 31 * hash + Arrays.hashCode(precisions);
        return 31 * hash + Arrays.hashCode(cumulativeScores);
    }

    /**
     * Returns the score in sacreBLEU's format, for example {@code BLEU = 48.53 82.4/50.0/45.5/37.5
     * (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}.
     *
     * @return the formatted score
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("BLEU = ").append(PythonStrings.fixed(score, 2));
        for (int n = 0; n < precisions.length; n++) {
            text.append(n == 0 ? " " : "/").append(PythonStrings.fixed(precisions[n], 1));
        }
        return text.append(" (BP = ")
                .append(PythonStrings.fixed(brevityPenalty, 3))
                .append(" ratio = ")
                .append(PythonStrings.fixed(ratio(), 3))
                .append(" hyp_len = ")
                .append(hypothesisLength)
                .append(" ref_len = ")
                .append(referenceLength)
                .append(')')
                .toString();
    }
}
