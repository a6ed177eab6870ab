package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.BATCH;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.HIDDEN;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.N_IN;
import static org.rnnkit.model.layers.RecurrentLayerTestSupport.STEPS;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Gradients, equations, masks, state, serialization and threads of rnnkit's recurrent layers. */
class FusedRecurrentLayerTest {

    private static DataType defaultType;
    private static DataType defaultFloatType;

    enum Cell {
        LSTM,
        GRU,
        SIMPLE,
        SIMPLE_RELU;

        FusedRecurrentLayer.Builder<?> builder() {
            return switch (this) {
                case LSTM -> new LstmLayer.Builder();
                case GRU -> new GruLayer.Builder();
                case SIMPLE -> new SimpleRnnLayer.Builder();
                case SIMPLE_RELU -> new SimpleRnnLayer.Builder().activation(Activation.RELU);
            };
        }

        Layer layer() {
            return builder().nIn(N_IN).nOut(HIDDEN).build();
        }
    }

    enum MaskKind {
        NONE,
        RIGHT_PADDED,
        IRREGULAR
    }

    @BeforeAll
    static void doublePrecision() {
        defaultType = Nd4j.dataType();
        defaultFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(defaultType, defaultFloatType);
    }

    private static INDArray mask(MaskKind kind) {
        return switch (kind) {
            case NONE -> null;
            case RIGHT_PADDED -> RecurrentLayerTestSupport.mask(DataType.DOUBLE);
            case IRREGULAR ->
                    Nd4j.createFromArray(
                            new double[][] {{1, 0, 1, 1, 0}, {0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}});
        };
    }

