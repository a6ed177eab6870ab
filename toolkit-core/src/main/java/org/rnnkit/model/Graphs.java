package org.rnnkit.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference calls on a {@link ComputationGraph} that first tell the graph its batch size.
 *
 * <p>DL4J's reshaping vertices (used by per-step dense layers) take the batch size from the labels
 * or inputs last <em>stored</em> in the graph, which {@code output} and {@code rnnTimeStep} do not
 * update: after training on batches of 64, a call with 256 rows would be reshaped as 64. These
 * methods store the inputs (and no labels) before the call.
 */
public final class Graphs {

    private Graphs() {}

    /**
     * Runs the graph in inference mode.
     *
     * @param graph the graph
     * @param inputs its inputs, each in DL4J layout ({@code [batch, size, time]} for sequences)
     * @param masks their feature masks, each {@code [batch, time]} with 1 = real step (entries may
     *     be {@code null}), or {@code null}
     * @return the outputs, each {@code [batch, size, time]} for sequence outputs
     */
    public static INDArray[] output(ComputationGraph graph, INDArray[] inputs, INDArray[] masks) {
        prepare(graph, inputs);
        return graph.output(false, inputs, masks);
    }

    /**
     * Runs one or more steps with the stored recurrent state (see {@link
     * ComputationGraph#rnnTimeStep}).
     *
     * @param graph the graph
     * @param inputs its inputs, each {@code [batch, size, steps]} (or {@code [batch, size]} for one
     *     step)
     * @return the outputs, in the same layout
     */
    public static INDArray[] rnnTimeStep(ComputationGraph graph, INDArray... inputs) {
        prepare(graph, inputs);
        return graph.rnnTimeStep(inputs);
    }

    /**
     * Builds and initialises a graph.
     *
     * @param conf the configuration
     * @return the initialised graph
     */
    static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /**
     * Copies parameters by layer name from a graph into graphs built from parts of the same layers
     * (e.g. a training graph into its encoder and decoder graphs): same configuration, same
     * flattened layout, so each layer's whole parameter view is copied.
     *
     * @param from the graph holding the parameters
     * @param into the graphs to update
     */
    static void copyParameters(ComputationGraph from, ComputationGraph... into) {
        for (ComputationGraph g : into) {
            for (Layer layer : g.getLayers()) {
                if (layer.numParams() > 0) {
                    String name = layer.conf().getLayer().getLayerName();
                    layer.params().assign(from.getLayer(name).params());
                }
            }
        }
    }

    /**
     * Returns the names of a graph's recurrent layers (those whose state a step decoder keeps).
     *
     * @param graph the graph
     * @return the names, in layer order
     */
    static List<String> recurrentLayerNames(ComputationGraph graph) {
        List<String> names = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof RecurrentLayer) {
                names.add(layer.conf().getLayer().getLayerName());
            }
        }
        return List.copyOf(names);
    }

    private static void prepare(ComputationGraph graph, INDArray[] inputs) {
        graph.setInputs(inputs);
        graph.setLabels(new INDArray[graph.getNumOutputArrays()]);
    }
}
