package org.rnnkit.model.imports;

import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Convolutions: {@code Conv2D}, {@code DepthwiseConv2dNative} and the TF.js converter's fused forms
 * {@code _FusedConv2D} / {@code FusedDepthwiseConv2dNative} (conv, then the {@code fused_ops}:
 * BiasAdd and an optional activation). NHWC only. Input [N,H,W,C]; Conv2D filter [kH,kW,C,outC];
 * depthwise filter [kH,kW,C,multiplier]. Float32 SAME/VALID convolutions run here: 1x1 stride-1
 * ones as one BLAS product [N*H*W,C] x [C,outC], other Conv2Ds as im2col + one BLAS product,
 * depthwise ones in plain Java loops with bias and Relu/Relu6 fused; TF's SAME padding puts the odd
 * pixel at the bottom/right. Other data types fall back to libnd4j's {@code conv2d} / {@code
 * depthwise_conv2d} (NHWC data, YXIO weights). EXPLICIT padding is applied with {@code Nd4j.pad}
 * before a VALID conv.
 */
final class TfjsConvOps {

    private TfjsConvOps() {}

    /**
     * Registers Conv2D, DepthwiseConv2dNative and their fused forms.
     *
     * @param ops the registry to add to
     */
    static void register(Map<String, TfjsOp> ops) {
        ops.put("Conv2D", (n, in) -> new INDArray[] {conv(n, in, false)});
        ops.put("_FusedConv2D", (n, in) -> new INDArray[] {conv(n, in, false)});
        ops.put("DepthwiseConv2dNative", (n, in) -> new INDArray[] {conv(n, in, true)});
        ops.put("FusedDepthwiseConv2dNative", (n, in) -> new INDArray[] {conv(n, in, true)});
    }

