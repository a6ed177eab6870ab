package org.rnnkit.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.Arguments;
import org.rnnkit.text.Vocabulary;

/**
 * Greedy decoding, beam search and sampling over a {@link StepDecoder}.
 *
 * <p>Beam search stops for an input when no live prefix can still beat its best finished hypothesis
 * (or every prefix has ended), so it never returns a short hypothesis only because it finished
 * first.
 *
 * <p>All three feed BOS first and stop a sequence at EOS or after {@code maxLength} tokens. Beam
 * search keeps the {@code beamWidth} best prefixes of each input; finished hypotheses are ranked by
 * {@code logP / lp(|Y|)} with the length penalty of Wu et al. (2016), {@code lp = ((5 + |Y|) / 6)^
 * alpha} ({@code alpha = 0}: plain log-probability). A beam of width 1 finds what greedy decoding
 * finds (tested: the two are separate implementations). Sampling draws from {@code softmax(log p /
 * temperature)} restricted to the {@code topK} most likely tokens (0: all), seeded.
 *
 * <p>{@linkplain Builder#optSuppressedTokens Suppressed tokens} (for example {@code <unk>}, which
 * is never a useful output of a translator) are never emitted: their log-probability is taken as
 * minus infinity before any choice, so the best real token takes their place; the scores of the
 * other tokens are not renormalised.
 */
public final class SequenceDecoder {

    private final int maxLength;
    private final int beamWidth;
    private final double lengthPenalty;
    private final double temperature;
    private final int topK;
    private final long seed;
    private final int bos;
    private final int eos;
    private final int[] suppressed;

    private SequenceDecoder(Builder b) {
        this.maxLength = b.maxLength;
        this.beamWidth = b.beamWidth;
        this.lengthPenalty = b.lengthPenalty;
        this.temperature = b.temperature;
        this.topK = b.topK;
        this.seed = b.seed;
        this.bos = b.bos;
        this.eos = b.eos;
        this.suppressed = b.suppressed.clone();
    }

    /**
     * Starts a builder: max length 50, beam width 4, length penalty 0.6, temperature 1, top-k 0,
     * BOS and EOS of {@link Vocabulary}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes each input greedily: the most likely token at every step.
     *
     * @param model the model, any batch size
     * @return one hypothesis per input
     */
    public List<Hypothesis> greedy(StepDecoder model) {
        int n = model.batchSize();
        model.start(1);
        Prefix[] rows = new Prefix[n];
        Arrays.fill(rows, Prefix.EMPTY);
        Hypothesis[] out = new Hypothesis[n];
        int[] previous = new int[n];
        Arrays.fill(previous, bos);
        int open = n;
        for (int step = 0; step < maxLength && open > 0; step++) {
            float[][] logp = suppress(model.step(previous));
            for (int i = 0; i < n; i++) {
                if (out[i] != null) {
                    previous[i] = eos;
                    continue;
                }
                int token = topTokens(logp[i], 1)[0];
                rows[i] = rows[i].extend(token, logp[i][token], model.attention(i));
                previous[i] = token;
                if (token == eos || step == maxLength - 1) {
                    out[i] = rows[i].toHypothesis(token == eos, eos, lengthPenalty);
                    open--;
                }
            }
        }
        return List.of(out);
    }

    /**
     * Decodes each input with beam search of the configured width.
     *
     * @param model the model
     * @return the best hypothesis per input
     */
    public List<Hypothesis> beamSearch(StepDecoder model) {
        return beam(model, beamWidth);
    }

    /**
     * Samples one sequence per input.
     *
     * @param model the model
     * @return one sampled hypothesis per input
     */
    public List<Hypothesis> sample(StepDecoder model) {
        int n = model.batchSize();
        model.start(1);
        Random random = new Random(seed);
        Prefix[] rows = new Prefix[n];
        Arrays.fill(rows, Prefix.EMPTY);
        Hypothesis[] out = new Hypothesis[n];
        int[] previous = new int[n];
        Arrays.fill(previous, bos);
        for (int step = 0; step < maxLength; step++) {
            float[][] logp = suppress(model.step(previous));
            for (int i = 0; i < n; i++) {
                if (out[i] != null) {
                    previous[i] = eos;
                    continue;
                }
                int token = draw(logp[i], random);
                rows[i] = rows[i].extend(token, logp[i][token], model.attention(i));
                previous[i] = token;
                if (token == eos || step == maxLength - 1) {
                    out[i] = rows[i].toHypothesis(token == eos, eos, lengthPenalty);
                }
            }
        }
        return List.of(out);
    }

