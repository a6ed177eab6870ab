package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.data.DataTestFiles.assertMessage;

import org.junit.jupiter.api.Test;
import org.rnnkit.data.TimeSplit.Part;

class ForecastWindowsTest {

    private static final TimeSplit SPLIT = TimeSplit.ofRows(20, 10, 5, 5);

    private static IllegalArgumentException invalidOrigins(
            Part part, int lookback, int horizon, int stride) {
        return assertThrows(
                IllegalArgumentException.class,
                () -> ForecastWindows.origins(SPLIT, part, lookback, horizon, stride));
    }

    @Test
    void givenSmallSplit_whenOrigins_thenExactWindowsPerPart() {
        assertArrayEquals(
                new int[] {3, 4, 5, 6, 7, 8}, ForecastWindows.origins(SPLIT, Part.TRAIN, 3, 2, 1));
        assertArrayEquals(
                new int[] {10, 11, 12, 13}, ForecastWindows.origins(SPLIT, Part.DEV, 3, 2, 1));
        assertArrayEquals(
                new int[] {15, 16, 17, 18}, ForecastWindows.origins(SPLIT, Part.TEST, 3, 2, 1));
        assertEquals(6, ForecastWindows.count(SPLIT, Part.TRAIN, 3, 2, 1));
        assertEquals(4, ForecastWindows.count(SPLIT, Part.TEST, 3, 2, 1));
    }

    @Test
    void givenTrainWindows_whenIndexed_thenNoInputOrTargetReachesTrainEnd() {
        for (int lookback = 1; lookback <= 6; lookback++) {
            for (int horizon = 1; horizon <= 10 - lookback; horizon++) {
                for (int o : ForecastWindows.origins(SPLIT, Part.TRAIN, lookback, horizon, 1)) {
                    assertTrue(o - lookback >= 0);
                    assertTrue(o + horizon - 1 < SPLIT.trainEnd(), "origin " + o);
                }
            }
        }
    }

    @Test
    void givenTestPart_whenLookbackLongerThanDevAndTrain_thenInputsReachBackIntoHistory() {
        // Test rows [15, 20): a lookback of 12 reaches into train; origins need o >= 12 anyway.
        int[] origins = ForecastWindows.origins(SPLIT, Part.TEST, 12, 1, 1);
        assertArrayEquals(new int[] {15, 16, 17, 18, 19}, origins);
        // ETT: testRows - horizon + 1 windows.
        TimeSplit ett = TimeSplit.ofRows(17420, 8640, 2880, 2880);
        assertEquals(2880 - 24 + 1, ForecastWindows.count(ett, Part.TEST, 96, 24, 1));
        assertEquals(8640 - 96 - 24 + 1, ForecastWindows.count(ett, Part.TRAIN, 96, 24, 1));
    }

    @Test
    void givenStride_whenOrigins_thenStepsFromFirstValidOrigin() {
        assertArrayEquals(new int[] {3, 6}, ForecastWindows.origins(SPLIT, Part.TRAIN, 3, 2, 3));
        assertArrayEquals(new int[] {10, 12}, ForecastWindows.origins(SPLIT, Part.DEV, 3, 2, 2));
        assertEquals(2, ForecastWindows.count(SPLIT, Part.DEV, 3, 2, 2));
    }

    @Test
    void givenPartTooShort_whenOrigins_thenMessageNamesPartRowsLookbackAndHorizon() {
        IllegalArgumentException e = invalidOrigins(Part.TEST, 3, 6, 1);
        assertMessage(
                e,
                "TEST part has no forecast window",
                "[15, 20) (5 rows)",
                "lookback=3, horizon=6");
        assertEquals(0, ForecastWindows.count(SPLIT, Part.TEST, 3, 6, 1));
        IllegalArgumentException train = invalidOrigins(Part.TRAIN, 8, 3, 1);
        assertTrue(train.getMessage().contains("TRAIN part"), train.getMessage());
        TimeSplit noDev = TimeSplit.ofRows(20, 10, 0, 5);
        assertEquals(0, ForecastWindows.count(noDev, Part.DEV, 3, 2, 1));
    }

    @Test
    void givenNonPositiveSizes_whenOrigins_thenParameterNamed() {
        IllegalArgumentException e = invalidOrigins(Part.TRAIN, 0, 2, 1);
        assertEquals("lookback must be > 0, received: lookback=0", e.getMessage());
        invalidOrigins(Part.TRAIN, 3, 2, 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastWindows.count(SPLIT, Part.TRAIN, 3, -1, 1));
    }
}
