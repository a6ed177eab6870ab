package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnnkit.data.Arguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corpus-level BLEU (Papineni et al. 2002, "BLEU: a Method for Automatic Evaluation of Machine
 * Translation") computed exactly as sacreBLEU 2.x does (Post 2018, "A Call for Clarity in Reporting
 * BLEU Scores"), so that a score printed here can be compared with published sacreBLEU numbers.
 *
 * <p>With the defaults ({@code maxOrder=4}, 13a tokenization, case-sensitive, {@link Smoothing#EXP}
 * smoothing, no effective order) {@link #corpus(List, List)} equals sacreBLEU's {@code
 * corpus_bleu(hypotheses, references)}:
 *
 * <ol>
 *   <li>Each segment is optionally lowercased, stripped of trailing whitespace, tokenized (see
 *       {@link Tokenization}) and split on whitespace.
 *   <li>For each hypothesis the n-grams of orders 1 to {@code maxOrder} are counted. Each count is
 *       clipped to the largest count of that n-gram in any single reference of the same hypothesis;
 *       the clipped counts are the matches ({@link BleuScore#counts()}) and the unclipped counts
 *       the totals ({@link BleuScore#totals()}).
 *   <li>The effective reference length of a hypothesis is the length of its reference closest in
 *       length to it, the shorter one on a tie.
 *   <li>Matches, totals, hypothesis lengths and reference lengths are summed over the corpus; only
 *       then are precisions taken, so BLEU is not an average of sentence scores.
 *   <li>With corpus lengths {@code c} and {@code r}, the brevity penalty is 1 when {@code c >= r},
 *       {@code exp(1 - r / c)} when {@code 0 < c < r} and 0 when {@code c = 0}.
 *   <li>The score is {@code BP * exp(mean over n of log p_n)}, with precisions {@code p_n} in
 *       percent, so it lies in [0, 100].
 * </ol>
 *
 * <p>Edge cases follow sacreBLEU too. When no n-gram of any order matches, the score is 0 and all
 * precisions are 0. Otherwise an order with matches has precision {@code 100 * matches / total}; an
 * order with no matches is smoothed as {@link Smoothing} describes (with the default {@code EXP},
 * the k-th such order gets {@code 100 / (2^k * total)}, so a corpus with unigram, bigram and
 * trigram matches but no 4-gram match still scores above 0). When an order has no hypothesis
 * n-grams at all (every hypothesis shorter than that order), that order and all higher ones keep
 * precision 0 and, without effective order, take the score to 0 (sacreBLEU substitutes {@code
 * -9999999999} for {@code log 0}).
 *
 * <p>{@link #sentence(String, List)} scores a corpus of one segment, so an order without matches is
 * smoothed by the configured {@link Smoothing}; sacreBLEU's {@code sentence_bleu} function
 * additionally enables effective order, which {@code optEffectiveOrder(true)} matches.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Bleu extends SacreBleuMetric<BleuScore> {

    private static final Logger logger = LoggerFactory.getLogger(Bleu.class);

    /** The value sacreBLEU uses for {@code log(0)}. */
    private static final double LOG_ZERO = -9999999999.0;

    private final int maxOrder;
    private final Tokenization tokenization;
    private final Smoothing smoothing;
    private final double smoothValue;
    private final boolean effectiveOrder;

    private Bleu(Builder builder) {
        super(builder);
        this.maxOrder = builder.maxOrder;
        this.tokenization = builder.tokenization;
        this.smoothing = builder.smoothing;
        // A value for a method that takes none is dropped, as sacreBLEU ignores it.
        double defaultValue = builder.smoothing.defaultValue();
        this.smoothValue =
                Double.isNaN(defaultValue) || Double.isNaN(builder.smoothValue)
                        ? defaultValue
                        : builder.smoothValue;
        this.effectiveOrder = builder.effectiveOrder;
    }

    /**
     * Returns a builder whose defaults are sacreBLEU's corpus BLEU defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Computes corpus BLEU with any number of references per hypothesis, as image captioning needs.
     *
     * @param hypotheses the system outputs, one string per segment, detokenized
     * @param references {@code references.get(i)} holds all references of {@code
     *     hypotheses.get(i)}; the number may differ between segments but must be at least one
     * @return the corpus score and its statistics
     * @throws IllegalArgumentException when {@code hypotheses} is empty, when the two lists differ
     *     in size, or when a hypothesis has no reference
     * @throws NullPointerException when a list or one of its strings is {@code null}
     */
    @Override
    public BleuScore corpus(List<String> hypotheses, List<List<String>> references) {
        CorpusArguments.check(hypotheses, references);
        long[] counts = new long[maxOrder];
        long[] totals = new long[maxOrder];
        long hypothesisLength = 0;
        long referenceLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> segmentReferences = references.get(i);
            // Each n-gram may match as often as it occurs in the single reference that holds it
            // most often; the maxima start from the counts of an empty segment.
            List<Map<String, Integer>> maxReferenceCounts =
                    SacreBleuTokenizer.wordNgrams(List.of(), maxOrder);
            List<Integer> referenceLengths = new ArrayList<>(segmentReferences.size());
            for (String reference : segmentReferences) {
                List<String> tokens = tokenize(reference);
                referenceLengths.add(tokens.size());
                List<Map<String, Integer>> referenceCounts =
                        SacreBleuTokenizer.wordNgrams(tokens, maxOrder);
                for (int n = 0; n < maxOrder; n++) {
                    Map<String, Integer> max = maxReferenceCounts.get(n);
                    referenceCounts
                            .get(n)
                            .forEach((ngram, count) -> max.merge(ngram, count, Math::max));
                }
            }
            List<String> hypothesisTokens = tokenize(hypotheses.get(i));
            hypothesisLength += hypothesisTokens.size();
            referenceLength += closestReferenceLength(hypothesisTokens.size(), referenceLengths);
            List<Map<String, Integer>> hypothesisCounts =
                    SacreBleuTokenizer.wordNgrams(hypothesisTokens, maxOrder);
            for (int n = 0; n < maxOrder; n++) {
                Map<String, Integer> max = maxReferenceCounts.get(n);
                for (Map.Entry<String, Integer> entry : hypothesisCounts.get(n).entrySet()) {
                    totals[n] += entry.getValue();
                    counts[n] += Math.min(entry.getValue(), max.getOrDefault(entry.getKey(), 0));
                }
            }
        }
        return fromStatistics(counts, totals, hypothesisLength, referenceLength);
    }

    /**
     * Computes BLEU from already summed sufficient statistics, as sacreBLEU's {@code
     * BLEU.compute_bleu} does; useful to merge statistics of corpus shards. The counts are not
     * modified.
     *
     * @param counts clipped n-gram matches per order, {@code [maxOrder]}, index 0 = unigrams
     * @param totals hypothesis n-grams per order, {@code [maxOrder]}
     * @param hypothesisLength the summed hypothesis length in tokens
     * @param referenceLength the summed effective reference length in tokens
     * @return the score
     * @throws IllegalArgumentException when an array does not have length {@code maxOrder}, or a
     *     value is negative, or a count exceeds its total
     * @throws NullPointerException when an array is {@code null}
     */
    public BleuScore fromStatistics(
            long[] counts, long[] totals, long hypothesisLength, long referenceLength) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(totals, "totals");
        if (counts.length != maxOrder || totals.length != maxOrder) {
            throw new IllegalArgumentException(
                    "counts and totals must have length maxOrder="
                            + maxOrder
                            + ", received: counts.length="
                            + counts.length
                            + ", totals.length="
                            + totals.length);
        }
        if (hypothesisLength < 0 || referenceLength < 0) {
            throw new IllegalArgumentException(
                    "lengths must be >= 0, received: hypothesisLength="
                            + hypothesisLength
                            + ", referenceLength="
                            + referenceLength);
        }
        for (int n = 0; n < maxOrder; n++) {
            if (counts[n] < 0 || counts[n] > totals[n]) {
                throw new IllegalArgumentException(
                        "counts must be in [0, totals], received: counts["
                                + n
                                + "]="
                                + counts[n]
                                + ", totals["
                                + n
                                + "]="
                                + totals[n]);
            }
        }
        double brevityPenalty = 1.0;
        if (hypothesisLength < referenceLength) {
            brevityPenalty =
                    hypothesisLength > 0
                            ? Math.exp(1.0 - (double) referenceLength / hypothesisLength)
                            : 0.0;
        }
        double[] precisions = new double[maxOrder];
        double[] cumulative = new double[maxOrder];
        boolean anyMatch = false;
        for (long count : counts) {
            anyMatch |= count > 0;
        }
        if (anyMatch) {
            // The precision of an order depends only on lower orders, so one pass gives the
            // precisions and every cumulative BLEU-n, each equal to the score with maxOrder = n.
            double exponentialDivisor = 1.0;
            int lastObservedOrder = 0;
            boolean stopped = false;
            boolean matchedSoFar = false;
            double logSum = 0.0;
            for (int n = 1; n <= maxOrder; n++) {
                matchedSoFar |= counts[n - 1] > 0;
                double matched = counts[n - 1];
                double total = totals[n - 1];
                if (smoothing == Smoothing.ADD_K && n > 1) {
                    matched += smoothValue;
                    total += smoothValue;
                }
                // Like sacreBLEU, the first order without hypothesis n-grams ends the pass: it and
                // all higher orders keep precision 0.
                stopped |= total == 0;
                if (!stopped) {
                    lastObservedOrder = n;
                    if (matched == 0) {
                        if (smoothing == Smoothing.EXP) {
                            exponentialDivisor *= 2;
                            precisions[n - 1] = 100.0 / (exponentialDivisor * total);
                        } else if (smoothing == Smoothing.FLOOR) {
                            precisions[n - 1] = 100.0 * smoothValue / total;
                        }
                    } else {
                        precisions[n - 1] = 100.0 * matched / total;
                    }
                }
                logSum += logOrFloor(precisions[n - 1]);
                if (matchedSoFar) {
                    int order = effectiveOrder && lastObservedOrder > 0 ? lastObservedOrder : n;
                    double orderLogSum = order == n ? logSum : sumLogs(precisions, order);
                    cumulative[n - 1] = brevityPenalty * Math.exp(orderLogSum / order);
                }
            }
        }
        return new BleuScore(
                cumulative[maxOrder - 1],
                counts,
                totals,
                precisions,
                brevityPenalty,
                hypothesisLength,
                referenceLength,
                cumulative);
    }

    /**
     * Applies this instance's preprocessing to one segment: optional lowercasing, removal of
     * trailing whitespace, tokenization, then splitting on whitespace.
     *
     * @param segment a hypothesis or reference
     * @return its tokens
     * @throws NullPointerException when {@code segment} is {@code null}
     */
    public List<String> tokenize(String segment) {
        Objects.requireNonNull(segment, "segment");
        String text = SacreBleuTokenizer.caseFolded(segment, lowercase());
        return PythonStrings.split(tokenization.tokenize(PythonStrings.rstrip(text)));
    }

    /**
     * Returns the highest n-gram order.
     *
     * @return the maximum order
     */
    public int maxOrder() {
        return maxOrder;
    }

    /**
     * Returns the tokenization applied before n-grams are counted.
     *
     * @return the tokenization
     */
    public Tokenization tokenization() {
        return tokenization;
    }

    /**
     * Returns the smoothing applied to orders without matches.
     *
     * @return the smoothing
     */
    public Smoothing smoothing() {
        return smoothing;
    }

    /**
     * Returns the value used by {@link Smoothing#FLOOR} and {@link Smoothing#ADD_K}.
     *
     * @return the smoothing value, NaN for the methods that take none
     */
    public double smoothValue() {
        return smoothValue;
    }

    /**
     * Returns whether orders without any hypothesis n-gram are left out of the geometric mean.
     *
     * @return {@code true} when effective order is used
     */
    public boolean effectiveOrder() {
        return effectiveOrder;
    }

    @Override
    public String toString() {
        StringBuilder settings = new StringBuilder();
        if (maxOrder != Builder.DEFAULT_MAX_ORDER) {
            settings.append(", maxOrder=").append(maxOrder);
        }
        if (tokenization != Tokenization.THIRTEEN_A) {
            settings.append(", tokenization=").append(tokenization);
        }
        if (lowercase()) {
            settings.append(", lowercase=true");
        }
        if (smoothing != Smoothing.EXP) {
            settings.append(", smoothing=").append(smoothing);
        }
        if (!Double.isNaN(smoothValue) && smoothValue != smoothing.defaultValue()) {
            settings.append(", smoothValue=").append(smoothValue);
        }
        if (effectiveOrder) {
            settings.append(", effectiveOrder=true");
        }
        return "Bleu(" + (settings.length() == 0 ? "" : settings.substring(2)) + ")";
    }

    private static int closestReferenceLength(
            int hypothesisLength, List<Integer> referenceLengths) {
        int closest = referenceLengths.get(0);
        for (int length : referenceLengths) {
            int difference = Math.abs(hypothesisLength - length);
            int closestDifference = Math.abs(hypothesisLength - closest);
            if (difference < closestDifference
                    || (difference == closestDifference && length < closest)) {
                closest = length;
            }
        }
        return closest;
    }

    private static double sumLogs(double[] precisions, int order) {
        double sum = 0.0;
        for (int n = 0; n < order; n++) {
            sum += logOrFloor(precisions[n]);
        }
        return sum;
    }

    private static double logOrFloor(double value) {
        return value == 0.0 ? LOG_ZERO : Math.log(value);
    }

    /**
     * How a segment is split into tokens before n-grams are counted. Both variants finally split on
     * whitespace.
     */
    public enum Tokenization {
        /**
         * The mteval-v13a tokenizer used by WMT and sacreBLEU's default {@code 13a}. It removes
         * {@code <skipped>}, joins lines broken after a hyphen, turns newlines into spaces,
         * unescapes {@code &quot;}, {@code &amp;}, {@code &lt;} and {@code &gt;} (in that order),
         * then surrounds with spaces every ASCII symbol except {@code '}, {@code ,}, {@code -} and
         * {@code .}; separates a period or comma unless it sits between digits; and separates a
         * hyphen that follows a digit. "Hello, world!" becomes "Hello , world !" and "3.14, 5-6."
         * becomes "3.14 , 5 - 6 .".
         */
        THIRTEEN_A {
            @Override
            public String tokenize(String line) {
                return SacreBleuTokenizer.thirteenA(Objects.requireNonNull(line, "line"));
            }
        },

        /** No tokenization: the segment is only split on whitespace (sacreBLEU {@code none}). */
        NONE {
            @Override
            public String tokenize(String line) {
                return Objects.requireNonNull(line, "line");
            }
        };

        /**
         * Tokenizes one line and joins the tokens with single spaces.
         *
         * @param line the text, already lowercased if case-insensitive scoring is wanted
         * @return the tokens separated by whitespace
         * @throws NullPointerException when {@code line} is {@code null}
         */
        public abstract String tokenize(String line);
    }

    /**
     * How an n-gram order without any match is treated (Chen and Cherry 2014, "A Systematic
     * Comparison of Smoothing Techniques for Sentence-Level BLEU"). Orders with matches always have
     * precision {@code 100 * matches / total}, except under {@link #ADD_K}.
     */
    public enum Smoothing {
        /** No smoothing: an order without matches has precision 0 and the score becomes 0. */
        NONE(Double.NaN),
        /** Method 1: an order without matches has precision {@code 100 * smoothValue / total}. */
        FLOOR(0.1),
        /**
         * Method 2: {@code smoothValue} is added to the matches and totals of every order above 1
         * before precisions are taken.
         */
        ADD_K(1.0),
        /**
         * Method 3, the NIST/mteval-v13a smoothing and sacreBLEU's default at corpus and sentence
         * level: the k-th order without matches gets precision {@code 100 / (2^k * total)}.
         */
        EXP(Double.NaN);

        private final double defaultValue;

        Smoothing(double defaultValue) {
            this.defaultValue = defaultValue;
        }

        /**
         * Returns the smoothing value sacreBLEU uses when none is given.
         *
         * @return the default value, NaN for the methods that take none
         */
        public double defaultValue() {
            return defaultValue;
        }
    }

    /** Collects optional settings; every default is sacreBLEU's corpus BLEU default. */
    public static final class Builder extends SacreBleuMetric.Builder<Builder> {

        private static final int DEFAULT_MAX_ORDER = 4;

        private int maxOrder = DEFAULT_MAX_ORDER;
        private Tokenization tokenization = Tokenization.THIRTEEN_A;
        private Smoothing smoothing = Smoothing.EXP;
        private double smoothValue = Double.NaN;
        private boolean effectiveOrder;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the highest n-gram order, 4 by default.
         *
         * @param maxOrder the maximum order, checked in {@link #build()} to be at least 1
         * @return this builder
         */
        public Builder optMaxOrder(int maxOrder) {
            this.maxOrder = maxOrder;
            return this;
        }

        /**
         * Sets the tokenization, {@link Tokenization#THIRTEEN_A} by default.
         *
         * @param tokenization the tokenization
         * @return this builder
         * @throws NullPointerException when {@code tokenization} is {@code null}
         */
        public Builder optTokenization(Tokenization tokenization) {
            this.tokenization = Objects.requireNonNull(tokenization, "tokenization");
            return this;
        }

        /**
         * Sets the smoothing of orders without matches, {@link Smoothing#EXP} by default.
         *
         * @param smoothing the smoothing method
         * @return this builder
         * @throws NullPointerException when {@code smoothing} is {@code null}
         */
        public Builder optSmoothing(Smoothing smoothing) {
            this.smoothing = Objects.requireNonNull(smoothing, "smoothing");
            return this;
        }

        /**
         * Sets the value of {@link Smoothing#FLOOR} or {@link Smoothing#ADD_K}; by default the
         * method's {@link Smoothing#defaultValue()}.
         *
         * @param smoothValue the value, checked in {@link #build()} to be finite and {@code >= 0}
         * @return this builder
         */
        public Builder optSmoothValue(double smoothValue) {
            this.smoothValue = smoothValue;
            return this;
        }

        /**
         * Sets whether orders for which the hypotheses hold no n-gram at all are left out of the
         * geometric mean, {@code false} by default; sacreBLEU's {@code sentence_bleu} and {@code
         * raw_corpus_bleu} enable it.
         *
         * @param effectiveOrder {@code true} to use effective order
         * @return this builder
         */
        public Builder optEffectiveOrder(boolean effectiveOrder) {
            this.effectiveOrder = effectiveOrder;
            return this;
        }

        /**
         * Validates the settings and creates the metric. A smoothing value given for a method that
         * takes none is ignored with a warning, as sacreBLEU ignores it.
         *
         * @return the metric
         * @throws IllegalArgumentException when {@code maxOrder < 1}, or a smoothing value was set
         *     that is negative or not finite
         */
        public Bleu build() {
            Arguments.atLeast("maxOrder", maxOrder, 1);
            if (!Double.isNaN(smoothValue)) {
                if (!Double.isFinite(smoothValue) || smoothValue < 0) {
                    throw new IllegalArgumentException(
                            "smoothValue must be finite and >= 0, received: smoothValue="
                                    + smoothValue);
                }
                if (Double.isNaN(smoothing.defaultValue())) {
                    logger.warn(
                            "smoothValue={} is ignored by smoothing={}", smoothValue, smoothing);
                }
            }
            return new Bleu(this);
        }
    }
}
