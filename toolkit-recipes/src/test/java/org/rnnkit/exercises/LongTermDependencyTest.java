package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.model.CellType;

class LongTermDependencyTest {

    @Test
    void givenTask_whenGenerated_thenLabelIsTheFirstSymbolAtTheLastStepOnly() {
        DataSet data = LongTermDependency.firstSymbolTask(20, 7, 3, 11);
        assertEquals(20, data.getFeatures().size(0));
        assertEquals(4, data.getFeatures().size(1), "3 symbols plus the start flag");
        assertEquals(7, data.getFeatures().size(2));
        INDArray first =
                data.getFeatures()
                        .get(
                                NDArrayIndex.all(),
                                NDArrayIndex.interval(0, 3),
                                NDArrayIndex.point(0));
        INDArray label =
                data.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(6));
        assertEquals(first.argMax(1), label.argMax(1));
        assertEquals(20.0, label.sumNumber().doubleValue(), 0.0);
        assertEquals(20.0, data.getLabels().sumNumber().doubleValue(), 0.0, "no label before");
        assertEquals(20.0, data.getLabelsMaskArray().sumNumber().doubleValue(), 0.0);
        assertEquals(
                20.0,
                data.getLabelsMaskArray()
                        .get(NDArrayIndex.all(), NDArrayIndex.point(6))
                        .sumNumber()
                        .doubleValue(),
                0.0);
        // One symbol per step, and the start flag at the first step only.
        assertEquals(20.0 * 7 + 20, data.getFeatures().sumNumber().doubleValue(), 0.0);
        assertEquals(
                20.0,
                data.getFeatures()
                        .get(NDArrayIndex.all(), NDArrayIndex.point(3), NDArrayIndex.point(0))
                        .sumNumber()
                        .doubleValue(),
                0.0);
        assertEquals(
                data.getFeatures(), LongTermDependency.firstSymbolTask(20, 7, 3, 11).getFeatures());
        assertNotEquals(
                data.getFeatures(), LongTermDependency.firstSymbolTask(20, 7, 3, 12).getFeatures());
    }

    @Test
    void givenShortSequences_whenTrained_thenEveryCellLearnsTheFirstSymbol() {
        LongTermDependency.Options options =
                new LongTermDependency.Options(
                        new int[] {5}, 4, 16, 1000, 300, 50, 4, 0.01, 1.0, 3.0, 0.0, 3.0, 7);
        List<String> progress = new ArrayList<>();
        LongTermDependency.Result result = LongTermDependency.run(options, progress::add);
        assertEquals(3, progress.size(), "one progress line per trained network: " + progress);
        assertTrue(progress.get(0).startsWith("[1/3] SimpleRnn T=5: accuracy "), progress.get(0));
        assertTrue(progress.get(2).startsWith("[3/3] GRU T=5: accuracy "), progress.get(2));
        for (CellType cell : CellType.values()) {
            double accuracy = result.accuracy(cell, 5);
            assertTrue(accuracy > 0.95, cell + "\n" + result.table());
        }
        assertEquals(0.25, result.chance(), 0.0);
        assertEquals(2 + 3, result.table().lines().count());
        assertThrows(IllegalArgumentException.class, () -> result.accuracy(CellType.GRU, 50));
    }

    @Test
    void givenTheCourseSettings_whenTrained_thenOnlyTheGatedCellsBridgeALongGap() {
        LongTermDependency.Result result =
                LongTermDependency.run(LongTermDependency.Options.defaults());
        String table = "\n" + result.table();
        for (CellType cell : CellType.values()) {
            assertTrue(result.accuracy(cell, 5) > 0.95, cell + table);
            assertTrue(result.accuracy(cell, 20) > 0.95, cell + table);
        }
        assertEquals(0.125, result.chance(), 0.0);
        // SimpleRnn near chance at length 100; LSTM and GRU near perfect (GRU 0.944-1.0 over seeds
        // 1-4).
        assertTrue(result.accuracy(CellType.SIMPLE, 100) < 0.3, table);
        assertTrue(result.accuracy(CellType.LSTM, 100) > 0.9, table);
        assertTrue(result.accuracy(CellType.GRU, 100) > 0.9, table);
    }

    @Test
    void givenBadOptions_whenCreated_thenMessageNamesTheParameter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> options(1, 16));
        assertTrue(e.getMessage().contains("length=1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> options(5, 0));
        assertTrue(e.getMessage().contains("hiddenSize=0"), e.getMessage());
    }

    /** Options with one sequence length and a hidden size, the other settings fixed and legal. */
    private static LongTermDependency.Options options(int length, int hiddenSize) {
        return new LongTermDependency.Options(
                new int[] {length}, 4, hiddenSize, 100, 10, 10, 1, 0.01, 1.0, 3.0, 0.0, 3.0, 7);
    }
}
