package org.rnnkit.model.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data shared by the recurrent-layer tests. */
final class RecurrentLayerTestSupport {

    static final int N_IN = 3;
    static final int HIDDEN = 4;
    static final int BATCH = 3;
    static final int STEPS = 5;

    private RecurrentLayerTestSupport() {}

    /** A recurrent layer followed by a per-step MSE output of size 2. */
    static MultiLayerNetwork network(Layer recurrent, DataType type, long seed) {
        return initialized(
                withOutput(
                                new NeuralNetConfiguration.Builder()
                                        .seed(seed)
                                        .dataType(type)
                                        .updater(new NoOp())
                                        .weightInit(WeightInit.XAVIER)
                                        .biasInit(0.1),
                                recurrent)
                        .build());
    }

    /**
     * The layers of {@link #network}: {@code recurrent}, then a per-step MSE output of size 2 over
     * its {@code HIDDEN} (bidirectional: {@code 2 * HIDDEN}) features.
     */
    static NeuralNetConfiguration.ListBuilder withOutput(
            NeuralNetConfiguration.Builder base, Layer recurrent) {
        boolean bidirectional =
                recurrent instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
        return base.list()
                .layer(recurrent)
                .layer(
                        new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .activation(Activation.IDENTITY)
                                .dataFormat(RNNFormat.NCW)
                                .nIn(bidirectional ? 2 * HIDDEN : HIDDEN)
                                .nOut(2)
                                .build());
    }

    /** A network of {@code conf}, initialised. */
    static MultiLayerNetwork initialized(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Input {@code [BATCH, N_IN, STEPS]} with values in [-1, 1]. */
    static INDArray input(DataType type, long seed) {
        return rand(type, seed, BATCH, N_IN, STEPS);
    }

    static INDArray labels(DataType type, long seed) {
        return rand(type, seed + 1, BATCH, 2, STEPS);
    }

    /** Right-padded mask: lengths 5, 3 and 1. */
    static INDArray mask(DataType type) {
        return Nd4j.createFromArray(
                        new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}})
                .castTo(type);
    }

    static INDArray rand(DataType type, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, shape).muli(2).subi(1);
    }
}
