package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token-level evaluation of a tagger: accuracy over real tokens (padding never counts), per-tag
 * precision, recall and F1, accuracy on out-of-vocabulary tokens, and the most frequent errors.
 */
public final class TaggingReport {

    private final ClassificationReport tokens;
    private final long oovTotal;
    private final long oovCorrect;

    /**
     * Scores predictions.
     *
     * @param tags the tag names, index = tag id
     * @param actual the true tag ids of each sentence
     * @param predicted the predicted tag ids, same shapes
     * @param oov per sentence, whether each token was unknown to the model's vocabulary (or {@code
     *     null})
     * @throws IllegalArgumentException when the shapes differ
     */
    public TaggingReport(
            List<String> tags, List<int[]> actual, List<int[]> predicted, List<boolean[]> oov) {
        if (actual.size() != predicted.size() || oov != null && oov.size() != actual.size()) {
            throw new IllegalArgumentException(
                    "expected as many predicted sentences as actual ones, got "
                            + predicted.size()
                            + " for "
                            + actual.size());
        }
        int n = actual.stream().mapToInt(a -> a.length).sum();
        int[] a = new int[n];
        int[] p = new int[n];
        int k = 0;
        long oovAll = 0;
        long oovOk = 0;
        for (int s = 0; s < actual.size(); s++) {
            int[] as = actual.get(s);
            int[] ps = predicted.get(s);
            if (as.length != ps.length || oov != null && oov.get(s).length != as.length) {
                throw new IllegalArgumentException(
                        "sentence "
                                + s
                                + ": "
                                + as.length
                                + " tags but "
                                + ps.length
                                + " predicted");
            }
            for (int i = 0; i < as.length; i++) {
                a[k] = as[i];
                p[k] = ps[i];
                k++;
                if (oov != null && oov.get(s)[i]) {
                    oovAll++;
                    oovOk += as[i] == ps[i] ? 1 : 0;
                }
            }
        }
        this.tokens = new ClassificationReport(tags, a, p);
        this.oovTotal = oovAll;
        this.oovCorrect = oovOk;
    }

    /**
     * Returns the token accuracy.
     *
     * @return correct tokens / tokens
     */
    public double accuracy() {
        return tokens.accuracy();
    }

    /**
     * Returns the accuracy on out-of-vocabulary tokens.
     *
     * @return correct / OOV tokens, or NaN when there are none
     */
    public double oovAccuracy() {
        return oovTotal == 0 ? Double.NaN : (double) oovCorrect / oovTotal;
    }

    /**
     * Returns the number of out-of-vocabulary tokens.
     *
     * @return the count
     */
    public long oovTokens() {
        return oovTotal;
    }

    /**
     * Returns the per-token classification report (per-tag precision, recall, F1, confusion).
     *
     * @return the report
     */
    public ClassificationReport tokens() {
        return tokens;
    }

    /**
     * Returns the most frequent errors.
     *
     * @param limit how many
     * @return {@code "ACTUAL -> PREDICTED"} with counts, most frequent first
     */
    public List<Map.Entry<String, Long>> topConfusions(int limit) {
        long[][] c = tokens.confusion();
        List<Map.Entry<String, Long>> errors = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                if (i != j && c[i][j] > 0) {
                    errors.add(
                            Map.entry(
                                    tokens.labels().get(i) + " -> " + tokens.labels().get(j),
                                    c[i][j]));
                }
            }
        }
        errors.sort(
                Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .reversed()
                        .thenComparing(Map.Entry::getKey));
        return errors.subList(0, Math.min(limit, errors.size()));
    }

    /**
     * Returns flat metrics: {@code accuracy} (token accuracy, 0-1), {@code oov_accuracy}, {@code
     * oov_tokens}, {@code macro_f1} and per tag {@code precision_T}, {@code recall_T}, {@code
     * f1_T}.
     *
     * @return the metrics in a stable order
     */
    public Map<String, Double> toMetrics() {
        Map<String, Double> m = new LinkedHashMap<>(tokens.toMetrics());
        m.put("oov_accuracy", oovAccuracy());
        m.put("oov_tokens", (double) oovTotal);
        return m;
    }

    /**
     * Formats the per-tag table, the OOV accuracy and the ten most frequent errors.
     *
     * @return the report
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder(tokens.toTable());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "out-of-vocabulary tokens: %d, accuracy %.4f%n",
                        oovTotal,
                        oovAccuracy()));
        sb.append("most frequent errors (actual -> predicted):\n");
        for (Map.Entry<String, Long> e : topConfusions(10)) {
            sb.append(String.format(Locale.ROOT, "  %-24s %d%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }
}
