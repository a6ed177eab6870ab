package org.rnnkit.decode;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.rnnkit.data.Arguments;

/**
 * Draws the next token from a model's next-token distribution with temperature, top-k and nucleus
 * (top-p) filtering (Holtzman et al. 2020, "The Curious Case of Neural Text Degeneration"). Used by
 * any step decoder that samples instead of searching; immutable, the randomness comes from the
 * caller's {@link Random}, so that the same seed gives the same tokens.
 *
 * @param temperature divides the log-probabilities before renormalising, {@code > 0}; below 1
 *     sharpens the distribution, above 1 flattens it
 * @param topK keep only the {@code topK} most probable tokens; 0 = no limit
 * @param topP keep the smallest set of most probable tokens whose mass reaches {@code topP}, in (0,
 *     1]; 1 = no limit
 */
public record TokenSampler(double temperature, int topK, double topP) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the setting out of range and the value received
     */
    public TokenSampler {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be > 0, received: temperature=" + temperature);
        }
        Arguments.atLeast("topK", topK, 0);
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], received: topP=" + topP);
        }
    }

    /**
     * Returns plain sampling from the model's distribution: temperature 1, no top-k or top-p.
     *
     * @return the sampler
     */
    public static TokenSampler defaults() {
        return new TokenSampler(1.0, 0, 1.0);
    }

    /**
     * Returns the distribution actually sampled from: temperature applied, then top-k and top-p,
     * renormalised; tokens in {@code excluded} get probability 0.
     *
     * @param probabilities the model's next-token probabilities, by token id
     * @param excluded token ids never to draw (for example padding and begin-of-sequence)
     * @return a new array that sums to 1
     * @throws IllegalArgumentException when no token has positive probability after exclusion
     */
    public double[] distribution(float[] probabilities, int... excluded) {
        Objects.requireNonNull(probabilities, "probabilities");
        int n = probabilities.length;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double q = Math.max(0, probabilities[i]);
            p[i] = q == 0 ? 0 : Math.exp(Math.log(q) / temperature);
        }
        for (int id : excluded) {
            if (id >= 0 && id < n) {
                p[id] = 0;
            }
        }
        double total = normalise(p);
        if (total <= 0) {
            throw new IllegalArgumentException(
                    "probabilities must give some allowed token a positive probability");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> a.equals(b) ? 0 : p[b] != p[a] ? Double.compare(p[b], p[a]) : a - b);
        int keep = topK == 0 ? n : Math.min(topK, n);
        double mass = 0;
        for (int r = 0; r < n; r++) {
            int id = order[r];
            if (r >= keep || (topP < 1 && mass >= topP)) {
                p[id] = 0;
            } else {
                mass += p[id];
            }
        }
        normalise(p);
        return p;
    }

    /**
     * Draws one token.
     *
     * @param probabilities the model's next-token probabilities, by token id
     * @param random the source of randomness (seeded by the caller for reproducible text)
     * @param excluded token ids never to draw
     * @return the drawn token id
     * @throws IllegalArgumentException when no token has positive probability after exclusion
     */
    public int sample(float[] probabilities, Random random, int... excluded) {
        double[] p = distribution(probabilities, excluded);
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cumulative += p[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double normalise(double[] p) {
        double total = 0;
        for (double v : p) {
            total += v;
        }
        if (total > 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] /= total;
            }
        }
        return total;
    }
}
