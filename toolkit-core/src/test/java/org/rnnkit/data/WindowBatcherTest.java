package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.data.WindowBatcher.Layout;
import org.rnnkit.data.WindowBatcher.Reference;

class WindowBatcherTest {

    /** Two columns: target t = row * row, covariate c = 10 * row. */
    private static double[][] series(int rows) {
        double[][] v = new double[rows][2];
        for (int r = 0; r < rows; r++) {
            v[r][0] = r * r;
            v[r][1] = 10 * r;
        }
        return v;
    }

    @Test
    void
            givenDirectLayout_whenBatched_thenFeaturesAreTheWindowAndLabelsTheChangeFromTheLastValue() {
        WindowBatcher b = new WindowBatcher(series(10), null, new int[] {0}, Layout.direct(3, 2));
        try (SequenceBatch batch = b.batch(new int[] {3, 5}, true)) {
            assertArrayEquals(new long[] {2, 2, 3}, batch.features().shape());
            // window of origin 5: rows 2, 3, 4
            assertEquals(4.0, batch.features().getDouble(1, 0, 0), 0);
            assertEquals(16.0, batch.features().getDouble(1, 0, 2), 0);
            assertEquals(40.0, batch.features().getDouble(1, 1, 2), 0);
            // labels [batch, horizon * targets]: y[5] - y[4] = 9, y[6] - y[4] = 20
            assertArrayEquals(new long[] {2, 2}, batch.labels().shape());
            assertEquals(9.0, batch.labels().getDouble(1, 0), 0);
            assertEquals(20.0, batch.labels().getDouble(1, 1), 0);
            assertEquals(6.0, batch.featuresMask().sumNumber().doubleValue(), 0);
        }
    }

    @Test
    void givenSeasonalReferences_whenLabelsAreTurnedBack_thenTheForecastIsTheTruth() {
        double[][] v = series(30);
        for (Reference reference : Reference.values()) {
            Layout layout = new Layout(6, 5, false, true, false, reference, 4);
            WindowBatcher b = new WindowBatcher(v, null, new int[] {0, 1}, layout);
            int[] origins = {6, 11, 20};
            try (SequenceBatch batch = b.batch(origins, true)) {
                double[][][] f = b.toForecast(batch.labels(), origins);
                for (int i = 0; i < origins.length; i++) {
                    for (int k = 0; k < 5; k++) {
                        assertEquals(v[origins[i] + k][0], f[i][k][0], 1e-3, reference + "");
                        assertEquals(v[origins[i] + k][1], f[i][k][1], 1e-3, reference + "");
                    }
                }
            }
        }
    }

    @Test
    void givenSeasonalGrowthReference_whenLabelled_thenTheLabelIsTheCorrectionToIt() {
        // y = row^2, season 4, origin 8: reference(k=0) = y[4] + (y[7] - y[3]) = 16 + 40 = 56
        Layout layout = new Layout(5, 1, false, false, false, Reference.SEASONAL_GROWTH, 4);
        WindowBatcher b = new WindowBatcher(series(12), null, new int[] {0}, layout);
        try (SequenceBatch batch = b.batch(new int[] {8}, true)) {
            assertEquals(64.0 - 56.0, batch.labels().getDouble(0, 0), 0);
        }
    }

    @Test
    void givenRelativeInputs_whenBatched_thenEachColumnStartsAtZero() {
        Layout layout = new Layout(3, 1, false, true, false, Reference.NAIVE, 1);
        WindowBatcher b = new WindowBatcher(series(10), null, new int[] {0}, layout);
        try (SequenceBatch batch = b.batch(new int[] {7}, false)) {
            // rows 4, 5, 6: target 16, 25, 36 -> 0, 9, 20; covariate 40, 50, 60 -> 0, 10, 20
            assertEquals(0.0, batch.features().getDouble(0, 0, 0), 0);
            assertEquals(20.0, batch.features().getDouble(0, 0, 2), 0);
            assertEquals(10.0, batch.features().getDouble(0, 1, 1), 0);
            assertEquals(null, batch.labels());
        }
    }

    @Test
    void givenEncoderDecoderWithWindow_whenBatched_thenFutureAndWindowInputsFollowTheHistory() {
        double[][] calendar = new double[12][1];
        for (int r = 0; r < 12; r++) {
            calendar[r][0] = r / 100.0;
        }
        Layout layout = new Layout(3, 2, true, false, true, Reference.NAIVE, 1);
        WindowBatcher b = new WindowBatcher(series(10), calendar, new int[] {0}, layout);
        assertEquals(3, b.inputSize());
        assertEquals(2, b.futureSize());
        try (SequenceBatch batch = b.batch(new int[] {4}, true)) {
            INDArray[] inputs = batch.inputs();
            assertEquals(3, inputs.length);
            assertArrayEquals(new long[] {1, 2, 2}, inputs[1].shape());
            assertEquals(0.05, inputs[1].getDouble(0, 0, 1), 1e-7); // calendar of row 5
            assertEquals(1.0, inputs[1].getDouble(0, 1, 1), 0); // step index 2/2
            assertArrayEquals(new long[] {1, 3}, inputs[2].shape());
            assertEquals(9.0, inputs[2].getDouble(0, 2), 0); // y[3]
            assertArrayEquals(new long[] {1, 1, 2}, batch.labels().shape());
            assertEquals(25.0 - 9.0, batch.labels().getDouble(0, 0, 1), 0);
        }
    }

    @Test
    void givenChunksOfAWindow_whenConcatenated_thenTheyEqualTheWindowBatch() {
        Layout layout = new Layout(5, 2, false, true, true, Reference.NAIVE, 1);
        WindowBatcher b = new WindowBatcher(series(12), null, new int[] {0}, layout);
        try (SequenceBatch batch = b.batch(new int[] {9}, false)) {
            INDArray first = b.chunk(4, 7, 4)[0];
            INDArray[] last = b.chunk(7, 9, 4);
            for (int s = 0; s < 3; s++) {
                assertEquals(batch.features().getDouble(0, 0, s), first.getDouble(0, 0, s), 0);
            }
            for (int s = 0; s < 2; s++) {
                assertEquals(
                        batch.features().getDouble(0, 1, 3 + s), last[0].getDouble(0, 1, s), 0);
            }
            assertEquals(batch.inputs()[1], last[1]);
        }
    }

    @Test
    void givenBadWindows_whenBatched_thenErrorsNameTheProblem() {
        WindowBatcher b = new WindowBatcher(series(10), null, new int[] {0}, Layout.direct(3, 2));
        IllegalArgumentException early =
                assertThrows(IllegalArgumentException.class, () -> b.batch(new int[] {2}, true));
        assertTrue(early.getMessage().contains("needs 3 earlier rows"), early.getMessage());
        IllegalArgumentException late =
                assertThrows(IllegalArgumentException.class, () -> b.batch(new int[] {9}, true));
        assertTrue(late.getMessage().contains("has 10 rows"), late.getMessage());
        IllegalArgumentException season =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Layout(4, 1, false, false, false, Reference.SEASONAL_GROWTH, 4));
        assertTrue(season.getMessage().contains("more than lookback=4"), season.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new WindowBatcher(series(10), null, new int[] {2}, Layout.direct(3, 2)));
    }
}
