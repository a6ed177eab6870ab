package org.rnnkit.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most-frequent-tag baseline: each known word gets the tag it had most often in training (ties:
 * the lower tag id), an unknown word the most common tag overall.
 */
public final class MostFrequentTagger {

    private final Map<String, Integer> byWord;
    private final int fallback;

    private MostFrequentTagger(Map<String, Integer> byWord, int fallback) {
        this.byWord = byWord;
        this.fallback = fallback;
    }

    /**
     * Counts the training data.
     *
     * @param sentences the words of each sentence
     * @param tags the tag ids of each sentence
     * @param numTags the number of tags
     * @return the baseline
     */
    public static MostFrequentTagger train(
            List<List<String>> sentences, List<int[]> tags, int numTags) {
        Map<String, long[]> counts = new HashMap<>();
        long[] overall = new long[numTags];
        for (int s = 0; s < sentences.size(); s++) {
            List<String> words = sentences.get(s);
            for (int i = 0; i < words.size(); i++) {
                int t = tags.get(s)[i];
                counts.computeIfAbsent(words.get(i), w -> new long[numTags])[t]++;
                overall[t]++;
            }
        }
        Map<String, Integer> best = new HashMap<>();
        counts.forEach((w, c) -> best.put(w, argmax(c)));
        return new MostFrequentTagger(best, argmax(overall));
    }

    private static int argmax(long[] c) {
        int best = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i] > c[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Tags a sentence.
     *
     * @param words the words
     * @return one tag id per word
     */
    public int[] predict(List<String> words) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byWord.getOrDefault(words.get(i), fallback);
        }
        return out;
    }

    /**
     * Returns the table, for saving: word to tag id, plus {@code ""} for unknown words.
     *
     * @return a copy
     */
    public Map<String, Integer> toMap() {
        Map<String, Integer> m = new HashMap<>(byWord);
        m.put("", fallback);
        return m;
    }

    /**
     * Restores a saved table.
     *
     * @param map from {@link #toMap()}
     * @return the baseline
     */
    public static MostFrequentTagger fromMap(Map<String, Integer> map) {
        Map<String, Integer> m = new HashMap<>(map);
        Integer fallback = m.remove("");
        return new MostFrequentTagger(m, fallback == null ? 0 : fallback);
    }
}
