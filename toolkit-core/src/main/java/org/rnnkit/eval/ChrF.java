package org.rnnkit.eval;

import java.util.List;
import java.util.Map;
import org.rnnkit.data.Arguments;

/**
 * Corpus-level chrF (Popović 2015, "chrF: character n-gram F-score for automatic MT evaluation")
 * and chrF++ (Popović 2017, "chrF++: words helping character n-grams") computed exactly as
 * sacreBLEU 2.x's {@code CHRF} does.
 *
 * <p>With the defaults (character order 6, word order 0, beta 2, whitespace removed,
 * case-sensitive, no epsilon smoothing) {@link #corpus(List, List)} equals sacreBLEU's {@code
 * corpus_chrf(hypotheses, references)}:
 *
 * <ol>
 *   <li>Segments are optionally lowercased; all whitespace is removed (unless {@code
 *       optWhitespace(true)}) and the character n-grams of orders 1 to {@code charOrder} are
 *       counted over Unicode code points. For chrF++ ({@code wordOrder > 0}) the words, with one
 *       leading or trailing ASCII punctuation character split off, give word n-grams of orders 1 to
 *       {@code wordOrder} as extra orders.
 *   <li>Per order the statistics are hypothesis n-grams, reference n-grams and matches (each
 *       hypothesis n-gram matches at most as often as it occurs in the reference). A hypothesis
 *       n-gram count is recorded as 0 when the reference has no n-gram of that order.
 *   <li>With several references, the reference whose statistics give the best sentence-level score
 *       is used (the first on a tie).
 *   <li>Statistics are summed over the corpus before the score is computed.
 *   <li>Without epsilon smoothing, precision {@code P_n = matches / hypothesis n-grams} and recall
 *       {@code R_n = matches / reference n-grams} are averaged over the effective orders (those
 *       where both counts are positive), and the score is {@code 100 * (1 + beta^2) P R / (beta^2 P
 *       + R)} of the averages, 0 when no order is effective or {@code P + R = 0}. With epsilon
 *       smoothing (chrF++.py, NLTK and Moses) the F-score of every order is computed with {@code
 *       1e-16} standing in for an undefined precision, recall or F-score, and the F-scores are
 *       averaged over all orders.
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChrF extends SacreBleuMetric<ChrFScore> {

    private static final double EPSILON = 1e-16;

    private final int charOrder;
    private final int wordOrder;
    private final int beta;
    private final boolean whitespace;
    private final boolean epsSmoothing;

    private ChrF(Builder builder) {
        super(builder);
        this.charOrder = builder.charOrder;
        this.wordOrder = builder.wordOrder;
        this.beta = builder.beta;
        this.whitespace = builder.whitespace;
        this.epsSmoothing = builder.epsSmoothing;
    }

    /**
     * Returns a builder whose defaults are sacreBLEU's chrF defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes corpus chrF with any number of references per hypothesis.
     *
     * @param hypotheses the system outputs, one string per segment
     * @param references {@code references.get(i)} holds all references of {@code
     *     hypotheses.get(i)}; the number may differ between segments but must be at least one
     * @return the corpus score and its statistics
     * @throws IllegalArgumentException when {@code hypotheses} is empty, when the two lists differ
     *     in size, or when a hypothesis has no reference
     * @throws NullPointerException when a list or one of its strings is {@code null}
     */
    @Override
    public ChrFScore corpus(List<String> hypotheses, List<List<String>> references) {
        CorpusArguments.check(hypotheses, references);
        int orders = charOrder + wordOrder;
        long[] hypothesisCounts = new long[orders];
        long[] referenceCounts = new long[orders];
        long[] matchCounts = new long[orders];
        for (int i = 0; i < hypotheses.size(); i++) {
            List<Map<String, Integer>> hypothesisNgrams = ngrams(hypotheses.get(i));
            long[][] best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String reference : references.get(i)) {
                long[][] statistics = matchStatistics(hypothesisNgrams, ngrams(reference));
                double score = fScore(statistics[0], statistics[1], statistics[2]);
                if (score > bestScore) {
                    bestScore = score;
                    best = statistics;
                }
            }
            for (int n = 0; n < orders; n++) {
                hypothesisCounts[n] += best[0][n];
                referenceCounts[n] += best[1][n];
                matchCounts[n] += best[2][n];
            }
        }
        return new ChrFScore(
                fScore(hypothesisCounts, referenceCounts, matchCounts),
                charOrder,
                wordOrder,
                beta,
                hypothesisCounts,
                referenceCounts,
                matchCounts);
    }

    /**
     * Returns the highest character n-gram order.
     *
     * @return the character order
     */
    public int charOrder() {
        return charOrder;
    }

    /**
     * Returns the highest word n-gram order, 0 for chrF and 2 for chrF++.
     *
     * @return the word order
     */
    public int wordOrder() {
        return wordOrder;
    }

    /**
     * Returns how many times more recall weighs than precision.
     *
     * @return beta
     */
    public int beta() {
        return beta;
    }

    /**
     * Returns whether whitespace is kept in character n-grams.
     *
     * @return {@code true} when whitespace is kept
     */
    public boolean whitespace() {
        return whitespace;
    }

    /**
     * Returns whether epsilon smoothing replaces effective-order averaging.
     *
     * @return {@code true} for epsilon smoothing
     */
    public boolean epsSmoothing() {
        return epsSmoothing;
    }

    @Override
    public String toString() {
        StringBuilder settings = new StringBuilder();
        if (charOrder != Builder.DEFAULT_CHAR_ORDER) {
            settings.append(", charOrder=").append(charOrder);
        }
        if (wordOrder != 0) {
            settings.append(", wordOrder=").append(wordOrder);
        }
        if (beta != Builder.DEFAULT_BETA) {
            settings.append(", beta=").append(beta);
        }
        if (lowercase()) {
            settings.append(", lowercase=true");
        }
        if (whitespace) {
            settings.append(", whitespace=true");
        }
        if (epsSmoothing) {
            settings.append(", epsSmoothing=true");
        }
        return "ChrF(" + (settings.length() == 0 ? "" : settings.substring(2)) + ")";
    }

    /** Counts character n-grams, then word n-grams; index k holds the (k + 1)-th order. */
    private List<Map<String, Integer>> ngrams(String segment) {
        String text = SacreBleuTokenizer.caseFolded(segment, lowercase());
        String characters = whitespace ? text : String.join("", PythonStrings.split(text));
        List<Map<String, Integer>> counts = SacreBleuTokenizer.charNgrams(characters, charOrder);
        if (wordOrder > 0) {
            counts.addAll(
                    SacreBleuTokenizer.wordNgrams(SacreBleuTokenizer.chrFWords(text), wordOrder));
        }
        return counts;
    }

    /** Returns {hypothesis n-grams, reference n-grams, matches}, each {@code [orders]}. */
    private static long[][] matchStatistics(
            List<Map<String, Integer>> hypothesis, List<Map<String, Integer>> reference) {
        int orders = hypothesis.size();
        long[][] statistics = new long[3][orders];
        for (int n = 0; n < orders; n++) {
            Map<String, Integer> referenceCounts = reference.get(n);
            long hypothesisTotal = 0;
            long matches = 0;
            for (Map.Entry<String, Integer> entry : hypothesis.get(n).entrySet()) {
                hypothesisTotal += entry.getValue();
                matches +=
                        Math.min(entry.getValue(), referenceCounts.getOrDefault(entry.getKey(), 0));
            }
            long referenceTotal = 0;
            for (int count : referenceCounts.values()) {
                referenceTotal += count;
            }
            // sacreBLEU does not count hypothesis n-grams of an order the reference lacks.
            statistics[0][n] = referenceCounts.isEmpty() ? 0 : hypothesisTotal;
            statistics[1][n] = referenceTotal;
            statistics[2][n] = matches;
        }
        return statistics;
    }

    private double fScore(long[] hypothesisCounts, long[] referenceCounts, long[] matchCounts) {
        int orders = hypothesisCounts.length;
        double factor = (double) beta * beta;
        double smoothedSum = 0.0;
        double precisionSum = 0.0;
        double recallSum = 0.0;
        int effectiveOrders = 0;
        for (int n = 0; n < orders; n++) {
            double precision =
                    hypothesisCounts[n] > 0
                            ? (double) matchCounts[n] / hypothesisCounts[n]
                            : EPSILON;
            double recall =
                    referenceCounts[n] > 0 ? (double) matchCounts[n] / referenceCounts[n] : EPSILON;
            double denominator = factor * precision + recall;
            smoothedSum +=
                    denominator > 0 ? (1 + factor) * precision * recall / denominator : EPSILON;
            if (hypothesisCounts[n] > 0 && referenceCounts[n] > 0) {
                precisionSum += precision;
                recallSum += recall;
                effectiveOrders++;
            }
        }
        if (epsSmoothing) {
            return 100.0 * smoothedSum / orders;
        }
        if (effectiveOrders == 0) {
            return 0.0;
        }
        double precision = precisionSum / effectiveOrders;
        double recall = recallSum / effectiveOrders;
        if (precision + recall == 0) {
            return 0.0;
        }
        return 100.0 * (1 + factor) * precision * recall / (factor * precision + recall);
    }

    /** Collects optional settings; every default is sacreBLEU's chrF default. */
    public static final class Builder extends SacreBleuMetric.Builder<Builder> {

        private static final int DEFAULT_CHAR_ORDER = 6;
        private static final int DEFAULT_BETA = 2;

        private int charOrder = DEFAULT_CHAR_ORDER;
        private int wordOrder;
        private int beta = DEFAULT_BETA;
        private boolean whitespace;
        private boolean epsSmoothing;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the highest character n-gram order, 6 by default.
         *
         * @param charOrder the character order, checked in {@link #build()} to be {@code >= 0}
         * @return this builder
         */
        public Builder optCharOrder(int charOrder) {
            this.charOrder = charOrder;
            return this;
        }

        /**
         * Sets the highest word n-gram order, 0 (chrF) by default; 2 gives chrF++.
         *
         * @param wordOrder the word order, checked in {@link #build()} to be {@code >= 0}
         * @return this builder
         */
        public Builder optWordOrder(int wordOrder) {
            this.wordOrder = wordOrder;
            return this;
        }

        /**
         * Sets how many times more recall weighs than precision, 2 by default.
         *
         * @param beta the beta of the F-score, checked in {@link #build()} to be {@code >= 1}
         * @return this builder
         */
        public Builder optBeta(int beta) {
            this.beta = beta;
            return this;
        }

        /**
         * Sets whether whitespace is kept in character n-grams, {@code false} by default.
         *
         * @param whitespace {@code true} to keep whitespace
         * @return this builder
         */
        public Builder optWhitespace(boolean whitespace) {
            this.whitespace = whitespace;
            return this;
        }

        /**
         * Sets whether epsilon smoothing (chrF++.py, NLTK, Moses) replaces sacreBLEU's default
         * effective-order averaging, {@code false} by default.
         *
         * @param epsSmoothing {@code true} for epsilon smoothing
         * @return this builder
         */
        public Builder optEpsSmoothing(boolean epsSmoothing) {
            this.epsSmoothing = epsSmoothing;
            return this;
        }

        /**
         * Validates the settings and creates the metric.
         *
         * @return the metric
         * @throws IllegalArgumentException when an order is negative, both orders are 0, or {@code
         *     beta < 1}
         */
        public ChrF build() {
            Arguments.atLeast("charOrder", charOrder, 0);
            Arguments.atLeast("wordOrder", wordOrder, 0);
            if (charOrder + wordOrder < 1) {
                throw new IllegalArgumentException(
                        "charOrder + wordOrder must be >= 1, received: charOrder="
                                + charOrder
                                + ", wordOrder="
                                + wordOrder);
            }
            Arguments.atLeast("beta", beta, 1);
            return new ChrF(this);
        }
    }
}
