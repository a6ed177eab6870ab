package org.rnnkit.model.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Stateful truncated backpropagation through time: the recurrent state of each batch row (a "stream
 * lane") carried from one {@code fit} call to the next, as Keras' {@code stateful=True} and the
 * classic char-rnn training loop do (Williams and Peng 1990; Sutskever 2013, section 4).
 *
 * <p>DL4J's truncated BPTT clears every recurrent layer's state at the start of each {@code fit},
 * so a long stream can only be trained as one batch. With {@link #carry(ComputationGraph, boolean)}
 * switched on, rnnkit's fused layers keep the state the last chunk ended with instead: a stream cut
 * into consecutive chunks, row {@code b} of batch {@code k + 1} continuing row {@code b} of batch
 * {@code k}, then sees the same forward pass as one pass over the whole stream, while gradients
 * flow back through one chunk only. {@link #reset(ComputationGraph, boolean[])} zeroes the lanes
 * whose next chunk starts a new document. Every batch of such a run must have the same number of
 * rows. The switch is a property of the layer objects, not of the saved configuration: a loaded or
 * restored network starts with it off.
 */
public final class CarriedState {

    private CarriedState() {}

    /**
     * Switches carrying on or off for every recurrent layer of a graph. Switching off also drops
     * the carried state.
     *
     * @param network a graph whose recurrent layers are all rnnkit fused layers
     * @param carry whether each {@code fit} starts from the state the previous one ended with
     * @throws IllegalArgumentException when a recurrent layer is not an rnnkit fused layer, or the
     *     graph has none
     */
    public static void carry(ComputationGraph network, boolean carry) {
        for (FusedRecurrentLayerImpl layer : fusedLayers(network)) {
            layer.carryTrainingState(carry);
        }
    }

    /**
     * Zeroes the carried state of some lanes (rows), e.g. those whose next chunk starts a new
     * document. Lanes without carried state yet start from zero anyway.
     *
     * @param network the graph
     * @param lanes {@code lanes[b]}: whether row {@code b} starts again from a zero state
     * @throws IllegalArgumentException when the number of lanes differs from the carried state's
     *     rows, or a recurrent layer is not an rnnkit fused layer
     */
    public static void reset(ComputationGraph network, boolean[] lanes) {
        Objects.requireNonNull(lanes, "lanes");
        for (FusedRecurrentLayerImpl layer : fusedLayers(network)) {
            layer.resetTrainingState(lanes);
        }
    }

    private static List<FusedRecurrentLayerImpl> fusedLayers(ComputationGraph network) {
        Objects.requireNonNull(network, "network");
        List<FusedRecurrentLayerImpl> out = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof FusedRecurrentLayerImpl fused) {
                out.add(fused);
            } else if (layer instanceof RecurrentLayer) {
                throw new IllegalArgumentException(
                        "carried training state needs rnnkit's fused recurrent layers, but layer \""
                                + layer.conf().getLayer().getLayerName()
                                + "\" is "
                                + layer.getClass().getSimpleName());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "the network has no recurrent layer whose state could be carried");
        }
        return out;
    }
}
