package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The contiguous merge gives DL4J's merge results, also for strided (permuted, reversed) inputs.
 */
class ContiguousMergeVertexTest {

    /** Embeddings (a permuted view in NCW) merged with a reversed LSTM output, then an output. */
    private static ComputationGraph graph(boolean contiguous) {
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(5)
                        .dataType(DataType.DOUBLE)
                        .updater(new Sgd(0.1))
                        .graphBuilder()
                        .addInputs("ids", "mask")
                        .addLayer(
                                "embedding",
                                new EmbeddingSequenceLayer.Builder().nIn(9).nOut(4).build(),
                                "ids")
                        .addLayer(
                                "rnn",
                                new LSTM.Builder()
                                        .nIn(4)
                                        .nOut(3)
                                        .activation(Activation.TANH)
                                        .build(),
                                "embedding")
                        .addVertex("reversed", new ReverseTimeSeriesVertex("ids"), "rnn")
                        .addVertex(
                                "merged",
                                contiguous ? new ContiguousMergeVertex() : new MergeVertex(),
                                "embedding",
                                "reversed")
                        .addLayer(
                                "out",
                                new RnnOutputLayer.Builder(LossFunction.MCXENT)
                                        .nIn(7)
                                        .nOut(2)
                                        .activation(Activation.SOFTMAX)
                                        .dataFormat(RNNFormat.NCW)
                                        .build(),
                                "merged")
                        .setOutputs("out")
                        .allowDisconnected(true)
                        .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void outputsAndGradientsEqualDl4jsMerge() {
        ComputationGraph dl4j = graph(false);
        ComputationGraph merged = graph(true);
        merged.setParams(dl4j.params());
        INDArray ids = Nd4j.createFromArray(new double[][] {{1, 4, 2, 8, 0}, {3, 3, 7, 0, 0}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 2, 5);
        for (int t = 0; t < 5; t++) {
            labels.putScalar(new long[] {0, t % 2, t}, 1);
            labels.putScalar(new long[] {1, (t + 1) % 2, t}, 1);
        }
        MultiDataSet data =
                new MultiDataSet(
                        new INDArray[] {ids, mask},
                        new INDArray[] {labels},
                        new INDArray[] {mask, mask},
                        new INDArray[] {mask});
        for (ComputationGraph net : new ComputationGraph[] {dl4j, merged}) {
            net.setInputs(data.getFeatures());
            net.setLabels(data.getLabels());
            net.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
            net.computeGradientAndScore();
        }
        // the case this vertex is for: at least one strided input
        merged.setLayerMaskArrays(data.getFeaturesMaskArrays(), null);
        java.util.Map<String, INDArray> acts = merged.feedForward(data.getFeatures(), false);
        assertTrue(
                !NativeArray.isRowMajorContiguous(acts.get("embedding"))
                        || !NativeArray.isRowMajorContiguous(acts.get("reversed")),
                "expected a strided input to the merge");
        assertEquals(dl4j.score(), merged.score(), 1e-12);
        assertEquals(
                0.0,
                dl4j.gradient()
                        .gradient()
                        .sub(merged.gradient().gradient())
                        .amaxNumber()
                        .doubleValue(),
                1e-12);
        assertEquals(
                dl4j.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0],
                merged.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0]);
    }

    @Test
    void configurationRoundTripsAndClones() {
        ComputationGraph net = graph(true);
        ComputationGraphConfiguration copy =
                ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertInstanceOf(ContiguousMergeVertex.class, copy.getVertices().get("merged"));
        assertEquals(net.getConfiguration(), copy);
        ContiguousMergeVertex vertex = new ContiguousMergeVertex();
        vertex.setMergeAxis(2);
        assertEquals(vertex, vertex.clone());
        assertEquals(2, vertex.clone().getMergeAxis());
        assertNotEquals(vertex, new MergeVertex());
        assertNotEquals(vertex, new ContiguousMergeVertex());
    }
}
