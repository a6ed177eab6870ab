package org.rnnkit.model.imports;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Image ops on NHWC arrays: ResizeBilinear (libnd4j {@code resize_bilinear} with TF's {@code
 * align_corners} / {@code half_pixel_centers}; the second input is the [2] output size) and MaxPool
 * (libnd4j {@code maxpool2d}, NHWC, SAME or VALID).
 */
final class TfjsImageOps {

    private TfjsImageOps() {}

    /**
     * Registers ResizeBilinear and MaxPool.
     *
     * @param ops the registry to add to
     */
    static void register(Map<String, TfjsOp> ops) {
        ops.put("ResizeBilinear", TfjsImageOps::resize);
        ops.put("MaxPool", TfjsImageOps::maxPool);
    }

    private static INDArray[] resize(TfjsNode n, INDArray[] in) {
        long[] size = TfjsOps.longs(in[1]);
        INDArray x = in[0];
        // The constructor without an output array leaves it null in M2.1; allocate it here.
        INDArray z = Nd4j.create(x.dataType(), x.size(0), size[0], size[1], x.size(3));
        ResizeBilinear op =
                new ResizeBilinear(
                        x,
                        z,
                        (int) size[0],
                        (int) size[1],
                        n.bool("align_corners", false),
                        n.bool("half_pixel_centers", false));
        return new INDArray[] {Nd4j.exec(op)[0]};
    }

    private static INDArray[] maxPool(TfjsNode n, INDArray[] in) {
        if (!n.string("data_format", "NHWC").equals("NHWC")) {
            throw new UnsupportedOperationException(
                    "MaxPool at node '" + n.name() + "': only NHWC");
        }
        long[] k = n.ints("ksize");
        long[] s = n.ints("strides");
        String padding = n.string("padding", "VALID");
        if (!padding.equals("SAME") && !padding.equals("VALID")) {
            throw new UnsupportedOperationException(
                    "MaxPool padding " + padding + " at node '" + n.name() + "'");
        }
        Pooling2DConfig cfg =
                Pooling2DConfig.builder()
                        .kH(k[1])
                        .kW(k[2])
                        .sH(s[1])
                        .sW(s[2])
                        .dH(1)
                        .dW(1)
                        .paddingMode(padding.equals("SAME") ? PaddingMode.SAME : PaddingMode.VALID)
                        .isNHWC(true)
                        .build();
        return new INDArray[] {Nd4j.exec(new MaxPooling2D(in[0], cfg))[0]};
    }
}
