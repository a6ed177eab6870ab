package org.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * The layer behind {@link FusedSoftmaxOutputLayer}. Rows of the two-dimensional views are ordered
 * {@code example * steps + step}. The score of the last training pass is kept, together with the
 * input, labels and mask it was computed from, and handed to the {@code computeScore} call that
 * follows on the same arrays; any other score request is computed by DL4J's code.
 */
final class FusedSoftmaxOutputLayerImpl extends RnnOutputLayer {

    /** The mask as the network handed it over ({@code [batch, steps]}), before DL4J reshapes it. */
    private INDArray stepMask;

    /** Sum of the masked cross-entropy of the last fused backward pass, or NaN. */
    private double pendingScore = Double.NaN;

    /** Backward passes that ran the fused path (for tests). */
    private long fusedPasses;

    private INDArray pendingInput;
    private INDArray pendingLabels;
    private INDArray pendingMask;

    FusedSoftmaxOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Counts the backward passes that ran the fused path.
     *
     * @return the count since this layer was created
     */
    long fusedPasses() {
        return fusedPasses;
    }

    /**
     * Tells whether the current input, labels and mask run the fused path (else DL4J's code).
     *
     * @return true for the fused path
     */
    boolean fusedPath() {
        if (input == null || labels == null) {
            return false;
        }
        org.deeplearning4j.nn.conf.layers.RnnOutputLayer c = layerConf();
        ILossFunction loss = c.getLossFn();
        return (dataType == DataType.FLOAT || dataType == DataType.DOUBLE)
                && input.dataType() == dataType
                && crossEntropy(loss)
                && c.getActivationFn() instanceof ActivationSoftmax
                && c.getWeightNoise() == null
                && (c.getRnnDataFormat() == null || c.getRnnDataFormat() == RNNFormat.NCW)
                && input.rank() == 3
                && labels.rank() == 3
                && labels.size(1) == 1
                && labels.size(0) == input.size(0)
                && labels.size(2) == input.size(2)
                && (stepMask == null
                        || stepMask.rank() == 2
                                && stepMask.size(0) == input.size(0)
                                && stepMask.size(1) == input.size(2));
    }

    private double labelSmoothing() {
        return layerConf() instanceof FusedSoftmaxOutputLayer f ? f.getLabelSmoothing() : 0.0;
    }

    /** SPARSE_MCXENT without class weights (a subclass may change the loss: not fused). */
    private static boolean crossEntropy(ILossFunction loss) {
        return loss != null
                && loss.getClass() == LossSparseMCXENT.class
                && ((LossSparseMCXENT) loss).getWeights() == null;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        this.stepMask = maskArray;
        super.setMaskArray(maskArray);
    }

    @Override
    public void clear() {
        super.clear();
        stepMask = null;
        forgetScore();
    }

    private void forgetScore() {
        pendingScore = Double.NaN;
        pendingInput = null;
        pendingLabels = null;
        pendingMask = null;
    }

