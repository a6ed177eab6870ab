package org.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer behind {@link GemmConvolutionLayer}: im2col into a heap array, one matrix product
 * forward; backward the weight gradient and the column gradient as matrix products and col2im. The
 * columns and pre-activations of the last training forward pass are kept (on the heap, so no
 * workspace can invalidate them) for the backward pass of the same input.
 */
final class GemmConvolutionLayerImpl extends ConvolutionLayer {

    /** Shape and padding of one forward pass. */
    private record Geometry(
            int batch,
            int channels,
            int height,
            int width,
            int kernelHeight,
            int kernelWidth,
            int padTop,
            int padLeft,
            int outHeight,
            int outWidth) {

        int rows() {
            return channels * kernelHeight * kernelWidth;
        }
    }

    private INDArray cachedInput;
    private Geometry cachedGeometry;
    private INDArray cachedColumns;
    private INDArray cachedPreActivation;

    GemmConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Tells whether the current input runs the im2col + GEMM path (else DL4J's implementation).
     *
     * @return true for the fast path
     */
    boolean fastPath() {
        return geometry() != null;
    }

    /** Returns the geometry when the fast path applies to the current input, else null. */
    private Geometry geometry() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        if (dataType != DataType.FLOAT
                || input == null
                || input.rank() != 4
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || c.getStride()[0] != 1
                || c.getStride()[1] != 1
                || c.getDilation()[0] != 1
                || c.getDilation()[1] != 1
                || input.size(1) != c.getNIn()) {
            return null;
        }
        int kh = c.getKernelSize()[0];
        int kw = c.getKernelSize()[1];
        int h = (int) input.size(2);
        int w = (int) input.size(3);
        if (c.getConvolutionMode() == ConvolutionMode.Same) {
            if (kh % 2 == 0 || kw % 2 == 0) {
                return null;
            }
            return new Geometry(
                    (int) input.size(0), (int) c.getNIn(), h, w, kh, kw, kh / 2, kw / 2, h, w);
        }
        if (c.getConvolutionMode() == ConvolutionMode.Truncate) {
            int ph = c.getPadding()[0];
            int pw = c.getPadding()[1];
            int oh = h + 2 * ph - kh + 1;
            int ow = w + 2 * pw - kw + 1;
            if (oh < 1 || ow < 1) {
                return null;
            }
            return new Geometry(
                    (int) input.size(0), (int) c.getNIn(), h, w, kh, kw, ph, pw, oh, ow);
        }
        return null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Geometry g = geometry();
        if (g == null) {
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray columns = im2col(input, g);
        INDArray z = preActivation(columns, g, training, workspaceMgr);
        if (training) {
            cachedInput = input;
            cachedGeometry = g;
            cachedColumns = columns;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                cachedPreActivation = z.dup();
            }
        } else {
            clearCache();
        }
        return layerConf().getActivationFn().getActivation(z, training);
    }

    private void clearCache() {
        cachedInput = null;
        cachedGeometry = null;
        cachedColumns = null;
        cachedPreActivation = null;
    }

