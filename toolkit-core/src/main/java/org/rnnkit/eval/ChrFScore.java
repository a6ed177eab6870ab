package org.rnnkit.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chrF or chrF++ score with the summed statistics it was computed from, as returned by {@link
 * ChrF}. The statistic arrays hold the character orders 1 to {@code charOrder} followed by the word
 * orders 1 to {@code wordOrder}; they are copied in and out, so the record is immutable.
 *
 * @param score chrF on a 0 to 100 scale
 * @param charOrder the highest character n-gram order
 * @param wordOrder the highest word n-gram order, 0 for chrF
 * @param beta how many times more recall weighs than precision
 * @param hypothesisCounts hypothesis n-grams per order, {@code [charOrder + wordOrder]}
 * @param referenceCounts reference n-grams per order, {@code [charOrder + wordOrder]}
 * @param matchCounts matched n-grams per order, {@code [charOrder + wordOrder]}
 */
public record ChrFScore(
        double score,
        int charOrder,
        int wordOrder,
        int beta,
        long[] hypothesisCounts,
        long[] referenceCounts,
        long[] matchCounts) {

    /**
     * Validates and copies the components.
     *
     * @param score see {@link #score()}
     * @param charOrder see {@link #charOrder()}
     * @param wordOrder see {@link #wordOrder()}
     * @param beta see {@link #beta()}
     * @param hypothesisCounts see {@link #hypothesisCounts()}
     * @param referenceCounts see {@link #referenceCounts()}
     * @param matchCounts see {@link #matchCounts()}
     * @throws IllegalArgumentException when an order is negative or an array's length is not {@code
     *     charOrder + wordOrder}
     * @throws NullPointerException when an array is {@code null}
     */
    public ChrFScore {
        Objects.requireNonNull(hypothesisCounts, "hypothesisCounts");
        Objects.requireNonNull(referenceCounts, "referenceCounts");
        Objects.requireNonNull(matchCounts, "matchCounts");
        if (charOrder < 0 || wordOrder < 0) {
            throw new IllegalArgumentException(
                    "charOrder and wordOrder must be >= 0, received: charOrder="
                            + charOrder
                            + ", wordOrder="
                            + wordOrder);
        }
        int orders = charOrder + wordOrder;
        if (hypothesisCounts.length != orders
                || referenceCounts.length != orders
                || matchCounts.length != orders) {
            throw new IllegalArgumentException(
                    "statistics must have length charOrder + wordOrder="
                            + orders
                            + ", received: hypothesisCounts.length="
                            + hypothesisCounts.length
                            + ", referenceCounts.length="
                            + referenceCounts.length
                            + ", matchCounts.length="
                            + matchCounts.length);
        }
        hypothesisCounts = hypothesisCounts.clone();
        referenceCounts = referenceCounts.clone();
        matchCounts = matchCounts.clone();
    }

    /**
     * Returns the hypothesis n-grams per order.
     *
     * @return a copy, {@code [charOrder + wordOrder]}
     */
    @Override
    public long[] hypothesisCounts() {
        return hypothesisCounts.clone();
    }

    /**
     * Returns the reference n-grams per order.
     *
     * @return a copy, {@code [charOrder + wordOrder]}
     */
    @Override
    public long[] referenceCounts() {
        return referenceCounts.clone();
    }

    /**
     * Returns the matched n-grams per order.
     *
     * @return a copy, {@code [charOrder + wordOrder]}
     */
    @Override
    public long[] matchCounts() {
        return matchCounts.clone();
    }

    /**
     * Returns the metric's name as sacreBLEU prints it: {@code chrF2} for chrF with beta 2, with
     * one {@code +} per word order, so chrF++ is {@code chrF2++}.
     *
     * @return the name
     */
    public String name() {
        return "chrF" + beta + "+".repeat(wordOrder);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChrFScore that
                && Double.compare(score, that.score) == 0
                && charOrder == that.charOrder
                && wordOrder == that.wordOrder
                && beta == that.beta
                && Arrays.equals(hypothesisCounts, that.hypothesisCounts)
                && Arrays.equals(referenceCounts, that.referenceCounts)
                && Arrays.equals(matchCounts, that.matchCounts);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(score, charOrder, wordOrder, beta);
        hash = 31 * hash + Arrays.hashCode(hypothesisCounts);
        hash = 31 * hash + Arrays.hashCode(referenceCounts);
        return 31 * hash + Arrays.hashCode(matchCounts);
    }

    /**
     * Returns the score in sacreBLEU's format, for example {@code chrF2 = 63.64}.
     *
     * @return the formatted score
     */
    @Override
    public String toString() {
        return name() + " = " + PythonStrings.fixed(score, 2);
    }
}