    private static boolean gradientsOk(MultiLayerNetwork net, INDArray mask) {
        return GradientCheckUtil.checkGradients(
                new GradientCheckUtil.MLNConfig()
                        .net(net)
                        .input(RecurrentLayerTestSupport.input(DataType.DOUBLE, 11))
                        .labels(RecurrentLayerTestSupport.labels(DataType.DOUBLE, 12))
                        .inputMask(mask)
                        .labelMask(mask)
                        .epsilon(1e-6)
                        .maxRelError(1e-5)
                        .minAbsoluteError(1e-9)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientChecksUnidirectional(Cell cell) {
        for (MaskKind m : MaskKind.values()) {
            MultiLayerNetwork net =
                    RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, 5);
            assertTrue(gradientsOk(net, mask(m)), cell + " with mask " + m);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void gradientChecksBidirectional(Cell cell) {
        for (MaskKind m : MaskKind.values()) {
            Layer bi = new Bidirectional(Bidirectional.Mode.CONCAT, cell.layer());
            MultiLayerNetwork net = RecurrentLayerTestSupport.network(bi, DataType.DOUBLE, 6);
            assertTrue(gradientsOk(net, mask(m)), cell + " bidirectional with mask " + m);
        }
    }

    @Test
    void gradientChecksWithOneSliceAndThree() {
        int before = SliceRunner.threads();
        try {
            for (int threads : new int[] {1, 3}) {
                SliceRunner.setThreads(threads);
                SliceRunner.setMinRows(1);
                for (Cell cell : Cell.values()) {
                    for (MaskKind m : MaskKind.values()) {
                        MultiLayerNetwork net =
                                RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, 7);
                        assertTrue(
                                gradientsOk(net, mask(m)), cell + " " + m + " threads " + threads);
                    }
                }
            }
        } finally {
            SliceRunner.setThreads(before);
            SliceRunner.setMinRows(SliceRunner.MIN_ROWS);
        }
    }

    /** Runs the layer alone: output {@code [B, H, T]}. */
    private static INDArray hidden(MultiLayerNetwork net, INDArray x, INDArray mask) {
        return net.feedForward(x, mask, mask).get(1);
    }

    /**
     * A one-layer double-precision network of a cell, its input and its hidden states {@code
     * [BATCH, HIDDEN, STEPS]}, for checks against the cell's equations written out.
     */
    private record HandCheck(MultiLayerNetwork net, INDArray x, INDArray out) {

        /** The layer's parameter {@code W}, {@code RW}, {@code b} or {@code rb}. */
        INDArray param(String key) {
            return net.getParam("0_" + key);
        }

        /** The input at step {@code t}, {@code [BATCH, N_IN]}. */
        INDArray step(int t) {
            return x.get(all(), all(), point(t));
        }

        /** Asserts the layer's output at step {@code t} equals the hand-computed state. */
        void assertStep(int t, INDArray state) {
            assertTrue(out.get(all(), all(), point(t)).equalsWithEps(state, 1e-12), "step " + t);
        }
    }

    private static HandCheck handCheck(Cell cell, long networkSeed, long inputSeed) {
        MultiLayerNetwork net =
                RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, networkSeed);
        INDArray x = RecurrentLayerTestSupport.input(DataType.DOUBLE, inputSeed);
        return new HandCheck(net, x, hidden(net, x, null));
    }

    private static INDArray sigmoid(INDArray a) {
        return Transforms.sigmoid(a, true);
    }

    @Test
    void gruEquationsComputedByHand() {
        HandCheck run = handCheck(Cell.GRU, 8, 13);
        INDArray w = run.param("W");
        INDArray u = run.param("RW");
        INDArray b = run.param("b");
        INDArray c = run.param("rb");
        int h = HIDDEN;
        INDArray state = Nd4j.zeros(DataType.DOUBLE, BATCH, h);
        for (int t = 0; t < STEPS; t++) {
            INDArray gx = run.step(t).mmul(w).addRowVector(b);
            INDArray gh = state.mmul(u).addRowVector(c);
            INDArray r = sigmoid(gx.get(all(), interval(0, h)).add(gh.get(all(), interval(0, h))));
            INDArray z =
                    sigmoid(
                            gx.get(all(), interval(h, 2 * h))
                                    .add(gh.get(all(), interval(h, 2 * h))));
            INDArray n =
                    Transforms.tanh(
                            gx.get(all(), interval(2 * h, 3 * h))
                                    .add(r.mul(gh.get(all(), interval(2 * h, 3 * h)))),
                            true);
            state = z.rsub(1.0).mul(n).add(z.mul(state));
            run.assertStep(t, state);
        }
    }

    @Test
    void lstmEquationsComputedByHand() {
        HandCheck run = handCheck(Cell.LSTM, 9, 14);
        INDArray w = run.param("W");
        INDArray u = run.param("RW");
        INDArray b = run.param("b");
        int h = HIDDEN;
        assertEquals(1.0, b.getDouble(0, h), 0.0, "forget-gate bias starts at 1");
        INDArray state = Nd4j.zeros(DataType.DOUBLE, BATCH, h);
        INDArray cell = Nd4j.zeros(DataType.DOUBLE, BATCH, h);
        for (int t = 0; t < STEPS; t++) {
            INDArray a = run.step(t).mmul(w).add(state.mmul(u)).addRowVector(b);
            INDArray z = Transforms.tanh(a.get(all(), interval(0, h)), true);
            INDArray f = sigmoid(a.get(all(), interval(h, 2 * h)));
            INDArray o = sigmoid(a.get(all(), interval(2 * h, 3 * h)));
            INDArray i = sigmoid(a.get(all(), interval(3 * h, 4 * h)));
            cell = f.mul(cell).add(i.mul(z));
            state = o.mul(Transforms.tanh(cell, true));
            run.assertStep(t, state);
        }
    }

    @Test
    void simpleRnnEquationsComputedByHand() {
        HandCheck run = handCheck(Cell.SIMPLE_RELU, 10, 15);
        assertTrue(run.out().amaxNumber().doubleValue() > 0, "relu units all inactive: no test");
        INDArray state = Nd4j.zeros(DataType.DOUBLE, BATCH, HIDDEN);
        for (int t = 0; t < STEPS; t++) {
            INDArray a =
                    run.step(t)
                            .mmul(run.param("W"))
                            .add(state.mmul(run.param("RW")))
                            .addRowVector(run.param("b"));
            state = Transforms.relu(a, true);
            run.assertStep(t, state);
        }
    }

    @Test
    void parameterCounts() {
        long nIn = N_IN;
        long h = HIDDEN;
        assertEquals(4 * h * (nIn + h + 1), ((FusedRecurrentLayer) Cell.LSTM.layer()).numParams());
        assertEquals(3 * h * (nIn + h + 2), ((FusedRecurrentLayer) Cell.GRU.layer()).numParams());
        assertEquals(h * (nIn + h + 1), ((FusedRecurrentLayer) Cell.SIMPLE.layer()).numParams());
        MultiLayerNetwork net =
                RecurrentLayerTestSupport.network(Cell.GRU.layer(), DataType.DOUBLE, 1);
        assertEquals(3 * h * (nIn + h + 2), net.getLayer(0).numParams());
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void paddingNeverChangesRealSteps(Cell cell) {
        MultiLayerNetwork net = RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, 3);
        INDArray seq = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 21, 1, N_IN, 3);
        INDArray alone = hidden(net, seq, null);
        // right padding: the sequence first, then two padded steps holding garbage
        INDArray right = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 22, 2, N_IN, 5);
        right.get(point(0), all(), interval(0, 3)).assign(seq.get(point(0), all(), all()));
        INDArray rightMask =
                Nd4j.createFromArray(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}});
        INDArray outRight = hidden(net, right, rightMask);
        assertTrue(
                outRight.get(point(0), all(), interval(0, 3))
                        .equalsWithEps(alone.get(point(0), all(), all()), 1e-12));
        assertEquals(
                0.0, outRight.get(point(0), all(), interval(3, 5)).amaxNumber().doubleValue(), 0.0);
        // left padding (irregular path): state stays at its initial value through the padding
        INDArray left = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 23, 2, N_IN, 5);
        left.get(point(0), all(), interval(2, 5)).assign(seq.get(point(0), all(), all()));
        INDArray leftMask = Nd4j.createFromArray(new double[][] {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}});
        INDArray outLeft = hidden(net, left, leftMask);
        assertTrue(
                outLeft.get(point(0), all(), interval(2, 5))
                        .equalsWithEps(alone.get(point(0), all(), all()), 1e-12));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void timeStepsInChunksEqualOneForwardPass(Cell cell) {
        MultiLayerNetwork net = RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, 4);
        INDArray x = RecurrentLayerTestSupport.input(DataType.DOUBLE, 15);
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        INDArray a = net.rnnTimeStep(x.get(all(), all(), interval(0, 2)));
        INDArray b = net.rnnTimeStep(x.get(all(), all(), interval(2, 3)));
        INDArray c = net.rnnTimeStep(x.get(all(), all(), interval(3, 5)));
        INDArray chunks = Nd4j.concat(2, a, b.reshape(BATCH, 2, 1), c);
        assertTrue(chunks.equalsWithEps(full, 1e-12), "chunks:\n" + chunks + "\nfull:\n" + full);
        // one step at a time, as 2D [batch, features] input
        net.rnnClearPreviousState();
        for (int t = 0; t < STEPS; t++) {
            INDArray step = net.rnnTimeStep(x.get(all(), all(), point(t)));
            assertTrue(step.equalsWithEps(full.get(all(), all(), point(t)), 1e-12), "step " + t);
        }
        Map<String, INDArray> state = net.rnnGetPreviousState(0);
        assertEquals(cell == Cell.LSTM ? 2 : 1, state.size());
        net.rnnClearPreviousState();
        assertTrue(net.rnnTimeStep(x.get(all(), all(), interval(0, 2))).equalsWithEps(a, 1e-12));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void configurationJsonAndModelFilesRoundTrip(Cell cell, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = RecurrentLayerTestSupport.network(cell.layer(), DataType.FLOAT, 2);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains(cell.layer().getClass().getName()), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer());
        assertNotEquals(Cell.LSTM.layer(), Cell.GRU.layer());
        assertNotEquals(Cell.SIMPLE.layer(), Cell.SIMPLE_RELU.layer());

        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        INDArray x = RecurrentLayerTestSupport.input(DataType.FLOAT, 16);
        INDArray mask = RecurrentLayerTestSupport.mask(DataType.FLOAT);
        assertEquals(net.output(x, false, mask, mask), restored.output(x, false, mask, mask));
    }

    /**
     * Truncated BPTT starts each segment from the previous one's final state; the gradient then
     * includes that state's (constant) contribution, e.g. to the forget gate and {@code U}. This
     * checks those gradients against finite differences directly on the recurrence.
     */
    @ParameterizedTest
    @EnumSource(
            value = CellKind.class,
            names = {"LSTM", "GRU"})
    void gradientsFromANonZeroInitialStateMatchFiniteDifferences(CellKind kind) {
        int b = 3;
        int t = 4;
        int h = 3;
        int g = kind.gates() * h;
        INDArray x = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 31, b, t, N_IN);
        INDArray mask =
                Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}, {1, 1, 1, 0}});
        INDArray w = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 32, N_IN, g);
        INDArray u = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 33, h, g);
        INDArray bias = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 34, 1, g);
        INDArray rb =
                kind == CellKind.GRU
                        ? RecurrentLayerTestSupport.rand(DataType.DOUBLE, 35, 1, g)
                        : null;
        INDArray h0 = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 36, b, h);
        INDArray c0 =
                kind == CellKind.LSTM
                        ? RecurrentLayerTestSupport.rand(DataType.DOUBLE, 37, b, h)
                        : null;
        INDArray weightsOfLoss = RecurrentLayerTestSupport.rand(DataType.DOUBLE, 38, b, t, h);
        Recurrence r = new Recurrence(kind, SimpleRnnLayer.Activation.TANH);
        java.util.function.DoubleSupplier loss =
                () -> {
                    INDArray out = Nd4j.create(DataType.DOUBLE, b, t, h);
                    r.forward(x, mask, w, u, bias, rb, h0, c0, out, false);
                    return out.mul(weightsOfLoss).sumNumber().doubleValue();
                };
        loss.getAsDouble();
        INDArray dw = Nd4j.create(DataType.DOUBLE, N_IN, g);
        INDArray du = Nd4j.create(DataType.DOUBLE, h, g);
        INDArray db = Nd4j.create(DataType.DOUBLE, 1, g);
        INDArray drb = rb == null ? null : Nd4j.create(DataType.DOUBLE, 1, g);
        INDArray dx = Nd4j.create(DataType.DOUBLE, b, t, N_IN);
        r.backward(weightsOfLoss, 0, dw, du, db, drb, dx);
        double step = 1e-6;
        INDArray[] params =
                rb == null ? new INDArray[] {w, u, bias, x} : new INDArray[] {w, u, bias, rb, x};
        INDArray[] grads =
                rb == null ? new INDArray[] {dw, du, db, dx} : new INDArray[] {dw, du, db, drb, dx};
        for (int p = 0; p < params.length; p++) {
            INDArray flat = params[p].reshape(params[p].length());
            INDArray grad = grads[p].reshape(grads[p].length());
            for (int i = 0; i < flat.length(); i++) {
                double v = flat.getDouble(i);
                flat.putScalar(i, v + step);
                double up = loss.getAsDouble();
                flat.putScalar(i, v - step);
                double down = loss.getAsDouble();
                flat.putScalar(i, v);
                double numeric = (up - down) / (2 * step);
                assertEquals(
                        numeric,
                        grad.getDouble(i),
                        1e-6 * Math.max(1, Math.abs(numeric)),
                        kind + " parameter " + p + " element " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void truncatedBpttLearns(Cell cell) {
        MultiLayerNetwork net = tbpttNetwork(cell.layer());
        DataSet data =
                new DataSet(
                        RecurrentLayerTestSupport.input(DataType.DOUBLE, 17),
                        RecurrentLayerTestSupport.labels(DataType.DOUBLE, 18));
        double before = net.score(data);
        for (int i = 0; i < 40; i++) {
            net.fit(data);
        }
        assertTrue(net.score(data) < 0.8 * before, before + " -> " + net.score(data));
        // fit() leaves no state behind: inference afterwards starts from zero state
        assertEquals(net.output(data.getFeatures()), net.output(data.getFeatures()));
    }

    private static MultiLayerNetwork tbpttNetwork(Layer recurrent) {
        return RecurrentLayerTestSupport.initialized(
                RecurrentLayerTestSupport.withOutput(
                                new NeuralNetConfiguration.Builder()
                                        .seed(42)
                                        .dataType(DataType.DOUBLE)
                                        .updater(new Sgd(0.1))
                                        .weightInit(WeightInit.XAVIER),
                                recurrent)
                        .backpropType(BackpropType.TruncatedBPTT)
                        .tBPTTForwardLength(2)
                        .tBPTTBackwardLength(2)
                        .build());
    }

    @Test
    void sameResultWithOneThreadOrMany() {
        int before = SliceRunner.threads();
        try {
            INDArray x = RecurrentLayerTestSupport.input(DataType.FLOAT, 19);
            INDArray y = RecurrentLayerTestSupport.labels(DataType.FLOAT, 20);
            INDArray mask = RecurrentLayerTestSupport.mask(DataType.FLOAT);
            INDArray[] outputs = new INDArray[2];
            INDArray[] gradients = new INDArray[2];
            int[] threads = {1, 3};
            for (int k = 0; k < 2; k++) {
                SliceRunner.setThreads(threads[k]);
                SliceRunner.setMinRows(1);
                MultiLayerNetwork net =
                        RecurrentLayerTestSupport.network(Cell.LSTM.layer(), DataType.FLOAT, 10);
                outputs[k] = net.output(x, false, mask, mask);
                net.setInput(x);
                net.setLabels(y);
                net.setLayerMaskArrays(mask, mask);
                net.computeGradientAndScore();
                gradients[k] = net.gradient().gradient().dup();
            }
            assertEquals(outputs[0], outputs[1]);
            assertTrue(gradients[0].equalsWithEps(gradients[1], 1e-6));
        } finally {
            SliceRunner.setThreads(before);
            SliceRunner.setMinRows(SliceRunner.MIN_ROWS);
        }
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void nwcFormatComputesTheSameAsNcw(Cell cell) {
        MultiLayerNetwork ncw =
                RecurrentLayerTestSupport.network(cell.layer(), DataType.DOUBLE, 13);
        Layer nwcLayer = cell.builder().nIn(N_IN).nOut(HIDDEN).dataFormat(RNNFormat.NWC).build();
        MultiLayerNetwork nwc = RecurrentLayerTestSupport.network(nwcLayer, DataType.DOUBLE, 13);
        ncw.paramTable()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith("0_")) {
                                nwc.setParam(k, v);
                            }
                        });
        INDArray x = RecurrentLayerTestSupport.input(DataType.DOUBLE, 24);
        INDArray mask = RecurrentLayerTestSupport.mask(DataType.DOUBLE);
        INDArray a = ncw.feedForward(x, mask, mask).get(1);
        INDArray b = nwc.feedForward(x.permute(0, 2, 1).dup(), mask, mask).get(1);
        assertTrue(a.equalsWithEps(b.permute(0, 2, 1), 1e-12));
    }

    @Test
    void dropoutAppliesInTrainingOnly() {
        Layer layer = new LstmLayer.Builder().nIn(N_IN).nOut(HIDDEN).dropOut(0.5).build();
        MultiLayerNetwork net = RecurrentLayerTestSupport.network(layer, DataType.DOUBLE, 12);
        INDArray x = RecurrentLayerTestSupport.input(DataType.DOUBLE, 21);
        INDArray inference = net.output(x, false);
        assertEquals(inference, net.output(x, false));
        assertNotEquals(inference, net.output(x, true));
    }

    @Test
    void wrongInputSizeIsExplained() {
        MultiLayerNetwork net =
                RecurrentLayerTestSupport.network(Cell.GRU.layer(), DataType.DOUBLE, 1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, N_IN + 1, 4);
        Exception e = assertThrows(IllegalStateException.class, () -> net.output(x));
        assertTrue(
                e.getMessage().contains("nIn=3") && e.getMessage().contains("4 features"),
                e.getMessage());
    }
}
