package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The GEMM convolution gives DL4J's convolution results: outputs, gradients, training steps. */
class GemmConvolutionLayerTest {

    private static ConvolutionLayer.Builder convolution(boolean gemm, int kernel) {
        return gemm
                ? new GemmConvolutionLayer.Builder(kernel, kernel)
                : new ConvolutionLayer.Builder(kernel, kernel);
    }

    private static MultiLayerNetwork network(
            boolean gemm,
            int kernel,
            ConvolutionMode mode,
            int padding,
            int stride,
            Activation activation,
            boolean bias) {
        ConvolutionLayer.Builder first = convolution(gemm, kernel);
        first.nOut(5)
                .stride(stride, stride)
                .padding(padding, padding)
                .convolutionMode(mode)
                .activation(activation)
                .hasBias(bias);
        ConvolutionLayer.Builder second = convolution(gemm, 3);
        second.nOut(4).convolutionMode(ConvolutionMode.Same).activation(Activation.RELU);
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(7)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(0.1))
                        .list()
                        .layer(first.build())
                        .layer(
                                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                        .kernelSize(2, 2)
                                        .stride(2, 2)
                                        .build())
                        .layer(second.build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nOut(3)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .setInputType(InputType.convolutional(12, 10, 3))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest
    @CsvSource({
        "3, Same, 0, 1, RELU, true",
        "5, Same, 0, 1, TANH, true",
        "3, Truncate, 1, 1, RELU, false",
        "3, Truncate, 0, 1, IDENTITY, true",
        "2, Truncate, 1, 1, RELU, true",
        "3, Truncate, 1, 2, RELU, true"
    })
    void givenSameParameters_whenRun_thenOutputsGradientsAndStepsEqualDl4j(
            int kernel,
            ConvolutionMode mode,
            int padding,
            int stride,
            Activation activation,
            boolean bias) {
        MultiLayerNetwork dl4j = network(false, kernel, mode, padding, stride, activation, bias);
        MultiLayerNetwork gemm = network(true, kernel, mode, padding, stride, activation, bias);
        assertInstanceOf(GemmConvolutionLayerImpl.class, gemm.getLayer(0));
        gemm.setParams(dl4j.params().dup());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 12, 10).subi(0.5);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 3);
        DataSet data = new DataSet(x, y);

        INDArray expected = dl4j.output(x);
        INDArray actual = gemm.output(x);
        assertTrue(expected.equalsWithEps(actual, 1e-5), expected + "\n" + actual);

        dl4j.setInput(x);
        dl4j.setLabels(y);
        dl4j.computeGradientAndScore();
        gemm.setInput(x);
        gemm.setLabels(y);
        gemm.computeGradientAndScore();
        assertEquals(stride == 1, ((GemmConvolutionLayerImpl) gemm.getLayer(0)).fastPath());
        assertTrue(((GemmConvolutionLayerImpl) gemm.getLayer(2)).fastPath());
        assertEquals(dl4j.score(), gemm.score(), 1e-6);
        INDArray g1 = dl4j.gradient().gradient();
        INDArray g2 = gemm.gradient().gradient();
        double scale = Math.max(1e-3, g1.amaxNumber().doubleValue());
        assertTrue(
                g1.sub(g2).amaxNumber().doubleValue() / scale < 1e-4,
                "gradients differ: " + g1.sub(g2).amaxNumber());

        for (int i = 0; i < 3; i++) {
            dl4j.fit(data);
            gemm.fit(data);
        }
        assertTrue(dl4j.params().equalsWithEps(gemm.params(), 1e-4), "after three SGD steps");
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void givenConfiguration_whenJsonRoundTrip_thenStillGemmAndEqual(boolean bias) {
        MultiLayerNetwork net = network(true, 3, ConvolutionMode.Same, 0, 1, Activation.RELU, bias);
        MultiLayerConfiguration back =
                MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), back);
        assertInstanceOf(GemmConvolutionLayer.class, back.getConf(0).getLayer());
    }
}