    @Override
    public double computeScore(
            double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean same =
                training
                        && !Double.isNaN(pendingScore)
                        && input == pendingInput
                        && labels == pendingLabels
                        && stepMask == pendingMask;
        if (!same) {
            forgetScore();
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double s = pendingScore;
        forgetScore();
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetRegTerm;
        this.score = s;
        return s;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        forgetScore();
        double smoothing = labelSmoothing();
        if (!fusedPath()) {
            if (smoothing > 0) {
                throw new IllegalStateException(
                        "label smoothing needs softmax with SPARSE_MCXENT (no class weights),"
                                + " labels [batch, 1, steps], NCW input of the network's data type"
                                + " and no weight noise "
                                + layerId());
            }
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        fusedPasses++;
        applyDropOutIfNecessary(true, workspaceMgr);
        Precision precision = Precision.of(dataType);
        int batch = (int) input.size(0);
        int nIn = (int) input.size(1);
        int steps = (int) input.size(2);
        int rows = Math.multiplyExact(batch, steps);
        int nOut = (int) layerConf().getNOut();

        // the rows that count: (example, step) with a non-zero mask, row = example * steps + step
        INDArray mask = stepMask == null ? null : stepMask.castTo(DataType.DOUBLE);
        int[] valid = new int[rows];
        double[] weight = new double[rows];
        int n = 0;
        for (int e = 0; e < batch; e++) {
            for (int t = 0; t < steps; t++) {
                double m = mask == null ? 1.0 : mask.getDouble(e, t);
                if (m != 0.0) {
                    valid[n] = e * steps + t;
                    weight[n++] = m;
                }
            }
        }
        int used = n;
        INDArray wGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        if (used == 0) {
            // every step is padding: no score, no gradient
            wGrad.assign(0);
            if (bGrad != null) {
                bGrad.assign(0);
            }
            INDArray zeros =
                    workspaceMgr.create(
                            ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, nIn}, 'c');
            return finish(wGrad, bGrad, zeros, batch, steps, 0.0);
        }

        // x [rows, nIn], then only the rows that count: padding costs no products
        INDArray xAll =
                workspaceMgr.createUninitialized(
                        ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, nIn}, 'c');
        xAll.reshape('c', batch, steps, nIn).assign(input.permute(0, 2, 1));
        INDArray x = used == rows ? xAll : gatherRows(xAll, valid, used, nIn, workspaceMgr);
        NativeArray xs = NativeArray.of(x);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        // DL4J keeps W [nIn, nOut] in 'f' order: its transpose is a row-major [nOut, nIn] view
        INDArray wt = contiguous(w.transpose());
        NativeArray ws = NativeArray.of(wt);

        // logits z = x W + b, then softmax in place: z holds p
        INDArray z =
                workspaceMgr.createUninitialized(
                        ArrayType.BP_WORKING_MEM, dataType, new long[] {used, nOut}, 'c');
        NativeArray zs = NativeArray.of(z);
        blas(
                () ->
                        precision.gemm(
                                false, true, used, nOut, nIn, xs, 0, nIn, ws, 0, nIn, 0.0, zs, 0,
                                nOut));
        if (hasBias()) {
            z.addiRowVector(
                    getParamWithNoise(DefaultParamInitializer.BIAS_KEY, true, workspaceMgr));
        }
        // label smoothing needs sum_j log p_j = sum_j z_j - nOut * logsumexp(z) per row; the
        // log-sum-exp is z_max - log p_max (p_max >= 1 / nOut, no underflow)
        double[] rowSum = smoothing > 0 ? z.sum(1).castTo(DataType.DOUBLE).toDoubleVector() : null;
        double[] rowMax = smoothing > 0 ? z.max(1).castTo(DataType.DOUBLE).toDoubleVector() : null;
        softmaxRows(z, used);
        double[] smoothTerm = null;
        if (smoothing > 0) {
            double[] pMax = z.max(1).castTo(DataType.DOUBLE).toDoubleVector();
            smoothTerm = new double[used];
            for (int k = 0; k < used; k++) {
                // -(1 / nOut) sum_j log p_j = logsumexp(z) - mean_j z_j
                smoothTerm[k] = rowMax[k] - Math.log(pMax[k]) - rowSum[k] / nOut;
            }
        }

        // cross-entropy of the labelled class and the gradient (p - y) * mask, in place; with
        // smoothing eps the target is (1 - eps) y + eps / nOut
        double clip = ((LossSparseMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        INDArray classes = labels.reshape('c', batch, steps);
        double loss = 0;
        boolean weighted = false;
        for (int k = 0; k < used; k++) {
            int e = valid[k] / steps;
            int t = valid[k] % steps;
            double label = classes.getDouble(e, t);
            int y = (int) label;
            if (y != label || y < 0 || y >= nOut) {
                throw new IllegalArgumentException(
                        "label of example "
                                + e
                                + " step "
                                + t
                                + " must be a class index in [0, "
                                + nOut
                                + "), found "
                                + label
                                + " "
                                + layerId());
            }
            double p = z.getDouble(k, y);
            // DL4J's LossMCXENT clips the softmax to [eps, 1 - eps] before the logarithm
            double clipped = clip > 0 ? Math.min(Math.max(p, clip), 1.0 - clip) : p;
            if (smoothTerm == null) {
                loss -= Math.log(clipped) * weight[k];
                z.putScalar(k, y, p - 1.0);
            } else {
                loss +=
                        ((1.0 - smoothing) * -Math.log(clipped) + smoothing * smoothTerm[k])
                                * weight[k];
                z.putScalar(k, y, p - (1.0 - smoothing));
            }
            weighted |= weight[k] != 1.0;
        }
        if (smoothTerm != null) {
            z.subi(smoothing / nOut);
        }
        if (weighted) {
            double[] column = java.util.Arrays.copyOf(weight, used);
            z.muliColumnVector(
                    Nd4j.createFromArray(column).castTo(dataType).reshape(column.length, 1));
        }
        INDArray delta = z;
        NativeArray ds = zs;

        // dW^T [nOut, nIn] = delta^T x (DL4J's gradient views are 'f' order [nIn, nOut]: the
        // transpose is row-major); db = column sums of delta
        productInto(
                wGrad.transpose(),
                c ->
                        precision.gemm(
                                true, false, nOut, nIn, used, ds, 0, nOut, xs, 0, nIn, 0.0, c, 0,
                                nIn));
        if (bGrad != null) {
            // column sums as a product with a vector of ones: ND4J's strided sum over rows is
            // several times slower than the product
            NativeArray os = NativeArray.of(Nd4j.ones(dataType, used, 1));
            productInto(
                    bGrad,
                    c ->
                            precision.gemm(
                                    true, false, nOut, 1, used, ds, 0, nOut, os, 0, 1, 0.0, c, 0,
                                    1));
        }
        // input gradient [rows, nIn] = delta W; padding rows 0
        INDArray eps2d =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, nIn}, 'c');
        INDArray epsUsed =
                used == rows
                        ? eps2d
                        : workspaceMgr.createUninitialized(
                                ArrayType.BP_WORKING_MEM, dataType, new long[] {used, nIn}, 'c');
        NativeArray es = NativeArray.of(epsUsed);
        blas(
                () ->
                        precision.gemm(
                                false, false, used, nIn, nOut, ds, 0, nOut, ws, 0, nIn, 0.0, es, 0,
                                nIn));
        if (used < rows) {
            eps2d.assign(0);
            scatterRows(epsUsed, valid, used, nIn, eps2d);
        }
        return finish(wGrad, bGrad, eps2d, batch, steps, loss);
    }

