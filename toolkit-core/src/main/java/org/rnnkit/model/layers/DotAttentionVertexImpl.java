package org.rnnkit.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime of {@link DotAttentionVertex}: per batch row, scores {@code Q^T K} ({@code [T, S]}),
 * a softmax over the real source steps, and the context {@code V A^T}; the backward pass is the
 * exact gradient of the same three steps. The mask input gets no gradient.
 */
public class DotAttentionVertexImpl extends BaseGraphVertex {

    /** Added to the scores of padded source steps before the softmax. */
    private static final double MASKED = -1e9;

    private INDArray weights;

    DotAttentionVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
        super(graph, name, index, null, null, dataType);
    }

    /**
     * Returns the attention weights of the last forward pass.
     *
     * @return {@code [batch, T, S]}, each row over the source summing to 1; {@code null} before the
     *     first pass
     */
    public INDArray lastWeights() {
        return weights;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray q = inputs[0];
        INDArray k = inputs[1];
        INDArray v = inputs[2];
        INDArray mask = inputs[3];
        check(q, k, v, mask);
        long b = q.size(0);
        long t = q.size(2);
        long s = k.size(2);
        INDArray a;
        // kept for the backward pass and for inspection: outside any workspace
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = Nd4j.createUninitialized(q.dataType(), new long[] {b, t, s}, 'c');
        }
        INDArray out =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS, q.dataType(), new long[] {b, v.size(1), t}, 'c');
        for (long i = 0; i < b; i++) {
            INDArray scores = q.slice(i).transpose().mmul(k.slice(i)); // [T, S]
            INDArray penalty = mask.getRow(i).rsub(1.0).muli(MASKED); // [S]
            scores.addiRowVector(penalty);
            softmaxRows(scores);
            a.slice(i).assign(scores);
            out.slice(i).assign(v.slice(i).mmul(scores.transpose())); // [E, T]
        }
        weights = a;
        return out;
    }

    /** In-place softmax over each row of a 2D array, stable. */
    private static void softmaxRows(INDArray x) {
        INDArray max = x.max(true, 1);
        x.subiColumnVector(max);
        org.nd4j.linalg.ops.transforms.Transforms.exp(x, false);
        x.diviColumnVector(x.sum(true, 1));
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray q = inputs[0];
        INDArray k = inputs[1];
        INDArray v = inputs[2];
        long b = q.size(0);
        INDArray dq = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, q.dataType(), q.shape(), 'c');
        INDArray dk = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, k.dataType(), k.shape(), 'c');
        INDArray dv = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, v.dataType(), v.shape(), 'c');
        INDArray dmask =
                workspaceMgr.create(
                        ArrayType.ACTIVATION_GRAD, inputs[3].dataType(), inputs[3].shape(), 'c');
        for (long i = 0; i < b; i++) {
            INDArray a = weights.slice(i); // [T, S]
            INDArray dc = epsilon.slice(i); // [E, T]
            dv.slice(i).assign(dc.mmul(a)); // [E, S]
            INDArray da = dc.transpose().mmul(v.slice(i)); // [T, S]
            // softmax backward: ds = a * (da - sum_s a * da)
            INDArray dot = da.mul(a).sum(true, 1); // [T, 1]
            INDArray ds = da.subiColumnVector(dot).muli(a);
            dq.slice(i).assign(k.slice(i).mmul(ds.transpose())); // [d, T]
            dk.slice(i).assign(q.slice(i).mmul(ds)); // [d, S]
        }
        return new Pair<>(null, new INDArray[] {dq, dk, dv, dmask});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("DotAttentionVertex has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(
            INDArray[] maskArrays, MaskState currentMaskState, int minibatchSize) {
        // The output has the queries' steps: their mask carries on.
        if (maskArrays == null || maskArrays[0] == null) {
            return null;
        }
        return new Pair<>(maskArrays[0], currentMaskState);
    }

    private static void check(INDArray q, INDArray k, INDArray v, INDArray mask) {
        if (q.rank() != 3
                || k.rank() != 3
                || v.rank() != 3
                || mask.rank() != 2
                || q.size(1) != k.size(1)
                || k.size(2) != v.size(2)
                || mask.size(1) != k.size(2)
                || q.size(0) != k.size(0)
                || k.size(0) != v.size(0)
                || v.size(0) != mask.size(0)) {
            throw new IllegalArgumentException(
                    "attention expects queries [b, d, T], keys [b, d, S], values [b, e, S] and mask"
                            + " [b, S], received: "
                            + java.util.Arrays.toString(q.shape())
                            + ", "
                            + java.util.Arrays.toString(k.shape())
                            + ", "
                            + java.util.Arrays.toString(v.shape())
                            + ", "
                            + java.util.Arrays.toString(mask.shape()));
        }
    }

    @Override
    public String toString() {
        return "DotAttentionVertex(" + vertexName + ")";
    }
}
