package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The fused output layer gives DL4J's RnnOutputLayer results: score, gradients, training steps. */
class FusedSoftmaxOutputLayerTest {

    private static final int FEATURES = 3;
    private static final int CLASSES = 7;

    private static ComputationGraph graph(
            boolean fused, DataType type, LossFunction loss, boolean bias, double dropout) {
        return graph(fused, type, loss, bias, dropout, 0.0);
    }

    private static ComputationGraph graph(
            boolean fused,
            DataType type,
            LossFunction loss,
            boolean bias,
            double dropout,
            double labelSmoothing) {
        RnnOutputLayer.Builder out =
                fused
                        ? new FusedSoftmaxOutputLayer.Builder(loss).labelSmoothing(labelSmoothing)
                        : new RnnOutputLayer.Builder(loss);
        out.nOut(CLASSES).activation(Activation.SOFTMAX).hasBias(bias);
        out.dataFormat(RNNFormat.NCW);
        if (dropout > 0) {
            out.dropOut(1.0 - dropout);
        }
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(11)
                        .dataType(type)
                        .updater(new Sgd(0.3))
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer(
                                "rnn",
                                new LSTM.Builder().nOut(5).activation(Activation.TANH).build(),
                                "in")
                        .addLayer("out", out.build(), "rnn")
                        .setOutputs("out")
                        .setInputTypes(InputType.recurrent(FEATURES))
                        .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Four sequences of 6 steps, lengths 6, 4, 1 and 3; labels past a sequence's end are junk. */
    private static MultiDataSet batch(DataType type, boolean sparse) {
        return batch(type, sparse, new int[] {6, 4, 1, 3});
    }

    private static MultiDataSet batch(DataType type, boolean sparse, int[] lengths) {
        Random random = new Random(3);
        int batch = lengths.length;
        int steps = 6;
        INDArray features = Nd4j.rand(type, batch, FEATURES, steps).subi(0.5).muli(2);
        INDArray mask = Nd4j.zeros(type, batch, steps);
        INDArray labels =
                sparse
                        ? Nd4j.zeros(type, batch, 1, steps)
                        : Nd4j.zeros(type, batch, CLASSES, steps);
        for (int e = 0; e < batch; e++) {
            for (int t = 0; t < steps; t++) {
                int y = random.nextInt(CLASSES);
                if (t < lengths[e]) {
                    mask.putScalar(e, t, 1.0);
                } else if (sparse) {
                    y = 0;
                }
                if (sparse) {
                    labels.putScalar(new long[] {e, 0, t}, y);
                } else {
                    labels.putScalar(new long[] {e, y, t}, 1.0);
                }
            }
        }
        return new MultiDataSet(
                new INDArray[] {features},
                new INDArray[] {labels},
                new INDArray[] {mask},
                new INDArray[] {mask});
    }

    /** One forward and backward pass of each network on the batch, without an update. */
    private static void computeGradients(MultiDataSet data, ComputationGraph... nets) {
        for (ComputationGraph net : nets) {
            net.setInputs(data.getFeatures());
            net.setLabels(data.getLabels());
            net.setLayerMaskArrays(data.getFeaturesMaskArrays(), data.getLabelsMaskArrays());
            net.computeGradientAndScore();
        }
    }

    private static void assertSameGradients(
            ComputationGraph expected, ComputationGraph actual, double tolerance) {
        Map<String, INDArray> e = expected.gradient().gradientForVariable();
        Map<String, INDArray> a = actual.gradient().gradientForVariable();
        assertEquals(e.keySet(), a.keySet());
        for (String key : e.keySet()) {
            INDArray diff = e.get(key).sub(a.get(key));
            double max = Math.abs(diff.maxNumber().doubleValue());
            max = Math.max(max, Math.abs(diff.minNumber().doubleValue()));
            assertTrue(max <= tolerance, key + ": gradients differ by " + max);
            assertTrue(e.get(key).norm2Number().doubleValue() > 0, key + ": zero gradient");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "DOUBLE, SPARSE_MCXENT, true, 1e-12",
        "DOUBLE, SPARSE_MCXENT, false, 1e-12",
        "FLOAT, SPARSE_MCXENT, true, 1e-5",
    })
    void scoreAndGradientsEqualDl4j(String type, LossFunction loss, boolean bias, double tol) {
        DataType dataType = DataType.valueOf(type);
        ComputationGraph dl4j = graph(false, dataType, loss, bias, 0);
        ComputationGraph fused = graph(true, dataType, loss, bias, 0);
        fused.setParams(dl4j.params());
        MultiDataSet data = batch(dataType, true);
        computeGradients(data, dl4j, fused);
        FusedSoftmaxOutputLayerImpl layer =
                assertInstanceOf(FusedSoftmaxOutputLayerImpl.class, fused.getLayer("out"));
        assertEquals(1, layer.fusedPasses());
        assertEquals(dl4j.score(), fused.score(), Math.abs(dl4j.score()) * tol);
        assertSameGradients(dl4j, fused, tol);
        // a later score request on other data is computed afresh, not the cached one
        MultiDataSet other = batch(dataType, true);
        assertEquals(dl4j.score(other), fused.score(other), Math.abs(dl4j.score(other)) * tol);
    }

    @Test
    void largeBatchSharedOverThreadsEqualsDl4j() {
        // 60 x 6 rows: the softmax runs in slices on several threads
        int[] lengths = new Random(5).ints(60, 1, 7).toArray();
        ComputationGraph dl4j = graph(false, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0);
        ComputationGraph fused = graph(true, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0);
        fused.setParams(dl4j.params());
        MultiDataSet data = batch(DataType.DOUBLE, true, lengths);
        computeGradients(data, dl4j, fused);
        assertEquals(1, ((FusedSoftmaxOutputLayerImpl) fused.getLayer("out")).fusedPasses());
        assertEquals(dl4j.score(), fused.score(), Math.abs(dl4j.score()) * 1e-12);
        assertSameGradients(dl4j, fused, 1e-12);
    }

    @Test
    void paddedStepsDoNotChangeScoreOrGradients() {
        ComputationGraph net = graph(true, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0);
        MultiDataSet data = batch(DataType.DOUBLE, true);
        computeGradients(data, net);
        double score = net.score();
        INDArray gradient = net.gradient().gradient().dup();
        // junk in the padded steps: other features and other (valid) labels
        INDArray features = data.getFeatures(0).dup();
        INDArray labels = data.getLabels(0).dup();
        INDArray mask = data.getLabelsMaskArray(0);
        for (int e = 0; e < mask.size(0); e++) {
            for (int t = 0; t < mask.size(1); t++) {
                if (mask.getDouble(e, t) == 0) {
                    labels.putScalar(new long[] {e, 0, t}, CLASSES - 1);
                    for (int f = 0; f < FEATURES; f++) {
                        features.putScalar(new long[] {e, f, t}, 5.0);
                    }
                }
            }
        }
        net.setInputs(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        assertEquals(score, net.score(), 1e-12);
        assertEquals(
                0.0, gradient.sub(net.gradient().gradient()).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void fullyMaskedBatchHasZeroScoreAndGradient() {
        ComputationGraph net = graph(true, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0);
        MultiDataSet data = batch(DataType.DOUBLE, true);
        net.setInputs(data.getFeatures());
        net.setLabels(data.getLabels());
        net.setLayerMaskArrays(
                data.getFeaturesMaskArrays(), new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 4, 6)});
        net.computeGradientAndScore();
        assertEquals(1, ((FusedSoftmaxOutputLayerImpl) net.getLayer("out")).fusedPasses());
        assertEquals(0.0, net.score(), 0.0);
        assertEquals(0.0, net.gradient().gradient().amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void trainingStepsMatchDl4j() {
        ComputationGraph dl4j = graph(false, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0);
        ComputationGraph fused = graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0);
        fused.setParams(dl4j.params());
        MultiDataSet data = batch(DataType.FLOAT, true);
        double before = dl4j.score(data);
        for (int i = 0; i < 5; i++) {
            dl4j.fit(data);
            fused.fit(data);
        }
        assertEquals(5, ((FusedSoftmaxOutputLayerImpl) fused.getLayer("out")).fusedPasses());
        assertEquals(0.0, dl4j.params().sub(fused.params()).amaxNumber().doubleValue(), 1e-5);
        assertEquals(dl4j.score(), fused.score(), 1e-5);
        assertTrue(fused.score(data) < before, "training lowers the loss");
    }

    @Test
    void dropoutTrainsAndInferenceIsDeterministic() {
        ComputationGraph net = graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0.3);
        MultiDataSet data = batch(DataType.FLOAT, true);
        double before = net.score(data);
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        assertTrue(Double.isFinite(net.score()));
        assertTrue(net.score(data) < before, "training with dropout lowers the loss");
        INDArray first = net.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        INDArray second = net.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        assertEquals(first, second);
    }

    @Test
    void oneHotLabelsRunDl4jsCode() {
        ComputationGraph dl4j = graph(false, DataType.DOUBLE, LossFunction.MCXENT, true, 0);
        ComputationGraph fused = graph(true, DataType.DOUBLE, LossFunction.MCXENT, true, 0);
        fused.setParams(dl4j.params());
        MultiDataSet data = batch(DataType.DOUBLE, false);
        computeGradients(data, dl4j, fused);
        assertEquals(0, ((FusedSoftmaxOutputLayerImpl) fused.getLayer("out")).fusedPasses());
        assertEquals(dl4j.score(), fused.score(), 1e-12);
        assertSameGradients(dl4j, fused, 1e-12);
    }

    @Test
    void labelOutsideTheClassesIsAnError() {
        ComputationGraph net = graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0);
        MultiDataSet data = batch(DataType.FLOAT, true);
        data.getLabels(0).putScalar(new long[] {1, 0, 2}, CLASSES);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> net.fit(data));
        assertTrue(e.getMessage().contains("example 1 step 2"), e.getMessage());
        assertTrue(e.getMessage().contains("[0, 7)"), e.getMessage());
    }

