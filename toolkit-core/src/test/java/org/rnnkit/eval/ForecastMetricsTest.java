package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ForecastMetricsTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void givenOneWindow_whenMetricsComputed_thenMatchHandValues() {
        ForecastMetrics metrics = new ForecastMetrics(3, 1.5);
        metrics.add(new double[] {1, 2, 3}, new double[] {2, 2, 5});
        // Errors -1, 0, -2: |e| = 1, 0, 2 and e^2 = 1, 0, 4.
        assertEquals(3, metrics.count());
        assertEquals(1, metrics.windows());
        assertEquals(1.0, metrics.mae(), TOLERANCE);
        assertEquals(5.0 / 3, metrics.mse(), TOLERANCE);
        assertEquals(Math.sqrt(5.0 / 3), metrics.rmse(), TOLERANCE);
        // sMAPE terms: 200*1/3, 200*0/4 = 0, 200*2/8 = 50; mean = (200/3 + 50) / 3 = 350/9.
        assertEquals(350.0 / 9, metrics.smape(), TOLERANCE);
        // MASE = MAE / scale = 1 / 1.5.
        assertEquals(2.0 / 3, metrics.mase(), TOLERANCE);
    }

    @Test
    void givenTwoWindows_whenPerStepMetricsComputed_thenEachStepAveragesOverWindows() {
        ForecastMetrics metrics = new ForecastMetrics(2, 1);
        metrics.add(new double[] {1, 2}, new double[] {2, 2});
        metrics.add(new double[] {3, 5}, new double[] {5, 1});
        // Step 0 errors: -1, -2. Step 1 errors: 0, 4.
        assertEquals(1.5, metrics.mae(0), TOLERANCE);
        assertEquals(2.5, metrics.mse(0), TOLERANCE);
        assertEquals(Math.sqrt(2.5), metrics.rmse(0), TOLERANCE);
        assertEquals(2.0, metrics.mae(1), TOLERANCE);
        assertEquals(8.0, metrics.mse(1), TOLERANCE);
        assertEquals(Math.sqrt(8.0), metrics.rmse(1), TOLERANCE);
        // Overall: |e| sum 7 and e^2 sum 21 over 4 pairs.
        assertEquals(4, metrics.count());
        assertEquals(2, metrics.windows());
        assertEquals(1.75, metrics.mae(), TOLERANCE);
        assertEquals(5.25, metrics.mse(), TOLERANCE);
    }

    @Test
    void givenForecastAndTruthBothZero_whenSmapeComputed_thenTermCountsAsZero() {
        ForecastMetrics metrics = new ForecastMetrics(2, 1);
        metrics.add(new double[] {0, 1}, new double[] {0, 3});
        // Terms: 0 (0/0 counted as 0) and 200*2/4 = 100; mean = 50.
        assertEquals(50.0, metrics.smape(), TOLERANCE);
    }

    @Test
    void givenOppositeSigns_whenSmapeComputed_thenReachesTwoHundred() {
        ForecastMetrics metrics = new ForecastMetrics(1, 1);
        metrics.add(new double[] {-2}, new double[] {2});
        // 200 * 4 / (2 + 2) = 200, the top of the scale.
        assertEquals(200.0, metrics.smape(), TOLERANCE);
    }

    @Test
    void givenTinySeries_whenSeasonalNaiveScaleComputed_thenMatchesHandValues() {
        double[] train = {1, 3, 2, 4, 3};
        // Season 1: |3-1|, |2-3|, |4-2|, |3-4| = 2, 1, 2, 1; mean 1.5.
        assertEquals(1.5, ForecastMetrics.seasonalNaiveScale(train, 1), TOLERANCE);
        // Season 2: |2-1|, |4-3|, |3-2| = 1, 1, 1; mean 1.
        assertEquals(1.0, ForecastMetrics.seasonalNaiveScale(train, 2), TOLERANCE);
        // Season 4: only |3-1| = 2.
        assertEquals(2.0, ForecastMetrics.seasonalNaiveScale(train, 4), TOLERANCE);
    }

    @Test
    void givenTrainNotLongerThanSeason_whenScaleComputed_thenRejected() {
        assertRejected(
                "train.length must be > season, received: train.length=2, season=2",
                () -> ForecastMetrics.seasonalNaiveScale(new double[] {1, 2}, 2));
        assertRejected(
                "season must be > 0, received: season=0",
                () -> ForecastMetrics.seasonalNaiveScale(new double[] {1, 2}, 0));
    }

    @Test
    void givenZeroOrNonFiniteScale_whenMaseComputed_thenNaN() {
        for (double scale : new double[] {0, Double.NaN, Double.POSITIVE_INFINITY}) {
            ForecastMetrics metrics = new ForecastMetrics(1, scale);
            metrics.add(new double[] {1}, new double[] {2});
            assertEquals(Double.NaN, metrics.mase(), "scale=" + scale);
            assertEquals(1.0, metrics.mae(), TOLERANCE);
        }
    }

    @Test
    void givenWrongLength_whenAdded_thenRejectedWithLengths() {
        ForecastMetrics metrics = new ForecastMetrics(3, 1);
        assertRejected(
                "forecast.length must be horizon=3, received: forecast.length=2",
                () -> metrics.add(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertRejected(
                "truth.length must be horizon=3, received: truth.length=4",
                () -> metrics.add(new double[] {1, 2, 3}, new double[] {1, 2, 3, 4}));
    }

    @Test
    void givenNonFiniteValue_whenAdded_thenRejectedAndNothingAccumulated() {
        ForecastMetrics metrics = new ForecastMetrics(3, 1);
        assertRejected(
                "truth values must be finite, received: truth[1]=NaN",
                () -> metrics.add(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}));
        assertEquals(0, metrics.count());
        assertThrows(IllegalStateException.class, metrics::mae);
    }

    @Test
    void givenInvalidSettings_whenConstructedOrQueried_thenRejectedWithNames() {
        assertRejected("horizon must be > 0, received: horizon=0", () -> new ForecastMetrics(0, 1));
        assertRejected(
                "maseScale must be >= 0, received: maseScale=-1.0",
                () -> new ForecastMetrics(1, -1));
        ForecastMetrics metrics = new ForecastMetrics(2, 1);
        metrics.add(new double[] {1, 2}, new double[] {1, 2});
        assertRejected("step must be in [0, 2), received: step=2", () -> metrics.mae(2));
        assertThrows(IllegalArgumentException.class, () -> metrics.rmse(-1));
    }

    @Test
    void givenPrefix_whenExportedToMetrics_thenOrderedKeysCarryValues() {
        ForecastMetrics metrics = new ForecastMetrics(3, 2);
        metrics.add(new double[] {1, 2, 3}, new double[] {2, 2, 5});
        Map<String, Double> map = metrics.toMetrics("test_");
        assertEquals(
                List.of("test_mae", "test_mse", "test_rmse", "test_smape", "test_mase"),
                List.copyOf(map.keySet()));
        assertEquals(1.0, map.get("test_mae"), TOLERANCE);
        assertEquals(5.0 / 3, map.get("test_mse"), TOLERANCE);
        assertEquals(Math.sqrt(5.0 / 3), map.get("test_rmse"), TOLERANCE);
        assertEquals(350.0 / 9, map.get("test_smape"), TOLERANCE);
        assertEquals(0.5, map.get("test_mase"), TOLERANCE);
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", 1.0));
    }

    private static void assertRejected(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
