package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.rnnkit.model.CellType;

class GradientFlowTest {

    private static GradientFlow.Options options;
    private static GradientFlow.Result result;

    @BeforeAll
    static void runExercise() {
        options = GradientFlow.Options.defaults();
        result = GradientFlow.run(options);
    }

    @Test
    void givenUntrainedSimpleRnn_whenLossAtLastStep_thenGradientAtFirstStepVanishes() {
        double[] norms = result.untrained().get(CellType.SIMPLE).norms();
        assertEquals(options.length(), norms.length);
        for (double norm : norms) {
            assertTrue(Double.isFinite(norm) && norm > 0, "norm " + norm);
        }
        // More than two orders of magnitude lost over the sequence.
        assertTrue(
                result.untrained().get(CellType.SIMPLE).firstToLast() < 1e-2, result.normTable());
    }

    @Test
    void givenOpenGates_whenLossAtLastStep_thenGatedCellsKeepFarMoreGradientThanSimpleRnn() {
        double simple = result.untrained().get(CellType.SIMPLE).firstToLast();
        for (CellType cell : new CellType[] {CellType.LSTM, CellType.GRU}) {
            double gated = result.openGate().get(cell).firstToLast();
            assertTrue(gated > 10 * simple, cell + "\n" + result.normTable());
        }
    }

    @Test
    void givenDefaultInit_whenGru_thenItsGradientVanishesEvenFasterThanSimpleRnn() {
        // The update gate starts at sigmoid(0) = 0.5, so the state path halves at every step.
        double simple = result.untrained().get(CellType.SIMPLE).firstToLast();
        double gru = result.untrained().get(CellType.GRU).firstToLast();
        assertTrue(gru < simple, result.normTable());
        assertTrue(
                result.openGate().get(CellType.GRU).firstToLast() > 1e6 * gru, result.normTable());
    }

    @Test
    void givenRecurrentWeightsGainTimesIdentity_whenLinear_thenRatioIsGainToTheStepsBetween() {
        // h_t = gain * h_(t-1) + x_t W, so dL/dx_t = gain^(T - t) * dL/dh_T * W^T exactly.
        double expected = Math.pow(options.explodingGain(), options.length() - 1);
        double ratio = result.exploding().firstToLast();
        assertEquals(expected, ratio, 1e-9 * expected, result.normTable());
        double[] norms = result.exploding().norms();
        for (int t = 1; t < norms.length; t++) {
            assertEquals(options.explodingGain(), norms[t - 1] / norms[t], 1e-9, "step " + t);
        }
    }

    @Test
    void givenExplodingNetwork_whenTrainedWithoutClipping_thenNonFiniteButClippedRunsStayFinite() {
        assertEquals(3, result.training().size());
        GradientFlow.TrainingRun none = result.training().get(0);
        assertEquals(GradientNormalization.None, none.clipping());
        assertTrue(Double.isFinite(none.losses()[0]), "the untrained loss is finite");
        assertFalse(none.finite(), result.trainingTable());
        for (GradientFlow.TrainingRun clipped : result.training().subList(1, 3)) {
            assertTrue(clipped.finite(), clipped.clipping() + "\n" + result.trainingTable());
            // Each clipped SGD step moves the recurrent weights by a bounded amount, so after a
            // few steps they are still near gain * I.
            assertTrue(
                    clipped.maxAbsParameter()
                            < options.explodingGain()
                                    + 2
                                            * options.trainingSteps()
                                            * options.learningRate()
                                            * options.clipThreshold(),
                    clipped.clipping() + ": " + clipped.maxAbsParameter());
        }
        assertEquals(GradientNormalization.ClipL2PerLayer, result.training().get(1).clipping());
        assertEquals(
                GradientNormalization.ClipElementWiseAbsoluteValue,
                result.training().get(2).clipping());
    }

    @Test
    void givenSameSeed_whenNormsComputedTwice_thenIdentical() {
        DataSet data = GradientFlow.batch(options);
        for (CellType cell : CellType.values()) {
            double[] first =
                    GradientFlow.inputGradientNorms(
                            GradientFlow.untrainedNetwork(cell, options, false, options.seed()),
                            data);
            double[] again =
                    GradientFlow.inputGradientNorms(
                            GradientFlow.untrainedNetwork(cell, options, false, options.seed()),
                            data);
            assertArrayEquals(first, again, 0.0, Exercises.label(cell));
        }
    }

    @Test
    void givenResult_whenPlotted_thenPngAndTablesHaveEveryCurve(@TempDir Path dir)
            throws Exception {
        Path png = Exercises.writePng(result.chart(), dir.resolve("gradient-flow.png"));
        assertTrue(Files.size(png) > 1000);
        assertEquals(5, result.chart().getSeriesMap().size());
        assertEquals(1, result.explodingChart().getSeriesMap().size());
        String table = result.normTable();
        assertEquals(2 + 6, table.lines().count(), table);
        assertTrue(table.contains("| SimpleRnn "), table);
        assertEquals(2 + 3, result.trainingTable().lines().count());
    }

    @Test
    void givenBadOptions_whenCreated_thenMessageNamesTheParameter() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new GradientFlow.Options(1, 4, 32, 64, 3, 3, 0.1, 5, 1, 10, 5, 42));
        assertTrue(e.getMessage().contains("length=1"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new GradientFlow.Options(50, 4, 32, 64, 3, 3, 0.1, 5, 0, 10, 5, 42));
        assertTrue(e.getMessage().contains("clipThreshold"), e.getMessage());
    }
}
