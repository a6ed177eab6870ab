package org.rnnkit.model.imports;

import java.util.List;
import java.util.Map;
import org.nd4j.enums.WeightsFormat;
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
 * depthwise filter [kH,kW,C,multiplier]. Runs libnd4j's {@code conv2d} / {@code depthwise_conv2d}
 * with NHWC data and YXIO weights; libnd4j's SAME padding puts the odd pixel at the bottom/right
 * like TF. EXPLICIT padding is applied with {@code Nd4j.pad} before a VALID conv.
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
        INDArray y =
                depthwise
                        ? Nd4j.exec(new DepthwiseConv2D(x, w, bias, cfg))[0]
                        : Nd4j.exec(new Conv2D(x, w, bias, cfg))[0];
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
}
