package org.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dot-product attention over a masked source sequence (Luong et al., 2015), as a graph vertex with
 * four inputs:
 *
 * <ol>
 *   <li>queries {@code [batch, d, T]} (decoder states),
 *   <li>keys {@code [batch, d, S]} (encoder outputs, or a projection of them: with a dense layer
 *       {@code W e} in front this is Luong's "general" score {@code h' W e}),
 *   <li>values {@code [batch, e, S]} (encoder outputs),
 *   <li>the source mask {@code [batch, S]} as a plain input (1 = real step), so that step-wise
 *       decoding with {@code rnnTimeStep}, which takes no masks, still ignores padding.
 * </ol>
 *
 * <p>Output: the context vectors {@code [batch, e, T]}, {@code c_t = sum_s a_ts v_s} with {@code
 * a_t = softmax_s(q_t . k_s)} over the real source steps. Each decoder step attends independently,
 * so the vertex works on whole sequences (teacher forcing) and on single steps alike. The weights
 * of the last forward pass are kept for inspection ({@link DotAttentionVertexImpl#lastWeights()}).
 * No parameters.
 */
public class DotAttentionVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** Creates the vertex. */
    public DotAttentionVertex() {}

    @Override
    public GraphVertex clone() {
        return new DotAttentionVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotAttentionVertex;
    }

    @Override
    public int hashCode() {
        return DotAttentionVertex.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 4;
    }

    @Override
    public int maxVertexInputs() {
        return 4;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(
            ComputationGraph graph,
            String name,
            int idx,
            INDArray paramsView,
            boolean initializeParams,
            DataType networkDatatype) {
        return new DotAttentionVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs)
            throws InvalidInputTypeException {
        if (vertexInputs.length != 4) {
            throw new InvalidInputTypeException(
                    "attention takes 4 inputs (queries, keys, values, source mask), received: "
                            + vertexInputs.length);
        }
        InputType.InputTypeRecurrent queries = (InputType.InputTypeRecurrent) vertexInputs[0];
        InputType.InputTypeRecurrent values = (InputType.InputTypeRecurrent) vertexInputs[2];
        return InputType.recurrent(values.getSize(), queries.getTimeSeriesLength());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(
                        null, DotAttentionVertex.class, inputTypes[0], inputTypes[2])
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public String toString() {
        return "DotAttentionVertex()";
    }
}