    /**
     * Ends a fused backward pass: the gradient, the input gradient {@code [batch, nIn, steps]} (a
     * view of {@code eps2d [batch * steps, nIn]}) and the score kept for {@code computeScore}.
     */
    private Pair<Gradient, INDArray> finish(
            INDArray wGrad, INDArray bGrad, INDArray eps2d, int batch, int steps, double loss) {
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wGrad);
        if (bGrad != null) {
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bGrad);
        }
        INDArray eps3d =
                backpropDropOutIfPresent(
                        eps2d.reshape('c', batch, steps, eps2d.size(1)).permute(0, 2, 1));
        weightNoiseParams.clear();
        pendingScore = loss;
        pendingInput = input;
        pendingLabels = labels;
        pendingMask = stepMask;
        return new Pair<>(gradient, eps3d);
    }

    /**
     * Copies rows {@code rows[0..count)} of {@code all} into a new {@code [count, width]} array.
     */
    private INDArray gatherRows(
            INDArray all, int[] rows, int count, int width, LayerWorkspaceMgr workspaceMgr) {
        INDArray out =
                workspaceMgr.createUninitialized(
                        ArrayType.BP_WORKING_MEM, dataType, new long[] {count, width}, 'c');
        copyRows(NativeArray.of(all), rows, NativeArray.of(out), null, count, width);
        return out;
    }

    /** Copies the rows of {@code used} to rows {@code rows[0..count)} of {@code all}. */
    private static void scatterRows(INDArray used, int[] rows, int count, int width, INDArray all) {
        copyRows(NativeArray.of(used), null, NativeArray.of(all), rows, count, width);
    }

    /** Row k of the source ({@code from[k]}, or k) goes to row {@code to[k]} (or k). */
    private static void copyRows(
            NativeArray src, int[] from, NativeArray dst, int[] to, int count, int width) {
        boolean single = src.array().dataType() == DataType.FLOAT;
        float[] f = single ? new float[width] : null;
        double[] d = single ? null : new double[width];
        for (int k = 0; k < count; k++) {
            long a = (long) (from == null ? k : from[k]) * width;
            long b = (long) (to == null ? k : to[k]) * width;
            if (single) {
                src.get(a, f, 0, width);
                dst.put(b, f, 0, width);
            } else {
                src.get(a, d, 0, width);
                dst.put(b, d, 0, width);
            }
        }
    }

    /** Softmax of each row of z in place, the rows shared out over rnnkit's threads. */
    private static void softmaxRows(INDArray z, int rows) {
        int slices = Math.max(1, Math.min(SliceRunner.threads(), rows / 64));
        int per = (rows + slices - 1) / slices;
        SliceRunner.run(
                slices,
                slice -> {
                    int from = slice * per;
                    int to = Math.min(rows, from + per);
                    if (from < to) {
                        INDArray part = z.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                        Nd4j.getExecutioner().exec(new SoftMax(part, part, 1));
                    }
                });
    }

    /**
     * Writes a product into {@code target}: straight into its buffer when it is row-major
     * contiguous, else through a contiguous copy of its shape.
     */
    private void productInto(INDArray target, java.util.function.Consumer<NativeArray> product) {
        INDArray out =
                NativeArray.isRowMajorContiguous(target)
                        ? target
                        : Nd4j.createUninitialized(dataType, target.shape(), 'c');
        NativeArray c = NativeArray.of(out);
        blas(() -> product.accept(c));
        if (out != target) {
            target.assign(out);
        }
    }

    /** Runs one large BLAS product with all of rnnkit's threads given to OpenBLAS. */
    private static void blas(Runnable product) {
        SliceRunner.run(1, slice -> product.run());
    }

    private static INDArray contiguous(INDArray a) {
        return NativeArray.isRowMajorContiguous(a) ? a : a.dup('c');
    }
}
