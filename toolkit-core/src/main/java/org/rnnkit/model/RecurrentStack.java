package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;
import org.rnnkit.model.layers.ContiguousMergeVertex;
import org.rnnkit.model.layers.FusedRecurrentLayer;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.model.layers.SimpleRnnLayer;

/**
 * Adds a stack of (bidirectional) recurrent layers to a DL4J graph.
 *
 * <p>A bidirectional layer is built from plain vertices so that masks are exact: the backward layer
 * reads the input reversed within each sequence's real steps ({@link ReverseTimeSeriesVertex} with
 * the network input's mask), and its output is reversed back before both directions are
 * concatenated. Padding therefore never enters either direction's state.
 */
final class RecurrentStack {

    private RecurrentStack() {}

    /**
     * Adds the stack.
     *
     * @param graph the graph under construction
     * @param spec the recurrent layers
     * @param input the vertex feeding the first layer
     * @param inputSize its feature size
     * @param maskInput the network input whose feature mask marks real steps
     * @param prefix name prefix of the added vertices
     * @param lastOnlyAtTop when {@code true} the top layer is reduced to its last real step, with
     *     the backward direction contributing its final state; otherwise full sequences are
     *     returned
     * @param inputDropout whether the spec's dropout also applies to the first layer's input
     *     (otherwise only between layers)
     * @return the name of the vertex holding the stack's output
     */
    static String add(
            GraphBuilder graph,
            RnnSpec spec,
            String input,
            int inputSize,
            String maskInput,
            String prefix,
            boolean lastOnlyAtTop,
            boolean inputDropout) {
        String current = input;
        int currentSize = inputSize;
        for (int l = 0; l < spec.numLayers(); l++) {
            boolean top = l == spec.numLayers() - 1;
            double dropout = l > 0 || inputDropout ? spec.dropout() : 0.0;
            String name = prefix + l;
            if (!spec.bidirectional()) {
                graph.addLayer(name, layer(spec, currentSize, dropout), current);
                if (top && lastOnlyAtTop) {
                    graph.addVertex(name + "_last", new LastTimeStepVertex(maskInput), name);
                    return name + "_last";
                }
            } else {
                graph.addLayer(name + "_fwd", layer(spec, currentSize, dropout), current);
                graph.addVertex(name + "_bwd_in", new ReverseTimeSeriesVertex(maskInput), current);
                graph.addLayer(name + "_bwd", layer(spec, currentSize, dropout), name + "_bwd_in");
                if (top && lastOnlyAtTop) {
                    graph.addVertex(
                            name + "_fwd_last", new LastTimeStepVertex(maskInput), name + "_fwd");
                    graph.addVertex(
                            name + "_bwd_last", new LastTimeStepVertex(maskInput), name + "_bwd");
                    graph.addVertex(
                            name + "_last",
                            new ContiguousMergeVertex(),
                            name + "_fwd_last",
                            name + "_bwd_last");
                    return name + "_last";
                }
                graph.addVertex(
                        name + "_bwd_out", new ReverseTimeSeriesVertex(maskInput), name + "_bwd");
                graph.addVertex(
                        name, new ContiguousMergeVertex(), name + "_fwd", name + "_bwd_out");
            }
            current = name;
            currentSize = spec.outputSize();
        }
        return current;
    }

    /**
     * Creates one recurrent layer.
     *
     * @param spec the cell and size
     * @param inputSize the layer's input features
     * @param dropout the drop probability on the layer's input
     * @return rnnkit's fused layer for the cell (see {@link FusedRecurrentLayer}); DL4J's own on a
     *     GPU backend
     */
    static BaseRecurrentLayer layer(RnnSpec spec, int inputSize, double dropout) {
        BaseRecurrentLayer.Builder<?> b;
        if (FusedRecurrentLayer.cpuBackend()) {
            b =
                    switch (spec.cell()) {
                        case LSTM -> new LstmLayer.Builder();
                        case SIMPLE -> new SimpleRnnLayer.Builder();
                        case GRU -> new GruLayer.Builder();
                    };
        } else {
            // GPU backends: DL4J's own layers (cuDNN for the LSTM); rnnkit's need host memory.
            b =
                    switch (spec.cell()) {
                        case LSTM ->
                                new LSTM.Builder()
                                        .activation(Activation.TANH)
                                        .gateActivationFunction(Activation.SIGMOID);
                        case SIMPLE -> new SimpleRnn.Builder().activation(Activation.TANH);
                        case GRU ->
                                throw new UnsupportedOperationException(
                                        "cell GRU runs on ND4J's CPU backend only (DL4J has no GRU layer"
                                                + " for CUDA); use LSTM or SIMPLE on GPU");
                    };
        }
        b.nIn(inputSize).nOut(spec.hiddenSize());
        if (dropout > 0) {
            // DL4J's dropOut takes the probability of *retaining* an activation.
            b.dropOut(1.0 - dropout);
        }
        return (BaseRecurrentLayer) b.build();
    }
}
