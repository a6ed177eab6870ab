package org.rnnkit.recipes.inspect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts of examples per length (in tokens, or any other unit): bounded by the longest length seen,
 * not by the number of examples, so a million rows cost no more than a thousand.
 *
 * <p>Mutable, not thread-safe: add lengths, then read the figures.
 */
public final class LengthHistogram {

    private long[] counts = new long[64];
    private long examples;
    private long total;
    private int max = -1;
    private int min = Integer.MAX_VALUE;

    /** Creates an empty histogram. */
    public LengthHistogram() {}

    /**
     * Counts one example.
     *
     * @param length its length, at least 0
     * @throws IllegalArgumentException when {@code length < 0}
     */
    public void add(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, received: length=" + length);
        }
        if (length >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(length + 1, counts.length * 2));
        }
        counts[length]++;
        examples++;
        total += length;
        max = Math.max(max, length);
        min = Math.min(min, length);
    }

    /**
     * Returns the number of examples counted.
     *
     * @return the count
     */
    public long examples() {
        return examples;
    }

    /**
     * Returns the sum of all lengths (the token count).
     *
     * @return the sum
     */
    public long total() {
        return total;
    }

    /**
     * Returns the longest length, or 0 when empty.
     *
     * @return the maximum
     */
    public int max() {
        return Math.max(max, 0);
    }

    /**
     * Returns the shortest length, or 0 when empty.
     *
     * @return the minimum
     */
    public int min() {
        return examples == 0 ? 0 : min;
    }

    /**
     * Returns the mean length, or 0 when empty.
     *
     * @return the mean
     */
    public double mean() {
        return examples == 0 ? 0 : (double) total / examples;
    }

    /**
     * Returns how many examples have a given length.
     *
     * @param length the length
     * @return the count (0 beyond the longest)
     */
    public long count(int length) {
        return length >= 0 && length < counts.length ? counts[length] : 0;
    }

    /**
     * Returns a percentile by the nearest-rank method: the smallest length such that at least
     * {@code q} of the examples are no longer.
     *
     * @param q the share, in (0, 1]
     * @return the length, or 0 when empty
     * @throws IllegalArgumentException when {@code q} is outside (0, 1]
     */
    public int percentile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], received: q=" + q);
        }
        long rank = (long) Math.ceil(q * examples);
        long seen = 0;
        for (int len = 0; len <= max; len++) {
            seen += counts[len];
            if (seen >= rank && seen > 0) {
                return len;
            }
        }
        return 0;
    }

    /**
     * Returns the shortest cut-off that keeps a share of all tokens: the smallest {@code L} with
     * {@code sum over examples of min(length, L) >= share * total()}. This is the {@code
     * --max-length} that truncation would cost only {@code 1 - share} of the tokens.
     *
     * @param share the share of tokens to keep, in (0, 1]
     * @return the length, or 0 when there are no tokens
     * @throws IllegalArgumentException when {@code share} is outside (0, 1]
     */
    public int keepLength(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], received: share=" + share);
        }
        double need = share * total;
        // kept(L) = sum_{len < L} len * c[len] + L * (examples with len >= L).
        long shorter = 0;
        long shorterTokens = 0;
        for (int cut = 0; cut <= max; cut++) {
            long kept = shorterTokens + (long) cut * (examples - shorter);
            if (kept >= need && total > 0 && cut > 0) {
                return cut;
            }
            shorter += counts[cut];
            shorterTokens += (long) cut * counts[cut];
        }
        return max();
    }

    /**
     * Returns the usual summary: examples, tokens, min, p50, p90, p95, p99, max, mean.
     *
     * @return the figures in that order
     */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", examples);
        m.put("tokens", total);
        m.put("min", min());
        m.put("p50", percentile(0.5));
        m.put("p90", percentile(0.9));
        m.put("p95", percentile(0.95));
        m.put("p99", percentile(0.99));
        m.put("max", max());
        m.put("mean", Double.parseDouble(String.format(Locale.ROOT, "%.2f", mean())));
        return m;
    }
}
