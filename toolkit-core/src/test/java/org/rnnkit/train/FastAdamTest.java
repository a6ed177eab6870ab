package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class FastAdamTest {

    private static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(DataType.FLOAT)
                        .updater(updater)
                        .weightInit(WeightInit.XAVIER)
                        .list()
                        // 9000+ parameters: more than one chunk of the fast path
                        .layer(
                                new DenseLayer.Builder()
                                        .nIn(40)
                                        .nOut(200)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .activation(Activation.SOFTMAX)
                                        .nIn(200)
                                        .nOut(3)
                                        .build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void trainsExactlyLikeDl4jAdam() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 40);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        DataSet data = new DataSet(x, y);
        ExponentialSchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.9);
        MultiLayerNetwork fast = network(new FastAdam(0, schedule, 0.9, 0.999, 1e-8));
        MultiLayerNetwork stock = network(new Adam(0.01, 0.9, 0.999, 1e-8));
        ((Adam)
                        ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                                        stock.getLayerWiseConfigurations().getConf(0).getLayer())
                                .getIUpdater())
                .setLearningRateSchedule(schedule);
        ((Adam)
                        ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                                        stock.getLayerWiseConfigurations().getConf(1).getLayer())
                                .getIUpdater())
                .setLearningRateSchedule(schedule);
        stock.setParams(fast.params().dup());
        for (int i = 0; i < 12; i++) {
            fast.fit(data);
            stock.fit(data);
        }
        INDArray diff = Transforms.abs(fast.params().sub(stock.params()));
        assertTrue(diff.maxNumber().doubleValue() < 1e-5, "max difference " + diff.maxNumber());
        assertEquals(
                stock.getUpdater().getStateViewArray().length(),
                fast.getUpdater().getStateViewArray().length());
        assertTrue(
                fast.getUpdater()
                        .getStateViewArray()
                        .equalsWithEps(stock.getUpdater().getStateViewArray(), 1e-5));
    }

    @Test
    void configurationRoundTripsThroughJson() {
        MultiLayerNetwork net = network(new FastAdam(2e-3));
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains(FastAdam.class.getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(net.getLayerWiseConfigurations(), back);
        IUpdater u =
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer())
                        .getIUpdater();
        assertTrue(u instanceof FastAdam);
        assertEquals(2e-3, ((FastAdam) u).getLearningRate(), 0.0);
    }
}
