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
 * exact gradient of the same three steps. The mask input gets no gradient. The products are small
 * (a few steps by a few steps per example), so they run as plain loops over heap copies in double
 * precision, the examples shared out over rnnkit's threads: one ND4J operation per example and step
 * costs more than the arithmetic.
 */
public class DotAttentionVertexImpl extends BaseGraphVertex {

    /** Added to the scores of padded source steps before the softmax. */
    private static final double MASKED = -1e9;

    private INDArray weights;

    /** The same weights as doubles, for the backward pass. */
    private double[] weightValues;

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
        Sizes z = Sizes.of(q, k, v);
        int b = z.b();
        int d = z.d();
        int t = z.t();
        int s = z.s();
        int e = z.e();
        double[] qs = doubles(q);
        double[] ks = doubles(k);
        double[] vs = doubles(v);
        double[] ms = doubles(mask);
        double[] as = new double[b * t * s];
        double[] out = new double[b * e * t];
        forEachExample(
                b,
                i -> {
                    int qo = i * d * t;
                    int ko = i * d * s;
                    int ao = i * t * s;
                    // scores [T, S] = Q^T K, padded source steps pushed to -1e9
                    for (int c = 0; c < d; c++) {
                        for (int r = 0; r < t; r++) {
                            double qv = qs[qo + c * t + r];
                            int row = ao + r * s;
                            int kr = ko + c * s;
                            for (int j = 0; j < s; j++) {
                                as[row + j] += qv * ks[kr + j];
                            }
                        }
                    }
                    for (int r = 0; r < t; r++) {
                        int row = ao + r * s;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < s; j++) {
                            as[row + j] += (1.0 - ms[i * s + j]) * MASKED;
                            max = Math.max(max, as[row + j]);
                        }
                        double sum = 0;
                        for (int j = 0; j < s; j++) {
                            double x = Math.exp(as[row + j] - max);
                            as[row + j] = x;
                            sum += x;
                        }
                        for (int j = 0; j < s; j++) {
                            as[row + j] /= sum;
                        }
                    }
                    // context [E, T] = V A^T
                    int vo = i * e * s;
                    int oo = i * e * t;
                    for (int c = 0; c < e; c++) {
                        for (int r = 0; r < t; r++) {
                            double acc = 0;
                            int row = ao + r * s;
                            int vr = vo + c * s;
                            for (int j = 0; j < s; j++) {
                                acc += vs[vr + j] * as[row + j];
                            }
                            out[oo + c * t + r] = acc;
                        }
                    }
                });
        // kept for the backward pass and for inspection: outside any workspace
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            weights = Nd4j.create(as, new long[] {b, t, s}, 'c').castTo(q.dataType());
            weightValues = as;
        }
        INDArray result =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS, q.dataType(), new long[] {b, e, t}, 'c');
        result.assign(Nd4j.create(out, new long[] {b, e, t}, 'c'));
        return result;
    }

    /** Batch, query/key width, query steps, source steps and value width. */
    private record Sizes(int b, int d, int t, int s, int e) {
        static Sizes of(INDArray q, INDArray k, INDArray v) {
            return new Sizes(
                    (int) q.size(0),
                    (int) q.size(1),
                    (int) q.size(2),
                    (int) k.size(2),
                    (int) v.size(1));
        }
    }

    /** The values of an array in C order, as doubles on the heap. */
    private static double[] doubles(INDArray x) {
        return x.dup('c').data().asDouble();
    }

    /** Runs the body for every example, the examples shared out over rnnkit's threads. */
    private static void forEachExample(int batch, java.util.function.IntConsumer body) {
        int slices = Math.max(1, Math.min(SliceRunner.threads(), batch / 8));
        int per = (batch + slices - 1) / slices;
        SliceRunner.run(
                slices,
                slice -> {
                    for (int i = slice * per; i < Math.min(batch, (slice + 1) * per); i++) {
                        body.accept(i);
                    }
                });
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray q = inputs[0];
        INDArray k = inputs[1];
        INDArray v = inputs[2];
        Sizes z = Sizes.of(q, k, v);
        int b = z.b();
        int d = z.d();
        int t = z.t();
        int s = z.s();
        int e = z.e();
        double[] qs = doubles(q);
        double[] ks = doubles(k);
        double[] vs = doubles(v);
        double[] dc = doubles(epsilon);
        double[] as = weightValues;
        double[] dq = new double[b * d * t];
        double[] dk = new double[b * d * s];
        double[] dv = new double[b * e * s];
        forEachExample(
                b,
                i -> {
                    int ao = i * t * s;
                    int vo = i * e * s;
                    int co = i * e * t;
                    // dV [E, S] = dC A ; dA [T, S] = dC^T V
                    double[] da = new double[t * s];
                    for (int c = 0; c < e; c++) {
                        int vr = vo + c * s;
                        for (int r = 0; r < t; r++) {
                            double g = dc[co + c * t + r];
                            int row = ao + r * s;
                            for (int j = 0; j < s; j++) {
                                dv[vr + j] += g * as[row + j];
                                da[r * s + j] += g * vs[vr + j];
                            }
                        }
                    }
                    // softmax backward: dS = A * (dA - sum_s A * dA)
                    for (int r = 0; r < t; r++) {
                        int row = ao + r * s;
                        double dot = 0;
                        for (int j = 0; j < s; j++) {
                            dot += as[row + j] * da[r * s + j];
                        }
                        for (int j = 0; j < s; j++) {
                            da[r * s + j] = as[row + j] * (da[r * s + j] - dot);
                        }
                    }
                    // dQ [d, T] = K dS^T ; dK [d, S] = Q dS
                    int qo = i * d * t;
                    int ko = i * d * s;
                    for (int c = 0; c < d; c++) {
                        int kr = ko + c * s;
                        for (int r = 0; r < t; r++) {
                            double qv = qs[qo + c * t + r];
                            double acc = 0;
                            for (int j = 0; j < s; j++) {
                                double g = da[r * s + j];
                                acc += ks[kr + j] * g;
                                dk[kr + j] += qv * g;
                            }
                            dq[qo + c * t + r] = acc;
                        }
                    }
                });
        INDArray[] grads = {
            gradient(workspaceMgr, q, dq),
            gradient(workspaceMgr, k, dk),
            gradient(workspaceMgr, v, dv),
            workspaceMgr.create(
                    ArrayType.ACTIVATION_GRAD, inputs[3].dataType(), inputs[3].shape(), 'c')
        };
        return new Pair<>(null, grads);
    }

    private static INDArray gradient(
            LayerWorkspaceMgr workspaceMgr, INDArray like, double[] values) {
        INDArray g =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, like.dataType(), like.shape(), 'c');
        g.assign(Nd4j.create(values, like.shape(), 'c'));
        return g;
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
