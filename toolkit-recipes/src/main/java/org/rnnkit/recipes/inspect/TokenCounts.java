package org.rnnkit.recipes.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnkit.text.Vocabulary;

/**
 * Token occurrence counts, bounded by the number of distinct tokens rather than by the number of
 * examples. Answers what a {@link Vocabulary} built from the same tokens would hold and cover,
 * without building it.
 *
 * <p>Mutable, not thread-safe.
 */
public final class TokenCounts {

    private final Map<String, long[]> counts = new HashMap<>();
    private long total;

    /** Creates empty counts. */
    public TokenCounts() {}

    /**
     * Counts the tokens of one example.
     *
     * @param tokens the tokens
     */
    public void add(List<String> tokens) {
        for (String t : tokens) {
            counts.computeIfAbsent(t, k -> new long[1])[0]++;
        }
        total += tokens.size();
    }

    /**
     * Returns the number of token occurrences counted.
     *
     * @return the count
     */
    public long total() {
        return total;
    }

    /**
     * Returns the number of distinct tokens.
     *
     * @return the count
     */
    public int types() {
        return counts.size();
    }

    /**
     * Returns the tokens a vocabulary built with {@code Vocabulary.Builder.build(minCount,
     * maxSize)} would give their own id: count at least {@code minCount}, the most frequent first
     * (ties in lexical order), at most {@code maxSize} ids including the reserved ones.
     *
     * @param minCount the fewest occurrences, at least 1
     * @param maxSize the largest vocabulary, reserved ids included
     * @return the kept tokens
     * @throws IllegalArgumentException when {@code minCount < 1}
     */
    public Set<String> vocabulary(int minCount, int maxSize) {
        if (minCount < 1) {
            throw new IllegalArgumentException(
                    "minCount must be >= 1, received: minCount=" + minCount);
        }
        List<Map.Entry<String, long[]>> kept = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minCount && !Vocabulary.RESERVED.contains(e.getKey())) {
                kept.add(e);
            }
        }
        int room = Math.max(0, maxSize - Vocabulary.RESERVED.size());
        if (kept.size() > room) {
            kept.sort(
                    (a, b) ->
                            a.getValue()[0] != b.getValue()[0]
                                    ? Long.compare(b.getValue()[0], a.getValue()[0])
                                    : a.getKey().compareTo(b.getKey()));
            kept = kept.subList(0, room);
        }
        Set<String> out = new HashSet<>();
        kept.forEach(e -> out.add(e.getKey()));
        return out;
    }

    /**
     * Returns the share of these occurrences whose token is in a vocabulary.
     *
     * @param vocabulary the kept tokens
     * @return the share in [0, 1]; 1 when nothing was counted
     */
    public double coverage(Set<String> vocabulary) {
        if (total == 0) {
            return 1;
        }
        long covered = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (vocabulary.contains(e.getKey())) {
                covered += e.getValue()[0];
            }
        }
        return (double) covered / total;
    }

    /**
     * Returns how many distinct tokens are missing from a vocabulary.
     *
     * @param vocabulary the kept tokens
     * @return the count
     */
    public int typesOutside(Set<String> vocabulary) {
        int n = 0;
        for (String t : counts.keySet()) {
            if (!vocabulary.contains(t)) {
                n++;
            }
        }
        return n;
    }
}
