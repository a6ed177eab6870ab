package org.rnnkit.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnkit.decode.StepDecoder;
import org.rnnkit.model.layers.DotAttentionVertexImpl;

/**
 * Steps the decoder graph of a {@link ConditionedDecoder} one token at a time with {@code
 * rnnTimeStep}, keeping its recurrent state between steps: decoding T tokens costs T decoder steps.
 * The encoder's outputs (condition, and memory with its mask when the decoder attends) are computed
 * once by the caller and repeated for every row of the beam.
 */
final class CachedDecoder implements StepDecoder {

    private final ComputationGraph decoder;
    private final List<String> recurrentLayers;
    private final int vocabularySize;
    private final int batch;
    private final INDArray condition;
    private final INDArray memory;
    private final INDArray mask;
    private INDArray rowCondition;
    private INDArray rowMemory;
    private INDArray rowMask;
    private INDArray weights;

    /**
     * Creates the decoder.
     *
     * @param decoder the step graph: inputs {@code target_in, condition} or, with attention, {@code
     *     target_in, condition, memory, memory_mask}; output the probabilities
     * @param recurrentLayers the names of its recurrent layers (their state is re-arranged by
     *     {@link #select})
     * @param vocabularySize the softmax size
     * @param condition {@code [batch, C]}
     * @param memory {@code [batch, M, S]}, or {@code null} without attention
     * @param mask {@code [batch, S]}, 1 = real memory step, or {@code null} without attention
     */
    CachedDecoder(
            ComputationGraph decoder,
            List<String> recurrentLayers,
            int vocabularySize,
            INDArray condition,
            INDArray memory,
            INDArray mask) {
        this.decoder = decoder;
        this.recurrentLayers = List.copyOf(recurrentLayers);
        this.vocabularySize = vocabularySize;
        this.batch = (int) condition.size(0);
        this.condition = condition;
        this.memory = memory;
        this.mask = mask == null ? null : mask.castTo(condition.dataType());
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public void start(int width) {
        rowCondition = repeatRows(condition, width);
        if (memory != null) {
            rowMemory = repeatRows(memory, width);
            rowMask = repeatRows(mask, width);
        }
        decoder.rnnClearPreviousState();
    }

    @Override
    public float[][] step(int[] tokens) {
        INDArray in = Nd4j.create(DataType.FLOAT, tokens.length, 1, 1);
        for (int r = 0; r < tokens.length; r++) {
            in.putScalar(r, 0, 0, tokens[r]);
        }
        INDArray[] inputs =
                memory != null
                        ? new INDArray[] {in, rowCondition, rowMemory, rowMask}
                        : new INDArray[] {in, rowCondition};
        INDArray p = Graphs.rnnTimeStep(decoder, inputs)[0];
        if (memory != null) {
            weights =
                    ((DotAttentionVertexImpl) decoder.getVertex(ConditionedDecoder.ATTENTION))
                            .lastWeights();
        }
        return logRows(p);
    }

    @Override
    public void select(int[] rows) {
        for (String name : recurrentLayers) {
            Map<String, INDArray> state = decoder.rnnGetPreviousState(name);
            Map<String, INDArray> picked = new HashMap<>();
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                picked.put(e.getKey(), rows(e.getValue(), rows));
            }
            decoder.rnnSetPreviousState(name, picked);
        }
    }

    @Override
    public float[] attention(int row) {
        if (weights == null) {
            return null;
        }
        return weights.get(
                        NDArrayIndex.point(row),
                        NDArrayIndex.point(weights.size(1) - 1),
                        NDArrayIndex.all())
                .castTo(DataType.FLOAT)
                .toFloatVector();
    }

    /** Row {@code r} of the result is row {@code r / width} of {@code x} (any rank). */
    static INDArray repeatRows(INDArray x, int width) {
        long b = x.size(0);
        int[] idx = new int[(int) b * width];
        for (int r = 0; r < idx.length; r++) {
            idx[r] = r / width;
        }
        return rows(x, idx);
    }

    /** Gathers rows along the first dimension (any rank). */
    static INDArray rows(INDArray x, int[] idx) {
        long[] shape = x.shape();
        long rest = x.length() / shape[0];
        INDArray flat = x.dup('c').reshape('c', shape[0], rest);
        INDArray picked = flat.getRows(idx);
        long[] out = shape.clone();
        out[0] = idx.length;
        return picked.reshape('c', out);
    }

    /**
     * Natural-log probabilities of the last step of {@code [rows, V, T]} (or {@code [rows, V]}).
     */
    static float[][] logRows(INDArray probabilities) {
        INDArray last =
                probabilities.rank() == 3
                        ? probabilities.get(
                                NDArrayIndex.all(),
                                NDArrayIndex.all(),
                                NDArrayIndex.point(probabilities.size(2) - 1))
                        : probabilities;
        INDArray log = Transforms.log(last.castTo(DataType.FLOAT), true);
        return log.toFloatMatrix();
    }
}
