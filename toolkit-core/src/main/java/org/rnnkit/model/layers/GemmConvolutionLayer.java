package org.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 2D convolution with DL4J's {@link ConvolutionLayer} configuration, parameters ({@code W} {@code
 * [nOut, nIn, kH, kW]}, {@code b}) and results, computed as one im2col matrix per batch and one
 * BLAS matrix product ({@code W [nOut, nIn kH kW] x columns [nIn kH kW, batch H W]}) forward and
 * two backward. On this project's CPU backend DL4J's own {@code conv2d} op reaches 1-3 GFLOP/s on
 * small images; the matrix product reaches the BLAS speed (see docs/BENCHMARKS.md).
 *
 * <p>The fast path covers float networks, NCHW data, stride 1, dilation 1, and {@code Same} mode
 * with odd kernels or {@code Truncate} mode with explicit padding: the small image encoders of
 * rnnkit. Anything else (double precision for gradient checks, strides, NHWC) runs DL4J's
 * implementation unchanged, so the layer is a drop-in replacement.
 */
public class GemmConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialization. */
    public GemmConvolutionLayer() {}

    private GemmConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return Layers.instantiate(
                this,
                GemmConvolutionLayerImpl::new,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams,
                networkDataType);
    }

    @Override
    public GemmConvolutionLayer clone() {
        return (GemmConvolutionLayer) super.clone();
    }

    /** Builder: the same settings as DL4J's {@link ConvolutionLayer.Builder}. */
    public static class Builder extends ConvolutionLayer.Builder {

        /**
         * Starts a builder.
         *
         * @param kernelSize kernel height and width
         */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        @SuppressWarnings("unchecked")
        public GemmConvolutionLayer build() {
            // the same checks as DL4J's builder, then this class
            super.build();
            return new GemmConvolutionLayer(this);
        }
    }
}
