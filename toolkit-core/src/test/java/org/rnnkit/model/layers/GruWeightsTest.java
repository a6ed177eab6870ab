package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** PyTorch and Keras GRU weights import into a GruLayer that then computes PyTorch's GRU. */
class GruWeightsTest {

    private static final int N_IN = 3;
    private static final int H = 4;

    private static INDArray rand(long seed, long... shape) {
        return RecurrentLayerTestSupport.rand(DataType.DOUBLE, seed, shape);
    }

    @Test
    void pytorchWeightsGivePytorchOutputs() {
        INDArray wIh = rand(1, 3 * H, N_IN);
        INDArray wHh = rand(2, 3 * H, H);
        INDArray bIh = rand(3, 3 * H);
        INDArray bHh = rand(4, 3 * H);
        MultiLayerNetwork net =
                RecurrentLayerTestSupport.network(
                        new GruLayer.Builder().nIn(N_IN).nOut(H).build(), DataType.DOUBLE, 1);
        GruWeights.load(net.getLayer(0), GruWeights.fromPyTorch(wIh, wHh, bIh, bHh));
        INDArray x = rand(5, 2, N_IN, 6);
        INDArray out = net.feedForward(x).get(1);
        // torch.nn.GRU's documented equations, on PyTorch's own layout (rows r, z, n)
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 2, H);
        for (int t = 0; t < 6; t++) {
            INDArray xt = x.get(all(), all(), point(t));
            INDArray gi = xt.mmul(wIh.transpose()).addRowVector(bIh);
            INDArray gh = h.mmul(wHh.transpose()).addRowVector(bHh);
            INDArray r =
                    Transforms.sigmoid(
                            gi.get(all(), interval(0, H)).add(gh.get(all(), interval(0, H))));
            INDArray z =
                    Transforms.sigmoid(
                            gi.get(all(), interval(H, 2 * H))
                                    .add(gh.get(all(), interval(H, 2 * H))));
            INDArray n =
                    Transforms.tanh(
                            gi.get(all(), interval(2 * H, 3 * H))
                                    .add(r.mul(gh.get(all(), interval(2 * H, 3 * H)))));
            h = z.rsub(1).mul(n).add(z.mul(h));
            assertTrue(out.get(all(), all(), point(t)).equalsWithEps(h, 1e-12), "step " + t);
        }
    }

    @Test
    void kerasLayoutImportsToTheSameParameters() {
        INDArray wIh = rand(6, 3 * H, N_IN);
        INDArray wHh = rand(7, 3 * H, H);
        INDArray bIh = rand(8, 3 * H);
        INDArray bHh = rand(9, 3 * H);
        Map<String, INDArray> torch = GruWeights.fromPyTorch(wIh, wHh, bIh, bHh);
        // Keras: kernel [nIn, 3H] and recurrent_kernel [H, 3H] with gate blocks z, r, n
        INDArray kernel = zrn(wIh.transpose());
        INDArray recurrent = zrn(wHh.transpose());
        INDArray bias = Nd4j.vstack(zrn(bIh.reshape(1, 3 * H)), zrn(bHh.reshape(1, 3 * H)));
        Map<String, INDArray> keras = GruWeights.fromKeras(kernel, recurrent, bias);
        assertEquals(torch.keySet(), keras.keySet());
        for (String k : torch.keySet()) {
            assertEquals(torch.get(k), keras.get(k), k);
        }
    }

    private static INDArray zrn(INDArray rzn) {
        return Nd4j.hstack(
                rzn.get(all(), interval(H, 2 * H)),
                rzn.get(all(), interval(0, H)),
                rzn.get(all(), interval(2 * H, 3 * H)));
    }

    @Test
    void shapeMistakesAreExplained() {
        Exception oldKeras =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GruWeights.fromKeras(
                                        rand(1, N_IN, 3 * H), rand(2, H, 3 * H), rand(3, 3 * H)));
        assertTrue(oldKeras.getMessage().contains("reset_after=False"), oldKeras.getMessage());
        MultiLayerNetwork net =
                RecurrentLayerTestSupport.network(
                        new GruLayer.Builder().nIn(N_IN).nOut(H).build(), DataType.DOUBLE, 1);
        Map<String, INDArray> wrongSize =
                GruWeights.fromPyTorch(
                        rand(1, 3 * H, N_IN + 1),
                        rand(2, 3 * H, H),
                        rand(3, 3 * H),
                        rand(4, 3 * H));
        Exception e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> GruWeights.load(net.getLayer(0), wrongSize));
        assertTrue(e.getMessage().contains("check nIn and nOut"), e.getMessage());
    }
}
