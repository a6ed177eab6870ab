package org.rnnkit.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Accuracy, per-class precision, recall and F1, and the confusion matrix of a classifier.
 *
 * <p>Precision of a class with no predictions, and recall of a class with no examples, are 0 (as
 * scikit-learn's {@code zero_division=0}).
 */
public final class ClassificationReport {

    private final List<String> labels;
    private final long[][] confusion;
    private final long total;

    /**
     * Computes the report.
     *
     * @param labels the class names, index = class id
     * @param actual the true class of each example
     * @param predicted the predicted class of each example
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold an id
     *     out of range
     */
    public ClassificationReport(List<String> labels, int[] actual, int[] predicted) {
        this.labels = List.copyOf(labels);
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(
                    "expected as many predictions as examples, got "
                            + predicted.length
                            + " predictions for "
                            + actual.length
                            + " examples");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("cannot evaluate zero examples");
        }
        int k = labels.size();
        this.confusion = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException(
                        "class ids must be in [0, "
                                + k
                                + "), received: actual="
                                + actual[i]
                                + ", predicted="
                                + predicted[i]
                                + " at index "
                                + i);
            }
            confusion[actual[i]][predicted[i]]++;
        }
        this.total = actual.length;
    }

    /**
     * Returns the share of correct predictions.
     *
     * @return accuracy in [0, 1]
     */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < labels.size(); c++) {
            correct += confusion[c][c];
        }
        return (double) correct / total;
    }

    /**
     * Returns the precision of a class.
     *
     * @param c the class id
     * @return true positives / predicted positives, 0 when nothing was predicted as {@code c}
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /**
     * Returns the recall of a class.
     *
     * @param c the class id
     * @return true positives / actual positives, 0 when the class has no examples
     */
    public double recall(int c) {
        long actual = 0;
        for (long v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /**
     * Returns the F1 score of a class.
     *
     * @param c the class id
     * @return the harmonic mean of precision and recall, 0 when both are 0
     */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Returns the unweighted mean F1 over classes.
     *
     * @return macro F1
     */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += f1(c);
        }
        return sum / labels.size();
    }

    /**
     * Returns the confusion matrix.
     *
     * @return {@code [actual][predicted]} counts, a copy
     */
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * Returns the number of examples evaluated.
     *
     * @return the count
     */
    public long total() {
        return total;
    }

    /**
     * Returns the class names.
     *
     * @return labels by class id
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns the metrics with flat keys: {@code accuracy}, {@code macro_f1}, {@code examples}, and
     * {@code precision_<label>}, {@code recall_<label>}, {@code f1_<label>} for each class.
     *
     * @return an insertion-ordered map
     */
    public Map<String, Double> toMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        m.put("examples", (double) total);
        for (int c = 0; c < labels.size(); c++) {
            String key = labels.get(c).replaceAll("[^A-Za-z0-9_.-]", "_");
            m.put("precision_" + key, precision(c));
            m.put("recall_" + key, recall(c));
            m.put("f1_" + key, f1(c));
        }
        return m;
    }

    /**
     * Formats the per-class table and the confusion matrix for people.
     *
     * @return a multi-line table
     */
    public String toTable() {
        int w = Math.max(9, labels.stream().mapToInt(String::length).max().orElse(5) + 2);
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-" + w + "s %9s %9s %9s %9s%n",
                        "class",
                        "precision",
                        "recall",
                        "f1",
                        "support"));
        for (int c = 0; c < labels.size(); c++) {
            long support = 0;
            for (long v : confusion[c]) {
                support += v;
            }
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-" + w + "s %9.4f %9.4f %9.4f %9d%n",
                            labels.get(c),
                            precision(c),
                            recall(c),
                            f1(c),
                            support));
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-" + w + "s %9s %9s %9.4f %9d%n",
                        "macro avg",
                        "",
                        "",
                        macroF1(),
                        total));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %29.4f%n", "accuracy", accuracy()));
        sb.append(
                String.format(
                        Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s", ""));
        for (String l : labels) {
            sb.append(String.format(Locale.ROOT, " %9s", l));
        }
        sb.append(System.lineSeparator());
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", labels.get(c)));
            for (long v : confusion[c]) {
                sb.append(String.format(Locale.ROOT, " %9d", v));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