    private float[][] suppress(float[][] logp) {
        if (suppressed.length > 0) {
            for (float[] row : logp) {
                for (int v : suppressed) {
                    if (v < row.length) {
                        row[v] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
        return logp;
    }

    private int draw(float[] logp, Random random) {
        Integer[] order = new Integer[logp.length];
        for (int v = 0; v < order.length; v++) {
            order[v] = v;
        }
        int k = topK > 0 ? Math.min(topK, logp.length) : logp.length;
        if (k < logp.length) {
            Arrays.sort(order, Comparator.comparingDouble(v -> -logp[v]));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logp[order[j]] / temperature);
        }
        double[] p = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[j] = Math.exp(logp[order[j]] / temperature - max);
            sum += p[j];
        }
        double u = random.nextDouble() * sum;
        for (int j = 0; j < k; j++) {
            u -= p[j];
            if (u <= 0) {
                return order[j];
            }
        }
        return order[k - 1];
    }

    private List<Hypothesis> beam(StepDecoder model, int width) {
        int n = model.batchSize();
        int vocab = model.vocabularySize();
        model.start(width);
        // alive[i][j]: the j-th live prefix of input i (row i * width + j); at the start only the
        // first row of each input is live, so the first step does not pick one token `width` times
        Prefix[][] alive = new Prefix[n][width];
        for (int i = 0; i < n; i++) {
            alive[i][0] = Prefix.EMPTY;
        }
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            finished.add(new ArrayList<>());
        }
        boolean[] done = new boolean[n];
        int[] previous = new int[n * width];
        Arrays.fill(previous, bos);
        for (int step = 0; step < maxLength; step++) {
            float[][] logp = suppress(model.step(previous));
            int[] select = new int[n * width];
            Prefix[][] next = new Prefix[n][width];
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    for (int j = 0; j < width; j++) {
                        select[i * width + j] = i * width;
                    }
                    continue;
                }
                // the best 2 * width extensions over all live prefixes of this input
                List<double[]> candidates = new ArrayList<>();
                for (int j = 0; j < width; j++) {
                    if (alive[i][j] == null) {
                        continue;
                    }
                    float[] row = logp[i * width + j];
                    for (int v : topTokens(row, Math.min(vocab, 2 * width))) {
                        candidates.add(new double[] {alive[i][j].logProbability + row[v], j, v});
                    }
                }
                candidates.sort((a, b) -> Double.compare(b[0], a[0]));
                int kept = 0;
                for (double[] c : candidates) {
                    if (kept == width) {
                        break;
                    }
                    int j = (int) c[1];
                    int v = (int) c[2];
                    Prefix extended =
                            alive[i][j].extend(
                                    v, logp[i * width + j][v], model.attention(i * width + j));
                    if (v == eos) {
                        finished.get(i).add(extended.toHypothesis(true, eos, lengthPenalty));
                        continue;
                    }
                    next[i][kept] = extended;
                    select[i * width + kept] = i * width + j;
                    previous[i * width + kept] = v;
                    kept++;
                }
                for (int j = kept; j < width; j++) {
                    select[i * width + j] = i * width;
                    previous[i * width + j] = eos;
                }
                if (kept == 0
                        || finished.get(i).size() >= width
                                && noAliveCanWin(finished.get(i), next[i])) {
                    done[i] = true;
                }
            }
            alive = next;
            boolean all = true;
            for (boolean d : done) {
                all &= d;
            }
            if (all) {
                break;
            }
            model.select(select);
        }
        List<Hypothesis> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Hypothesis> pool = new ArrayList<>(finished.get(i));
            if (pool.isEmpty()) {
                for (Prefix p : alive[i]) {
                    if (p != null) {
                        pool.add(p.toHypothesis(false, eos, lengthPenalty));
                    }
                }
            }
            pool.sort((a, b) -> Double.compare(b.score(), a.score()));
            out.add(pool.get(0));
        }
        return out;
    }

    /**
     * Whether the best finished hypothesis already beats every continuation of the live prefixes:
     * log-probabilities only fall as a prefix grows, and the length penalty is largest at the
     * maximum length, so {@code logP / lp(maxLength)} bounds a live prefix's final score.
     */
    private boolean noAliveCanWin(List<Hypothesis> finished, Prefix[] alive) {
        double best = Double.NEGATIVE_INFINITY;
        for (Hypothesis h : finished) {
            best = Math.max(best, h.score());
        }
        double bound = Math.pow((5.0 + maxLength) / 6.0, lengthPenalty);
        for (Prefix p : alive) {
            if (p != null && p.logProbability / bound > best) {
                return false;
            }
        }
        return true;
    }

    private static int[] topTokens(float[] row, int k) {
        int[] best = new int[k];
        Arrays.fill(best, -1);
        for (int v = 0; v < row.length; v++) {
            int pos = k;
            while (pos > 0 && (best[pos - 1] < 0 || row[v] > row[best[pos - 1]])) {
                pos--;
            }
            if (pos < k) {
                System.arraycopy(best, pos, best, pos + 1, k - pos - 1);
                best[pos] = v;
            }
        }
        return best;
    }

    /** An immutable prefix: tokens, log-probability and attention per step. */
    private record Prefix(int[] tokens, double logProbability, List<float[]> attention) {
        static final Prefix EMPTY = new Prefix(new int[0], 0, List.of());

        Prefix extend(int token, double logp, float[] weights) {
            int[] t = Arrays.copyOf(tokens, tokens.length + 1);
            t[tokens.length] = token;
            List<float[]> a = attention;
            if (weights != null) {
                a = new ArrayList<>(attention);
                a.add(weights);
            }
            return new Prefix(t, logProbability + logp, a);
        }

        Hypothesis toHypothesis(boolean ended, int eos, double alpha) {
            int length = tokens.length;
            int[] out =
                    ended && length > 0 && tokens[length - 1] == eos
                            ? Arrays.copyOf(tokens, length - 1)
                            : tokens;
            double lp = Math.pow((5.0 + length) / 6.0, alpha);
            return new Hypothesis(out, logProbability, logProbability / lp, ended, attention);
        }
    }

    /** Settings of a {@link SequenceDecoder}. */
    public static final class Builder {
        private int maxLength = 50;
        private int beamWidth = 4;
        private double lengthPenalty = 0.6;
        private double temperature = 1.0;
        private int topK;
        private long seed = 42;
        private int bos = Vocabulary.BOS;
        private int eos = Vocabulary.EOS;
        private int[] suppressed = new int[0];

        private Builder() {}

        /**
         * Sets the most tokens emitted per sequence (EOS included).
         *
         * @param maxLength at least 1
         * @return this builder
         */
        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Sets the beam width.
         *
         * @param beamWidth at least 1 (1 is greedy)
         * @return this builder
         */
        public Builder optBeamWidth(int beamWidth) {
            this.beamWidth = beamWidth;
            return this;
        }

        /**
         * Sets the length-penalty exponent alpha.
         *
         * @param alpha at least 0 (0: rank by log-probability)
         * @return this builder
         */
        public Builder optLengthPenalty(double alpha) {
            this.lengthPenalty = alpha;
            return this;
        }

        /**
         * Sets the sampling temperature.
         *
         * @param temperature greater than 0
         * @return this builder
         */
        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * Restricts sampling to the most likely tokens.
         *
         * @param topK at least 0 (0: all tokens)
         * @return this builder
         */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /**
         * Sets the sampling seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the begin and end tokens.
         *
         * @param bos fed first
         * @param eos ends a sequence
         * @return this builder
         */
        public Builder optSpecialTokens(int bos, int eos) {
            this.bos = bos;
            this.eos = eos;
            return this;
        }

        /**
         * Sets tokens that are never emitted (none by default), for example {@link Vocabulary#UNK}.
         *
         * @param tokens token ids, each at least 0 and neither BOS nor EOS
         * @return this builder
         */
        public Builder optSuppressedTokens(int... tokens) {
            this.suppressed = tokens.clone();
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the decoder
         * @throws IllegalArgumentException for a value out of range
         */
        public SequenceDecoder build() {
            Arguments.atLeast("maxLength", maxLength, 1);
            Arguments.atLeast("beamWidth", beamWidth, 1);
            if (!(lengthPenalty >= 0)) {
                throw new IllegalArgumentException(
                        "lengthPenalty must be >= 0, received: lengthPenalty=" + lengthPenalty);
            }
            if (!(temperature > 0)) {
                throw new IllegalArgumentException(
                        "temperature must be > 0, received: temperature=" + temperature);
            }
            Arguments.atLeast("topK", topK, 0);
            for (int v : suppressed) {
                if (v < 0 || v == eos || v == bos) {
                    throw new IllegalArgumentException(
                            "suppressed tokens must be >= 0 and neither BOS nor EOS, received: "
                                    + v);
                }
            }
            return new SequenceDecoder(this);
        }
    }
}
