package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.HIDDEN;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.N_IN;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * rnnkit's LSTM and SimpleRnn compute DL4J's functions: same weights, same outputs and gradients.
 */
class Dl4jEquivalenceTest {

    enum Case {
        LSTM_FLOAT(DataType.FLOAT, true),
        LSTM_DOUBLE(DataType.DOUBLE, true),
        SIMPLE_FLOAT(DataType.FLOAT, false),
        SIMPLE_DOUBLE(DataType.DOUBLE, false);

        final DataType type;
        final boolean lstm;

        Case(DataType type, boolean lstm) {
            this.type = type;
            this.lstm = lstm;
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void sameOutputsAndGradientsAsDl4j(Case c) {
        Layer ours =
                c.lstm
                        ? new LstmLayer.Builder().nIn(N_IN).nOut(HIDDEN).build()
                        : new SimpleRnnLayer.Builder().nIn(N_IN).nOut(HIDDEN).build();
        Layer theirs =
                c.lstm
                        ? new LSTM.Builder()
                                .nIn(N_IN)
                                .nOut(HIDDEN)
                                .activation(Activation.TANH)
                                .gateActivationFunction(Activation.SIGMOID)
                                .build()
                        : new SimpleRnn.Builder()
                                .nIn(N_IN)
                                .nOut(HIDDEN)
                                .activation(Activation.TANH)
                                .build();
        MultiLayerNetwork a = RecurrentLayerTestSupport.network(ours, c.type, 1);
        MultiLayerNetwork b = RecurrentLayerTestSupport.network(theirs, c.type, 2);
        for (Map.Entry<String, INDArray> e : b.paramTable().entrySet()) {
            a.setParam(
                    e.getKey(),
                    RecurrentLayerTestSupport.rand(
                            c.type, e.getKey().hashCode(), e.getValue().shape()));
            b.setParam(e.getKey(), a.getParam(e.getKey()));
        }
        double tol = c.type == DataType.FLOAT ? 2e-5 : 1e-12;
        for (INDArray mask : new INDArray[] {null, RecurrentLayerTestSupport.mask(c.type)}) {
            INDArray x = RecurrentLayerTestSupport.input(c.type, 3);
            INDArray y = RecurrentLayerTestSupport.labels(c.type, 4);
            INDArray outA = a.output(x, false, mask, mask);
            INDArray outB = b.output(x, false, mask, mask);
            assertTrue(outA.equalsWithEps(outB, tol), "outputs differ:\n" + outA + "\n" + outB);
            // DL4J's layers leave padded steps unmasked here; only real steps are compared.
            INDArray real = mask == null ? x.get(all(), point(0), all()).dup().assign(1) : mask;
            INDArray hA = a.feedForward(x, mask, mask).get(1).mul(real.reshape(3, 1, 5));
            INDArray hB = b.feedForward(x, mask, mask).get(1).mul(real.reshape(3, 1, 5));
            assertTrue(hA.equalsWithEps(hB, tol), "hidden states differ:\n" + hA + "\n" + hB);

            a.setInput(x);
            a.setLabels(y);
            a.setLayerMaskArrays(mask, mask);
            a.computeGradientAndScore();
            b.setInput(x);
            b.setLabels(y);
            b.setLayerMaskArrays(mask, mask);
            b.computeGradientAndScore();
            assertEquals(b.score(), a.score(), tol);
            Map<String, INDArray> ga = a.gradient().gradientForVariable();
            Map<String, INDArray> gb = b.gradient().gradientForVariable();
            assertEquals(gb.keySet(), ga.keySet());
            for (String key : gb.keySet()) {
                assertTrue(
                        ga.get(key)
                                .reshape(gb.get(key).shape())
                                .equalsWithEps(gb.get(key), 10 * tol),
                        key
                                + " gradient differs (mask "
                                + (mask != null)
                                + "):\n"
                                + ga.get(key)
                                + "\n"
                                + gb.get(key));
            }
        }
    }
}