    @Test
    void configurationAndModelRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraph net = graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0.2);
        ComputationGraphConfiguration copy =
                ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), copy);
        FusedSoftmaxOutputLayer conf =
                assertInstanceOf(
                        FusedSoftmaxOutputLayer.class, net.getLayer("out").conf().getLayer());
        assertEquals(
                0.8,
                conf.getIDropout() instanceof org.deeplearning4j.nn.conf.dropout.Dropout d
                        ? d.getP()
                        : 0);
        assertEquals(CLASSES, conf.getNOut());
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertInstanceOf(FusedSoftmaxOutputLayerImpl.class, loaded.getLayer("out"));
        MultiDataSet data = batch(DataType.FLOAT, true);
        assertEquals(
                net.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0],
                loaded.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0]);
    }

    @Test
    void labelSmoothingIsTheMixOfCrossEntropiesOverEveryClass() {
        // score and gradient of eps-smoothed targets = (1 - eps) x those of the labels + eps / V x
        // the sum of those with every step labelled c, each computed by DL4J's own layer
        double eps = 0.1;
        ComputationGraph dl4j = graph(false, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0);
        ComputationGraph smoothed =
                graph(true, DataType.DOUBLE, LossFunction.SPARSE_MCXENT, true, 0, eps);
        smoothed.setParams(dl4j.params());
        MultiDataSet data = batch(DataType.DOUBLE, true);
        computeGradients(data, dl4j);
        double expectedScore = (1 - eps) * dl4j.score();
        INDArray expectedGradient = dl4j.gradient().gradient().mul(1 - eps);
        for (int c = 0; c < CLASSES; c++) {
            MultiDataSet allC =
                    new MultiDataSet(
                            data.getFeatures(),
                            new INDArray[] {Nd4j.valueArrayOf(data.getLabels(0).shape(), c)},
                            data.getFeaturesMaskArrays(),
                            data.getLabelsMaskArrays());
            computeGradients(allC, dl4j);
            expectedScore += eps / CLASSES * dl4j.score();
            expectedGradient.addi(dl4j.gradient().gradient().mul(eps / CLASSES));
        }
        computeGradients(data, smoothed);
        assertEquals(1, ((FusedSoftmaxOutputLayerImpl) smoothed.getLayer("out")).fusedPasses());
        assertEquals(expectedScore, smoothed.score(), expectedScore * 1e-12);
        double diff =
                expectedGradient.sub(smoothed.gradient().gradient()).norm2Number().doubleValue();
        assertTrue(diff <= 1e-12 * expectedGradient.norm2Number().doubleValue(), "diff " + diff);
        // and it is not the plain cross-entropy
        computeGradients(data, dl4j);
        assertTrue(Math.abs(dl4j.score() - smoothed.score()) > 1e-3);
    }

    @Test
    void labelSmoothingTravelsInTheConfigurationAndNeedsSparseLabels() {
        ComputationGraph net =
                graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0, 0.25);
        ComputationGraphConfiguration copy =
                ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        assertEquals(net.getConfiguration(), copy);
        FusedSoftmaxOutputLayer conf =
                (FusedSoftmaxOutputLayer)
                        ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                                        copy.getVertices().get("out"))
                                .getLayerConf()
                                .getLayer();
        assertEquals(0.25, conf.getLabelSmoothing());
        assertTrue(
                !net.getConfiguration()
                        .equals(
                                graph(true, DataType.FLOAT, LossFunction.SPARSE_MCXENT, true, 0)
                                        .getConfiguration()));
        IllegalArgumentException range =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new FusedSoftmaxOutputLayer.Builder().labelSmoothing(1.0));
        assertTrue(range.getMessage().contains("labelSmoothing must be in [0, 1)"));
        // one-hot labels take DL4J's code, which has no smoothing: an error, not a silent no-op
        ComputationGraph oneHot = graph(true, DataType.DOUBLE, LossFunction.MCXENT, true, 0, 0.1);
        MultiDataSet data = batch(DataType.DOUBLE, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> oneHot.fit(data));
        assertTrue(e.getMessage().contains("label smoothing needs"), e.getMessage());
    }
}
