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

    /** The last forward pass (kept for the backward pass and for inspection). */
    private Pass last;

    /** {@link #last}'s weights as an array, built when asked for. */
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
        if (weights == null && last != null) {
            // outside any workspace: the caller keeps it
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored =
                    Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                weights =
                        Nd4j.create(last.a(), new long[] {last.b(), last.t(), last.s()}, 'c')
                                .castTo(last.type());
            }
        }
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
        Pass p = Pass.of(q, k, v, mask);
        int t = p.t();
        int s = p.s();
        int e = p.e();
        double[] vs = p.v();
        double[] as = p.a();
        double[] out = new double[p.b() * e * t];
        forEachExample(
                p.b(),
                i -> {
                    // context [E, T] = V A^T
                    int ao = i * t * s;
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
        last = p;
        weights = null;
        INDArray result =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS, q.dataType(), new long[] {p.b(), e, t}, 'c');
        result.assign(Nd4j.create(out, new long[] {p.b(), e, t}, 'c'));
        return result;
    }

    /**
     * One forward pass: sizes (batch, query/key width, query steps, source steps, value width), the
     * inputs as heap copies and the attention weights {@code a [b, T, S]}.
     */
    private record Pass(
            INDArray[] inputs,
            DataType type,
            int b,
            int d,
            int t,
            int s,
            int e,
            double[] q,
            double[] k,
            double[] v,
            double[] a) {

        /** Scores {@code Q^T K} per example, padded source steps pushed to -1e9, softmax. */
        static Pass of(INDArray qa, INDArray ka, INDArray va, INDArray mask) {
            int b = (int) qa.size(0);
            int d = (int) qa.size(1);
            int t = (int) qa.size(2);
            int s = (int) ka.size(2);
            double[] qs = doubles(qa);
            double[] ks = doubles(ka);
            double[] ms = doubles(mask);
            double[] as = new double[b * t * s];
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
                    });
            return new Pass(
                    new INDArray[] {qa, ka, va, mask},
                    qa.dataType(),
                    b,
                    d,
                    t,
                    s,
                    (int) va.size(1),
                    qs,
                    ks,
                    doubles(va),
                    as);
        }

        /** Tells whether the pass was computed from these very input arrays. */
        boolean sameInputs(INDArray[] current) {
            for (int i = 0; i < inputs.length; i++) {
                if (current[i] != inputs[i]) {
                    return false;
                }
            }
            return true;
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
        // the forward pass's copies and weights, unless the inputs changed since
        Pass p = last != null && last.sameInputs(inputs) ? last : Pass.of(q, k, v, inputs[3]);
        int b = p.b();
        int d = p.d();
        int t = p.t();
        int s = p.s();
        int e = p.e();
        double[] qs = p.q();
        double[] ks = p.k();
        double[] vs = p.v();
        double[] as = p.a();
        double[] dc = doubles(epsilon);
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
