package org.rnnkit.model;

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
     * @param inputs its inputs
     * @param masks their feature masks (entries may be {@code null}), or {@code null}
     * @return the outputs
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
     * @param inputs its inputs
     * @return the outputs
     */
    public static INDArray[] rnnTimeStep(ComputationGraph graph, INDArray... inputs) {
        prepare(graph, inputs);
        return graph.rnnTimeStep(inputs);
    }

    private static void prepare(ComputationGraph graph, INDArray[] inputs) {
        graph.setInputs(inputs);
        graph.setLabels(new INDArray[graph.getNumOutputArrays()]);
    }
}