    private static INDArray conv(TfjsNode node, INDArray[] in, boolean depthwise) {
        String format = node.string("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw new UnsupportedOperationException(
                    "data_format " + format + " at node '" + node.name() + "' (only NHWC)");
        }
        INDArray x = in[0];
        INDArray w = in[1].castTo(x.dataType());
        long[] strides = node.ints("strides");
        long[] dil = node.ints("dilations");
        long sH = strides.length == 4 ? strides[1] : 1;
        long sW = strides.length == 4 ? strides[2] : 1;
        long dH = dil.length == 4 ? dil[1] : 1;
        long dW = dil.length == 4 ? dil[2] : 1;
        String padding = node.string("padding", "VALID");
        PaddingMode mode;
        switch (padding) {
            case "SAME":
                mode = PaddingMode.SAME;
                break;
            case "VALID":
                mode = PaddingMode.VALID;
                break;
            case "EXPLICIT":
                long[] p = node.ints("explicit_paddings");
                if (p.length != 8) {
                    throw new IllegalArgumentException(
                            "node '" + node.name() + "': explicit_paddings needs 8 values");
                }
                x =
                        Nd4j.pad(
                                x,
                                new int[][] {
                                    {0, 0},
                                    {(int) p[2], (int) p[3]},
                                    {(int) p[4], (int) p[5]},
                                    {0, 0}
                                });
                mode = PaddingMode.VALID;
                break;
            default:
                throw new UnsupportedOperationException(
                        "padding " + padding + " at node '" + node.name() + "'");
        }
        List<String> fused = node.strings("fused_ops");
        INDArray bias = null;
        int arg = 2;
        int i = 0;
        if (!fused.isEmpty() && fused.get(0).equals("BiasAdd")) {
            bias = in[arg++].castTo(x.dataType());
            i = 1;
        }
        Conv2DConfig cfg =
                Conv2DConfig.builder()
                        .kH(w.size(0))
                        .kW(w.size(1))
                        .sH(sH)
                        .sW(sW)
                        .dH(dH)
                        .dW(dW)
                        .paddingMode(mode)
                        .dataFormat(Conv2DConfig.NHWC)
                        .weightsFormat(WeightsFormat.YXIO)
                        .build();
        INDArray y;
        if (depthwise
                && x.dataType() == DataType.FLOAT
                && x.rank() == 4
                && (mode == PaddingMode.SAME || mode == PaddingMode.VALID)) {
            boolean relu = i < fused.size() && fused.get(i).equals("Relu");
            boolean relu6 = i < fused.size() && fused.get(i).equals("Relu6");
            if (relu || relu6) {
                i++;
            }
            y =
                    depthwiseNhwc(
                            x,
                            w,
                            bias,
                            (int) sH,
                            (int) sW,
                            (int) dH,
                            (int) dW,
                            mode == PaddingMode.SAME,
                            relu || relu6 ? 0f : Float.NEGATIVE_INFINITY,
                            relu6 ? 6f : Float.POSITIVE_INFINITY);
        } else if (!depthwise
                && x.dataType() == DataType.FLOAT
                && x.rank() == 4
                && w.size(0) == 1
                && w.size(1) == 1
                && sH == 1
                && sW == 1) {
            y = pointwiseNhwc(x, w, bias);
        } else if (!depthwise
                && x.dataType() == DataType.FLOAT
                && x.rank() == 4
                && (mode == PaddingMode.SAME || mode == PaddingMode.VALID)) {
            y =
                    convNhwc(
                            x,
                            w,
                            bias,
                            (int) sH,
                            (int) sW,
                            (int) dH,
                            (int) dW,
                            mode == PaddingMode.SAME);
        } else {
            y =
                    depthwise
                            ? Nd4j.exec(new DepthwiseConv2D(x, w, bias, cfg))[0]
                            : Nd4j.exec(new Conv2D(x, w, bias, cfg))[0];
        }
        for (; i < fused.size(); i++) {
            String f = fused.get(i);
            switch (f) {
                case "Relu":
                    y = Transforms.relu(y, false);
                    break;
                case "Relu6":
                    y = Transforms.min(Transforms.max(y, 0, false), 6, false);
                    break;
                case "Elu":
                    y = Transforms.elu(y, false);
                    break;
                case "Sigmoid":
                    y = Transforms.sigmoid(y, false);
                    break;
                case "Tanh":
                    y = Transforms.tanh(y, false);
                    break;
                case "LeakyRelu":
                    y = Transforms.leakyRelu(y, node.real("leakyrelu_alpha", 0.2), false);
                    break;
                case "Prelu":
                    INDArray alpha = in[arg++].castTo(y.dataType());
                    INDArray neg = Transforms.min(y, 0, true);
                    y = Transforms.max(y, 0, true).addi(neg.muli(alpha.reshape(1, 1, 1, -1)));
                    break;
                default:
                    throw new UnsupportedOperationException(
                            "fused op '"
                                    + f
                                    + "' of "
                                    + node.op()
                                    + " at node '"
                                    + node.name()
                                    + "'");
            }
        }
        return y;
    }

    /**
     * A float32 NHWC depthwise convolution in plain Java loops, with the bias and a clamp
     * activation fused into the same pass: multiplier 1 row by row with vectorizable same-index
     * multiply-adds ({@link #depthwiseRows}), other multipliers per pixel and channel. TF's SAME
     * padding: output ceil(in / stride), the odd padding pixel at the bottom/right.
     *
     * @param x input [N,H,W,C]
     * @param w filter [kH,kW,C,M] (M the channel multiplier)
     * @param bias [C*M] or null
     * @param sH stride along H
     * @param sW stride along W
     * @param dH dilation along H
     * @param dW dilation along W
     * @param same SAME padding (else VALID)
     * @param lo lower clamp applied after the bias (negative infinity for none, 0 for Relu/Relu6)
     * @param hi upper clamp (positive infinity for none, 6 for Relu6)
     * @return output [N,outH,outW,C*M] float32
     */
    static INDArray depthwiseNhwc(
            INDArray x,
            INDArray w,
            INDArray bias,
            int sH,
            int sW,
            int dH,
            int dW,
            boolean same,
            float lo,
            float hi) {
        int n = (int) x.size(0);
        int h = (int) x.size(1);
        int wd = (int) x.size(2);
        int c = (int) x.size(3);
        int kH = (int) w.size(0);
        int kW = (int) w.size(1);
        int m = (int) w.size(3);
        int oc = c * m;
        Window g = Window.of(h, wd, kH, kW, sH, sW, dH, dW, same);
        int outH = g.outH();
        int outW = g.outW();
        int padT = g.padTop();
        int padL = g.padLeft();
        float[] xs = floats(x);
        float[] ws = floats(w);
        float[] bs = bias == null ? new float[oc] : floats(bias);
        float[] ys = new float[n * outH * outW * oc];
        boolean act = lo != Float.NEGATIVE_INFINITY || hi != Float.POSITIVE_INFINITY;
        if (m == 1) {
            depthwiseRows(
                    xs, ws, bs, ys, n, h, wd, c, kH, kW, sH, sW, dH, dW, outH, outW, padT, padL, lo,
                    hi, act);
            return array(ys, n, outH, outW, oc);
        }
        // Channel multiplier above 1: per output pixel, per channel.
        for (int b = 0; b < n; b++) {
            int xb = b * h * wd * c;
            for (int oy = 0; oy < outH; oy++) {
                int yRow = ((b * outH) + oy) * outW * oc;
                for (int ox = 0; ox < outW; ox++) {
                    System.arraycopy(bs, 0, ys, yRow + ox * oc, oc);
                }
                for (int ky = 0; ky < kH; ky++) {
                    int iy = oy * sH - padT + ky * dH;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int xRow = xb + iy * wd * c;
                    for (int kx = 0; kx < kW; kx++) {
                        int wo = (ky * kW + kx) * oc;
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * sW - padL + kx * dW;
                            if (ix < 0 || ix >= wd) {
                                continue;
                            }
                            int xo = xRow + ix * c;
                            int yo = yRow + ox * oc;
                            for (int ch = 0; ch < c; ch++) {
                                float v = xs[xo + ch];
                                for (int k = 0; k < m; k++) {
                                    ys[yo + ch * m + k] += v * ws[wo + ch * m + k];
                                }
                            }
                        }
                    }
                }
                if (act) {
                    int end = yRow + outW * oc;
                    for (int p = yRow; p < end; p++) {
                        ys[p] = Math.min(Math.max(ys[p], lo), hi);
                    }
                }
            }
        }
        return array(ys, n, outH, outW, oc);
    }

    /**
     * The values of an array in C order as a new float[].
     *
     * @param a any shape, float32
     * @return its elements, row-major
     */
    static float[] floats(INDArray a) {
        INDArray d =
                !a.isView() && a.ordering() == 'c' && a.data().length() == a.length()
                        ? a
                        : a.dup('c');
        // One bulk copy from the native buffer (DataBuffer.asFloat() reads element by element).
        float[] out = new float[(int) d.length()];
        ((FloatPointer) d.data().pointer()).get(out, 0, out.length);
        return out;
    }

    /**
     * A float32 NHWC 1x1 stride-1 convolution as one BLAS product: [N*H*W, Cin] x [Cin, Cout],
     * computed as the column-major product w^T x^T so that the result's memory is the row-major
     * [N,H,W,Cout] output without a copy; the bias is then added in place.
     *
     * @param x input [N,H,W,Cin]
     * @param w filter [1,1,Cin,Cout]
     * @param bias [Cout] or null
     * @return output [N,H,W,Cout] float32, C order
     */
    static INDArray pointwiseNhwc(INDArray x, INDArray w, INDArray bias) {
        long n = x.size(0);
        long h = x.size(1);
        long wd = x.size(2);
        long cin = x.size(3);
        long cout = w.size(3);
        INDArray x2 = (x.isView() || x.ordering() != 'c' ? x.dup('c') : x).reshape(n * h * wd, cin);
        INDArray w2 = (w.isView() || w.ordering() != 'c' ? w.dup('c') : w).reshape(cin, cout);
        INDArray yt = Nd4j.createUninitialized(DataType.FLOAT, new long[] {cout, n * h * wd}, 'f');
        w2.transpose().mmuli(x2.transpose(), yt);
        INDArray y = Nd4j.create(yt.data(), new long[] {n, h, wd, cout});
        if (bias != null) {
            y.reshape(n * h * wd, cout).addiRowVector(bias.reshape(cout));
        }
        return y;
    }

    /**
     * The multiplier-1 depthwise convolution, one output row at a time: for each filter tap the
     * valid output pixels' input pixels are copied (as one run, or one per pixel for strides above
     * 1) into a scratch row at the output pixels' positions, so that the multiply-add over the row
     * indexes output, input and the W-tiled filter tap with the same index (the form that C2
     * vectorizes). Arguments as in {@link #depthwiseNhwc}, arrays row-major; writes ys.
     */
    private static void depthwiseRows(
            float[] xs,
            float[] ws,
            float[] bs,
            float[] ys,
            int n,
            int h,
            int wd,
            int c,
            int kH,
            int kW,
            int sH,
            int sW,
            int dH,
            int dW,
            int outH,
            int outW,
            int padT,
            int padL,
            float lo,
            float hi,
            boolean act) {
        int row = outW * c;
        float[][] taps = new float[kH * kW][row];
        for (int t = 0; t < kH * kW; t++) {
            for (int ox = 0; ox < outW; ox++) {
                System.arraycopy(ws, t * c, taps[t], ox * c, c);
            }
        }
        float[] acc = new float[row];
        float[] xr = new float[row];
        for (int b = 0; b < n; b++) {
            int xb = b * h * wd * c;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    System.arraycopy(bs, 0, acc, ox * c, c);
                }
                for (int ky = 0; ky < kH; ky++) {
                    int iy = oy * sH - padT + ky * dH;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int xRow = xb + iy * wd * c;
                    for (int kx = 0; kx < kW; kx++) {
                        int off = kx * dW - padL;
                        int ox0 = Math.max(0, Math.floorDiv(-off + sW - 1, sW));
                        int ox1 = Math.min(outW, Math.floorDiv(wd - 1 - off, sW) + 1);
                        if (ox1 <= ox0) {
                            continue;
                        }
                        if (sW == 1) {
                            System.arraycopy(
                                    xs, xRow + (ox0 + off) * c, xr, ox0 * c, (ox1 - ox0) * c);
                        } else {
                            for (int ox = ox0; ox < ox1; ox++) {
                                System.arraycopy(xs, xRow + (ox * sW + off) * c, xr, ox * c, c);
                            }
                        }
                        multiplyAdd(acc, xr, taps[ky * kW + kx], ox0 * c, ox1 * c);
                    }
                }
                if (act) {
                    for (int p = 0; p < row; p++) {
                        acc[p] = Math.min(Math.max(acc[p], lo), hi);
                    }
                }
                System.arraycopy(acc, 0, ys, ((b * outH) + oy) * row, row);
            }
        }
    }

    /** y[k] += x[k] * w[k] for k in [from, to): one index for all three arrays. */
    private static void multiplyAdd(float[] ys, float[] xs, float[] ws, int from, int to) {
        for (int k = from; k < to; k++) {
            ys[k] += xs[k] * ws[k];
        }
    }

    /**
     * A float32 NHWC convolution as im2col + one BLAS product (for the few non-1x1 convolutions,
     * such as the 3x3 stride-2 stem on a 3-channel image): each output pixel's patch, in the
     * filter's (ky, kx, Cin) order with zeros for the padding, becomes one row of a [N*outH*outW,
     * kH*kW*Cin] matrix, multiplied by the filter as [kH*kW*Cin, Cout]. TF's SAME padding as in
     * {@link #depthwiseNhwc}.
     *
     * @param x input [N,H,W,Cin]
     * @param w filter [kH,kW,Cin,Cout]
     * @param bias [Cout] or null
     * @param sH stride along H
     * @param sW stride along W
     * @param dH dilation along H
     * @param dW dilation along W
     * @param same SAME padding (else VALID)
     * @return output [N,outH,outW,Cout] float32
     */
    static INDArray convNhwc(
            INDArray x, INDArray w, INDArray bias, int sH, int sW, int dH, int dW, boolean same) {
        int n = (int) x.size(0);
        int h = (int) x.size(1);
        int wd = (int) x.size(2);
        int c = (int) x.size(3);
        int kH = (int) w.size(0);
        int kW = (int) w.size(1);
        int oc = (int) w.size(3);
        Window g = Window.of(h, wd, kH, kW, sH, sW, dH, dW, same);
        int outH = g.outH();
        int outW = g.outW();
        int padT = g.padTop();
        int padL = g.padLeft();
        float[] xs = floats(x);
        int kk = kH * kW * c;
        float[] cols = new float[n * outH * outW * kk];
        for (int b = 0; b < n; b++) {
            int xb = b * h * wd * c;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int co = ((b * outH + oy) * outW + ox) * kk;
                    for (int ky = 0; ky < kH; ky++) {
                        int iy = oy * sH - padT + ky * dH;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kW; kx++) {
                            int ix = ox * sW - padL + kx * dW;
                            if (ix >= 0 && ix < wd) {
                                System.arraycopy(
                                        xs,
                                        xb + (iy * wd + ix) * c,
                                        cols,
                                        co + (ky * kW + kx) * c,
                                        c);
                            }
                        }
                    }
                }
            }
        }
        INDArray patches = array(cols, 1, 1, (long) n * outH * outW, kk);
        INDArray y = pointwiseNhwc(patches, w.reshape(1, 1, kk, oc), bias);
        return y.reshape(n, outH, outW, oc);
    }

    /**
     * A new C-order float32 array holding the given values, filled with one bulk copy into its
     * native buffer ({@code Nd4j.create(float[], ...)} copies element by element and costs several
     * times more on large arrays).
     *
     * @param values row-major values, as many as the shape holds
     * @param shape the array's shape
     * @return the new array
     */
    static INDArray array(float[] values, long... shape) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        ((FloatPointer) a.data().pointer()).put(values, 0, values.length);
        return a;
    }

    /**
     * The output size and leading padding of a sliding window over {@code [h, w]}: SAME pads so
     * that the output is {@code ceil(size / stride)} with the smaller half of the padding first, as
     * TensorFlow does; VALID does not pad.
     */
    private record Window(int outH, int outW, int padTop, int padLeft) {

        static Window of(
                int h, int w, int kH, int kW, int sH, int sW, int dH, int dW, boolean same) {
            if (!same) {
                return new Window(
                        (h - (kH - 1) * dH - 1) / sH + 1, (w - (kW - 1) * dW - 1) / sW + 1, 0, 0);
            }
            int outH = (h + sH - 1) / sH;
            int outW = (w + sW - 1) / sW;
            return new Window(
                    outH,
                    outW,
                    Math.max((outH - 1) * sH + (kH - 1) * dH + 1 - h, 0) / 2,
                    Math.max((outW - 1) * sW + (kW - 1) * dW + 1 - w, 0) / 2);
        }
    }
}