    /**
     * {@code W x columns_b + bias} for every image b, as {@code [batch, nOut, outHeight, outWidth]}
     * in the activations workspace.
     */
    private INDArray preActivation(
            INDArray columns, Geometry g, boolean training, LayerWorkspaceMgr workspaceMgr) {
        int f = (int) layerConf().getNOut();
        int k = g.rows();
        int plane = g.outHeight() * g.outWidth();
        NativeArray weights =
                NativeArray.of(
                        getParamWithNoise(
                                ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr));
        INDArray z =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS,
                        DataType.FLOAT,
                        new long[] {g.batch(), f, g.outHeight(), g.outWidth()},
                        'c');
        NativeArray cols = NativeArray.of(columns);
        NativeArray out = NativeArray.of(z);
        for (int b = 0; b < g.batch(); b++) {
            Precision.FLOAT.gemm(
                    false,
                    false,
                    f,
                    plane,
                    k,
                    weights,
                    0,
                    k,
                    cols,
                    (long) b * k * plane,
                    plane,
                    0.0,
                    out,
                    (long) b * f * plane,
                    plane);
        }
        if (layerConf().hasBias()) {
            INDArray bias =
                    getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr);
            Nd4j.getExecutioner().exec(new BroadcastAddOp(z, bias.reshape(f), z, 1));
        }
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Geometry g = geometry();
        if (g == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (cachedInput != input || !g.equals(cachedGeometry)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray columns = im2col(input, g);
                cachedPreActivation =
                        preActivation(columns, g, true, LayerWorkspaceMgr.noWorkspaces());
                cachedColumns = columns;
            }
            cachedGeometry = g;
            cachedInput = input;
        }
        int f = (int) layerConf().getNOut();
        int k = g.rows();
        int plane = g.outHeight() * g.outWidth();
        INDArray delta =
                layerConf()
                        .getActivationFn()
                        .backprop(cachedPreActivation.dup(), epsilon.castTo(DataType.FLOAT))
                        .getFirst();
        if (!NativeArray.isRowMajorContiguous(delta)) {
            delta = delta.dup('c');
        }
        NativeArray d = NativeArray.of(delta);
        NativeArray cols = NativeArray.of(cachedColumns);
        Gradient gradient = new DefaultGradient();
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        NativeArray dw = NativeArray.of(weightGrad);
        for (int b = 0; b < g.batch(); b++) {
            // dW += delta_b [f, plane] x columns_b^T [plane, k]
            Precision.FLOAT.gemm(
                    false,
                    true,
                    f,
                    k,
                    plane,
                    d,
                    (long) b * f * plane,
                    plane,
                    cols,
                    (long) b * k * plane,
                    plane,
                    b == 0 ? 0.0 : 1.0,
                    dw,
                    0,
                    k);
        }
        if (layerConf().hasBias()) {
            INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        NativeArray weights =
                NativeArray.of(
                        getParamWithNoise(
                                ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr));
        INDArray columnGrad;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            columnGrad = Nd4j.createUninitialized(DataType.FLOAT, (long) g.batch() * k * plane);
        }
        NativeArray dc = NativeArray.of(columnGrad);
        for (int b = 0; b < g.batch(); b++) {
            // dColumns_b = W^T [k, f] x delta_b [f, plane]
            Precision.FLOAT.gemm(
                    true,
                    false,
                    k,
                    plane,
                    f,
                    weights,
                    0,
                    k,
                    d,
                    (long) b * f * plane,
                    plane,
                    0.0,
                    dc,
                    (long) b * k * plane,
                    plane);
        }
        INDArray epsOut =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD,
                        DataType.FLOAT,
                        new long[] {g.batch(), g.channels(), g.height(), g.width()},
                        'c');
        col2im(dc, g, NativeArray.of(epsOut));
        epsOut = backpropDropOutIfPresent(epsOut);
        clearCache();
        return new Pair<>(gradient, epsOut);
    }

    /**
     * Unfolds the input into columns, one {@code [k, outH outW]} block per image: row {@code (c kH
     * + ky) kW + kx}, column {@code y outW + x} of image b holds input {@code [b, c, y - padTop +
     * ky, x - padLeft + kx]} (0 outside). The result lives outside any workspace.
     */
    static INDArray im2col(INDArray input, Geometry g) {
        INDArray in = input.castTo(DataType.FLOAT);
        if (!NativeArray.isRowMajorContiguous(in)) {
            in = in.dup('c');
        }
        float[] image = new float[g.channels() * g.height() * g.width()];
        float[] col = new float[g.rows() * g.outHeight() * g.outWidth()];
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = Nd4j.createUninitialized(DataType.FLOAT, (long) g.batch() * col.length);
        }
        NativeArray source = NativeArray.of(in);
        NativeArray target = NativeArray.of(out);
        for (int b = 0; b < g.batch(); b++) {
            source.get((long) b * image.length, image, 0, image.length);
            java.util.Arrays.fill(col, 0f);
            unfold(image, col, g, false);
            target.put((long) b * col.length, col, 0, col.length);
        }
        return out;
    }

    /** The adjoint of {@link #im2col}: sums each column entry back into its input position. */
    static void col2im(NativeArray columns, Geometry g, NativeArray target) {
        float[] image = new float[g.channels() * g.height() * g.width()];
        float[] col = new float[g.rows() * g.outHeight() * g.outWidth()];
        for (int b = 0; b < g.batch(); b++) {
            columns.get((long) b * col.length, col, 0, col.length);
            java.util.Arrays.fill(image, 0f);
            unfold(image, col, g, true);
            target.put((long) b * image.length, image, 0, image.length);
        }
    }

    /**
     * Walks one image's column block: copies image values into the columns ({@code adjoint} false)
     * or adds the columns back into the image ({@code adjoint} true).
     */
    private static void unfold(float[] image, float[] col, Geometry g, boolean adjoint) {
        int plane = g.height() * g.width();
        int outPlane = g.outHeight() * g.outWidth();
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                    int rowBase = ((c * g.kernelHeight() + ky) * g.kernelWidth() + kx) * outPlane;
                    int x0 = kx - g.padLeft();
                    int from = Math.max(0, -x0);
                    int to = Math.min(g.outWidth(), g.width() - x0);
                    for (int oy = 0; from < to && oy < g.outHeight(); oy++) {
                        int iy = oy - g.padTop() + ky;
                        if (iy < 0 || iy >= g.height()) {
                            continue;
                        }
                        int pixel = c * plane + iy * g.width() + x0;
                        int column = rowBase + oy * g.outWidth();
                        if (adjoint) {
                            for (int ox = from; ox < to; ox++) {
                                image[pixel + ox] += col[column + ox];
                            }
                        } else {
                            System.arraycopy(image, pixel + from, col, column + from, to - from);
                        }
                    }
                }
            }
        }
    }
}
