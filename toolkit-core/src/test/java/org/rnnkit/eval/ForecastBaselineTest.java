package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ForecastBaselineTest {

    private static final double TOLERANCE = 1e-12;

    /** Season 4, level rising by 2 per season: rows 0..9. */
    private static final double[] SERIES = {10, 20, 30, 40, 12, 22, 32, 42, 14, 24};

    @Test
    void givenSeasonalSeries_whenNaive_thenRepeatsLastValue() {
        assertArrayEquals(
                new double[] {24, 24, 24},
                ForecastBaseline.NAIVE.forecast(SERIES, 3, 4),
                TOLERANCE);
    }

    @Test
    void givenSeasonalSeries_whenSeasonalNaive_thenRepeatsLastFullSeason() {
        // Origin 10: rows 10..15 take rows 6, 7, 8, 9, then 6, 7 again.
        assertArrayEquals(
                new double[] {32, 42, 14, 24, 32, 42},
                ForecastBaseline.SEASONAL_NAIVE.forecast(SERIES, 6, 4),
                TOLERANCE);
    }

    @Test
    void givenSeasonalSeries_whenDrift_thenExtendsFirstToLastSlope() {
        // Slope (24 - 10) / (10 - 1) = 14/9.
        assertArrayEquals(
                new double[] {24 + 14.0 / 9, 24 + 28.0 / 9},
                ForecastBaseline.DRIFT.forecast(SERIES, 2, 0),
                TOLERANCE);
    }

    @Test
    void givenSeasonalSeries_whenMean_thenRepeatsHistoryMean() {
        // Sum 246 over 10 values.
        assertArrayEquals(
                new double[] {24.6, 24.6}, ForecastBaseline.MEAN.forecast(SERIES, 2, 0), TOLERANCE);
    }

    @Test
    void givenSeasonalSeries_whenSeasonalGrowth_thenScalesSeasonalNaiveByGrowthRatio() {
        // Growth r = y[9] / y[5] = 24/22 = 12/11; one factor of r per season back.
        assertArrayEquals(
                new double[] {
                    32 * 12.0 / 11, 42 * 12.0 / 11, 14 * 12.0 / 11, 24 * 12.0 / 11, 32 * 144.0 / 121
                },
                ForecastBaseline.SEASONAL_GROWTH.forecast(SERIES, 5, 4),
                TOLERANCE);
    }

    @Test
    void givenOriginInsideSeries_whenForecast_thenOnlyEarlierRowsAreRead() {
        double[] series = Arrays.copyOf(SERIES, SERIES.length);
        // Rows from the origin on are poisoned: reading any of them would be rejected.
        Arrays.fill(series, 6, series.length, Double.NaN);
        assertArrayEquals(
                new double[] {30, 40},
                ForecastBaseline.SEASONAL_NAIVE.forecast(series, 6, 2, 4),
                TOLERANCE);
        // Growth r = y[5] / y[1] = 22/20; rows 6, 7 take rows 2, 3.
        assertArrayEquals(
                new double[] {30 * 1.1, 40 * 1.1},
                ForecastBaseline.SEASONAL_GROWTH.forecast(series, 6, 2, 4),
                TOLERANCE);
        assertArrayEquals(
                new double[] {22}, ForecastBaseline.NAIVE.forecast(series, 6, 1, 0), TOLERANCE);
    }

    @Test
    void givenTooShortHistory_whenForecast_thenRejectedNamingBaselineAndOrigin() {
        IllegalArgumentException seasonal =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastBaseline.SEASONAL_NAIVE.forecast(SERIES, 3, 1, 4));
        assertEquals(
                "seasonal naive needs at least 4 history values (origin >= 4), received:"
                        + " origin=3, season=4",
                seasonal.getMessage());
        assertRejected(
                "seasonal naive x growth needs at least 5 history values (origin >= 5),"
                        + " received: origin=4, season=4",
                () -> ForecastBaseline.SEASONAL_GROWTH.forecast(SERIES, 4, 1, 4));
        assertRejected(
                "drift needs at least 2 history values (origin >= 2), received: origin=1,"
                        + " season=0",
                () -> ForecastBaseline.DRIFT.forecast(SERIES, 1, 1, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastBaseline.NAIVE.forecast(SERIES, 0, 1, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastBaseline.MEAN.forecast(new double[0], 1, 0));
    }

    @Test
    void givenInvalidArguments_whenForecast_thenRejectedWithNames() {
        IllegalArgumentException season =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastBaseline.SEASONAL_NAIVE.forecast(SERIES, 1, 0));
        assertEquals("seasonal naive needs season > 0, received: season=0", season.getMessage());
        assertRejected(
                "season must be >= 0, received: season=-1",
                () -> ForecastBaseline.NAIVE.forecast(SERIES, 1, -1));
        assertRejected(
                "horizon must be > 0, received: horizon=0",
                () -> ForecastBaseline.NAIVE.forecast(SERIES, 0, 0));
        assertRejected(
                "origin must be in [0, series.length=10], received: origin=11",
                () -> ForecastBaseline.NAIVE.forecast(SERIES, 11, 1, 0));
        assertRejected(
                "history values must be finite, received: history[1]=NaN",
                () -> ForecastBaseline.MEAN.forecast(new double[] {1, Double.NaN}, 1, 0));
    }

    @Test
    void givenZeroValueOneSeasonBeforeLast_whenSeasonalGrowth_thenRejected() {
        assertRejected(
                "seasonal naive x growth needs a non-zero value one season before the last,"
                        + " received: history[0]=0.0",
                () ->
                        ForecastBaseline.SEASONAL_GROWTH.forecast(
                                new double[] {0, 1, 2, 3, 4}, 1, 4));
    }

    @Test
    void givenEachBaseline_whenNamed_thenDisplayNameAndKeyRoundTrip() {
        assertEquals("naive", ForecastBaseline.NAIVE.displayName());
        assertEquals("seasonal naive", ForecastBaseline.SEASONAL_NAIVE.displayName());
        assertEquals("drift", ForecastBaseline.DRIFT.displayName());
        assertEquals("mean", ForecastBaseline.MEAN.displayName());
        assertEquals("seasonal naive x growth", ForecastBaseline.SEASONAL_GROWTH.displayName());
        assertEquals("seasonal_naive", ForecastBaseline.SEASONAL_NAIVE.key());
        assertEquals("seasonal_growth", ForecastBaseline.SEASONAL_GROWTH.key());
        for (ForecastBaseline baseline : ForecastBaseline.values()) {
            assertEquals(baseline, ForecastBaseline.fromKey(baseline.key()));
        }
        assertRejected(
                "key must be one of naive, seasonal_naive, drift, mean, seasonal_growth,"
                        + " received: key=ets",
                () -> ForecastBaseline.fromKey("ets"));
    }

    @Test
    void givenBaseline_whenMinimumHistoryAsked_thenMatchesItsNeeds() {
        assertEquals(1, ForecastBaseline.NAIVE.minimumHistory(0));
        assertEquals(2, ForecastBaseline.DRIFT.minimumHistory(0));
        assertEquals(1, ForecastBaseline.MEAN.minimumHistory(12));
        assertEquals(12, ForecastBaseline.SEASONAL_NAIVE.minimumHistory(12));
        assertEquals(13, ForecastBaseline.SEASONAL_GROWTH.minimumHistory(12));
    }

    @Test
    void givenCommonSteps_whenSeasonDetected_thenReturnsDominantCycle() {
        assertEquals(96, ForecastBaseline.detectSeason(Duration.ofMinutes(15)));
        assertEquals(48, ForecastBaseline.detectSeason(Duration.ofMinutes(30)));
        assertEquals(24, ForecastBaseline.detectSeason(Duration.ofHours(1)));
        assertEquals(7, ForecastBaseline.detectSeason(Duration.ofDays(1)));
        assertEquals(52, ForecastBaseline.detectSeason(Duration.ofDays(7)));
        assertEquals(12, ForecastBaseline.detectSeason(Duration.ofDays(28)));
        assertEquals(12, ForecastBaseline.detectSeason(Duration.ofDays(31)));
        assertEquals(4, ForecastBaseline.detectSeason(Duration.ofDays(89)));
        assertEquals(4, ForecastBaseline.detectSeason(Duration.ofDays(92)));
    }

    @Test
    void givenUncommonOrYearlySteps_whenSeasonDetected_thenZero() {
        assertEquals(0, ForecastBaseline.detectSeason(Duration.ofDays(365)));
        assertEquals(0, ForecastBaseline.detectSeason(Duration.ofMinutes(1)));
        assertEquals(0, ForecastBaseline.detectSeason(Duration.ofDays(32)));
        assertEquals(0, ForecastBaseline.detectSeason(Duration.ofDays(27)));
        assertRejected(
                "step must be > 0, received: step=PT0S",
                () -> ForecastBaseline.detectSeason(Duration.ZERO));
    }

    private static void assertRejected(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
