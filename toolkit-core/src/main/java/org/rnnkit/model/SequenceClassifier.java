package org.rnnkit.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.data.Arguments;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.SequenceBatcher;

/**
 * Runs a many-to-one graph (as built by {@link SequenceClassifierBuilder}) over id sequences.
 *
 * <p>Sequences are sorted by length and run in batches, so little padding is computed; the results
 * come back in input order. Not thread-safe (DL4J graphs are not).
 */
public final class SequenceClassifier {

    private final ComputationGraph network;
    private final SequenceBatcher batcher;
    private final int batchSize;

    /**
     * Wraps a trained graph.
     *
     * @param network a graph with one token-id input and one softmax output
     * @param batcher the padding and truncation used in training
     * @param batchSize sequences per forward pass, at least 1
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public SequenceClassifier(ComputationGraph network, SequenceBatcher batcher, int batchSize) {
        this.network = Objects.requireNonNull(network, "network");
        this.batcher = Objects.requireNonNull(batcher, "batcher");
        Arguments.atLeast("batchSize", batchSize, 1);
        this.batchSize = batchSize;
    }

    /**
     * Returns the wrapped network.
     *
     * @return the graph
     */
    public ComputationGraph network() {
        return network;
    }

    /**
     * Computes class probabilities.
     *
     * @param sequences non-empty token id sequences
     * @return one probability row per sequence, in input order
     * @throws IllegalArgumentException when a sequence is empty, naming its index in {@code
     *     sequences} (checked before the sequences are sorted by length into batches)
     * @throws NullPointerException when {@code sequences} or one of its elements is null
     */
    public float[][] predictProbabilities(List<int[]> sequences) {
        int n = sequences.size();
        // Lengths are read once: the sequences may be a view that reads each one from a file.
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            int[] sequence = Objects.requireNonNull(sequences.get(i), "sequences[" + i + "]");
            lengths[i] = sequence.length;
            if (sequence.length == 0) {
                throw new IllegalArgumentException(
                        "sequence "
                                + i
                                + " is empty; every sequence needs at least one token id"
                                + " (encode a text without tokens as [UNK])");
            }
        }
        float[][] out = new float[n][];
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> batcher.truncatedLength(lengths[i])));
        for (int start = 0; start < n; start += batchSize) {
            List<Integer> ids = order.subList(start, Math.min(n, start + batchSize));
            List<int[]> chunk = new ArrayList<>(ids.size());
            ids.forEach(i -> chunk.add(sequences.get(i)));
            try (SequenceBatch batch = batcher.features(chunk)) {
                INDArray probs =
                        network.output(
                                        false,
                                        new INDArray[] {batch.features()},
                                        new INDArray[] {batch.featuresMask()},
                                        null)[0];
                float[][] rows = probs.toFloatMatrix();
                for (int k = 0; k < ids.size(); k++) {
                    out[ids.get(k)] = rows[k];
                }
            }
        }
        return out;
    }

    /**
     * Returns the most probable class of each sequence.
     *
     * @param probabilities rows from {@link #predictProbabilities(List)}
     * @return the argmax of each row
     */
    public static int[] argmax(float[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
