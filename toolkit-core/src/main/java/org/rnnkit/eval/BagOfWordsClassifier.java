package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A bag-of-words baseline: multinomial logistic regression on {@code log(1 + count)} token
 * features, trained with mini-batch Adagrad and L2 regularisation. It ignores word order entirely,
 * so printing it beside a recurrent model shows what order-awareness buys.
 *
 * <p>Plain Java and deterministic for a given seed.
 */
public final class BagOfWordsClassifier {

    private final int numFeatures;
    private final int numClasses;
    private final double[][] weights;
    private final double[] bias;

    private BagOfWordsClassifier(int numFeatures, int numClasses) {
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
        this.weights = new double[numClasses][numFeatures];
        this.bias = new double[numClasses];
    }

    /**
     * Trains the baseline.
     *
     * @param sequences token id sequences (ids in {@code [0, numFeatures)})
     * @param classes the class of each sequence
     * @param numFeatures the vocabulary size
     * @param numClasses the number of classes, at least 2
     * @param epochs passes over the data, at least 1
     * @param l2 the L2 penalty per example, >= 0
     * @param seed the shuffle seed
     * @return the trained classifier
     * @throws IllegalArgumentException on inconsistent sizes or out-of-range settings
     */
    public static BagOfWordsClassifier train(
            List<int[]> sequences,
            int[] classes,
            int numFeatures,
            int numClasses,
            int epochs,
            double l2,
            long seed) {
        if (sequences.size() != classes.length || sequences.isEmpty()) {
            throw new IllegalArgumentException(
                    "expected one class per sequence and at least one sequence, got "
                            + classes.length
                            + " classes for "
                            + sequences.size()
                            + " sequences");
        }
        if (numClasses < 2 || numFeatures < 1 || epochs < 1 || l2 < 0) {
            throw new IllegalArgumentException(
                    "invalid settings: numClasses="
                            + numClasses
                            + ", numFeatures="
                            + numFeatures
                            + ", epochs="
                            + epochs
                            + ", l2="
                            + l2);
        }
        BagOfWordsClassifier model = new BagOfWordsClassifier(numFeatures, numClasses);
        double rate = 0.5;
        double[][] gw = new double[numClasses][numFeatures];
        double[] gb = new double[numClasses];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        double[] p = new double[numClasses];
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            for (int i : order) {
                // Built again on every visit rather than kept: the features of a large corpus
                // would not fit the heap (the sequences may be a view of a file).
                SparseVector v = SparseVector.of(sequences.get(i), numFeatures);
                model.probabilities(v, p);
                for (int c = 0; c < numClasses; c++) {
                    double err = p[c] - (classes[i] == c ? 1 : 0);
                    for (int k = 0; k < v.indices.length; k++) {
                        int f = v.indices[k];
                        double g = err * v.values[k] + l2 * model.weights[c][f];
                        gw[c][f] += g * g;
                        model.weights[c][f] -= rate * g / (Math.sqrt(gw[c][f]) + 1e-8);
                    }
                    gb[c] += err * err;
                    model.bias[c] -= rate * err / (Math.sqrt(gb[c]) + 1e-8);
                }
            }
        }
        return model;
    }

    /**
     * Predicts the class of each sequence.
     *
     * @param sequences token id sequences
     * @return the most probable class of each
     */
    public int[] predict(List<int[]> sequences) {
        int[] out = new int[sequences.size()];
        double[] p = new double[numClasses];
        for (int i = 0; i < out.length; i++) {
            probabilities(SparseVector.of(sequences.get(i), numFeatures), p);
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private void probabilities(SparseVector v, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
            double z = bias[c];
            for (int k = 0; k < v.indices.length; k++) {
                z += weights[c][v.indices[k]] * v.values[k];
            }
            out[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < numClasses; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < numClasses; c++) {
            out[c] /= sum;
        }
    }

    /**
     * Serialises the weights (binary, big-endian).
     *
     * @return the bytes, readable by {@link #fromBytes(byte[])}
     */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(numFeatures);
            out.writeInt(numClasses);
            for (int c = 0; c < numClasses; c++) {
                out.writeDouble(bias[c]);
                for (double w : weights[c]) {
                    out.writeFloat((float) w);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a classifier written by {@link #toBytes()}.
     *
     * @param bytes the serialised weights
     * @return the classifier
     * @throws IllegalArgumentException when the bytes are truncated or inconsistent
     */
    public static BagOfWordsClassifier fromBytes(byte[] bytes) {
        try (java.io.DataInputStream in =
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int features = in.readInt();
            int classes = in.readInt();
            if (features < 1
                    || classes < 2
                    || (long) classes * (8 + 4L * features) + 8 != bytes.length) {
                throw new IllegalArgumentException(
                        "corrupt bag-of-words weights: header says "
                                + features
                                + " features and "
                                + classes
                                + " classes, but "
                                + bytes.length
                                + " bytes were given");
            }
            BagOfWordsClassifier model = new BagOfWordsClassifier(features, classes);
            for (int c = 0; c < classes; c++) {
                model.bias[c] = in.readDouble();
                for (int f = 0; f < features; f++) {
                    model.weights[c][f] = in.readFloat();
                }
            }
            return model;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "corrupt bag-of-words weights: " + e.getMessage(), e);
        }
    }

    /** Token counts of one sequence, {@code log(1 + count)} scaled, indices ascending. */
    private record SparseVector(int[] indices, double[] values) {
        static SparseVector of(int[] ids, int numFeatures) {
            int[] sorted = new int[ids.length];
            int n = 0;
            for (int id : ids) {
                if (id >= 0 && id < numFeatures) {
                    sorted[n++] = id;
                }
            }
            Arrays.sort(sorted, 0, n);
            int distinct = 0;
            for (int k = 0; k < n; k++) {
                if (k == 0 || sorted[k] != sorted[k - 1]) {
                    distinct++;
                }
            }
            int[] idx = new int[distinct];
            double[] val = new double[distinct];
            int d = -1;
            int count = 0;
            for (int k = 0; k < n; k++) {
                if (k == 0 || sorted[k] != sorted[k - 1]) {
                    if (d >= 0) {
                        val[d] = Math.log1p(count);
                    }
                    d++;
                    idx[d] = sorted[k];
                    count = 0;
                }
                count++;
            }
            if (d >= 0) {
                val[d] = Math.log1p(count);
            }
            return new SparseVector(idx, val);
        }
    }
}
