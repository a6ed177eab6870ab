package org.rnnkit.testing;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.SequenceBatcher;

/**
 * Hand-written fixtures and contract assertions shared by rnnkit's tests (published in the
 * test-jar).
 */
public final class Fixtures {

    /** Three id sequences of lengths 2, 3 and 5 (ids >= 4, i.e. no reserved ids). */
    public static final List<int[]> SEQUENCES =
            List.of(new int[] {4, 5}, new int[] {6, 7, 8}, new int[] {9, 10, 11, 12, 13});

    /** Their classes. */
    public static final int[] CLASSES = {0, 1, 1};

    private Fixtures() {}

    /**
     * Asserts the padding contract: each sequence run alone gives the same output as when padded
     * inside a batch with longer sequences.
     *
     * @param network a graph with one token-id input and one output
     * @param sequences sequences of different lengths
     * @param tolerance the largest allowed absolute difference
     * @throws AssertionError when an output differs
     */
    public static void assertPaddingInvariant(
            ComputationGraph network, List<int[]> sequences, double tolerance) {
        SequenceBatcher batcher = SequenceBatcher.builder().build();
        INDArray batched;
        try (SequenceBatch batch = batcher.features(sequences)) {
            batched =
                    network
                            .output(
                                    false,
                                    new INDArray[] {batch.features()},
                                    new INDArray[] {batch.featuresMask()},
                                    null)[0]
                            .dup();
        }
        for (int i = 0; i < sequences.size(); i++) {
            INDArray alone;
            try (SequenceBatch one = batcher.features(List.of(sequences.get(i)))) {
                alone =
                        network.output(
                                        false,
                                        new INDArray[] {one.features()},
                                        new INDArray[] {one.featuresMask()},
                                        null)[0];
            }
            INDArray row = batched.getRow(i);
            if (alone.rank() == 2) {
                alone = alone.getRow(0);
            }
            double diff = alone.sub(row).amaxNumber().doubleValue();
            if (diff > tolerance) {
                throw new AssertionError(
                        "sequence "
                                + i
                                + " (length "
                                + sequences.get(i).length
                                + "): output alone "
                                + alone
                                + " differs from padded output "
                                + row
                                + " by "
                                + diff
                                + " > "
                                + tolerance);
            }
        }
    }

    /**
     * Builds a graph whose layers apply plain gradients (no updater), as DL4J's gradient checks
     * require.
     *
     * @param conf the configuration (changed in place)
     * @return the initialised graph
     */
    public static ComputationGraph withoutUpdaters(
            org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        for (org.deeplearning4j.nn.conf.graph.GraphVertex v : conf.getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                org.deeplearning4j.nn.conf.layers.Layer l = lv.getLayerConf().getLayer();
                if (l instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                    b.setIUpdater(new org.nd4j.linalg.learning.config.NoOp());
                }
            }
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
