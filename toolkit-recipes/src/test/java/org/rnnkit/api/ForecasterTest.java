package org.rnnkit.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastModel;
import org.rnnkit.recipes.forecast.ForecastPrediction;

class ForecasterTest {

    @TempDir Path dir;

    /** A daily cycle of 12 steps plus a slow trend: 240 steps. */
    static double[] series() {
        double[] values = new double[240];
        for (int t = 0; t < values.length; t++) {
            values[t] = 10 + 0.01 * t + 3 * Math.sin(2 * Math.PI * t / 12);
        }
        return values;
    }

    private static Forecaster.Builder tiny() {
        return Forecaster.builder()
                .lookback(24)
                .horizon(3)
                .season(12)
                .epochs(3)
                .hiddenSize(8)
                .batchSize(16)
                .progressBar(false);
    }

    @Test
    void givenSeries_whenFitPredictSaveLoad_thenReloadForecastsTheSame() throws IOException {
        double[] values = series();
        Forecaster forecaster = tiny().build();
        RecipeResult fit = forecaster.fit(values);
        assertTrue(fit.metrics().containsKey("test_mse_standardized"), fit.metrics().toString());
        assertTrue(fit.report().contains("naive"), fit.report());

        double[] history = Arrays.copyOf(values, 200);
        double[] next = forecaster.predict(history);
        assertEquals(3, next.length);
        for (double v : next) {
            // the series stays within [6, 16]; an untrained network is the naive forecast
            assertTrue(v > 4 && v < 18, Arrays.toString(next));
        }
        Path file = dir.resolve("forecast.zip");
        forecaster.save(file);
        Forecaster loaded = Forecaster.load(file);
        assertArrayEquals(next, loaded.predict(history), 1e-9);
        // the same bundle the command line reads
        assertEquals(List.of(Forecaster.VALUE_COLUMN), ForecastModel.load(file).spec().targets());
        RecipeResult evaluation = loaded.evaluate(values);
        assertEquals(
                fit.metrics().get("test_mse_standardized"),
                evaluation.metrics().get("mse_standardized"),
                1e-9);
    }

    @Test
    void givenCsv_whenFitAndPredict_thenSameFlowAsTheCommandLine() throws IOException {
        double[] values = series();
        StringBuilder csv = new StringBuilder("step,load\n");
        for (int t = 0; t < values.length; t++) {
            csv.append(t).append(',').append(values[t]).append('\n');
        }
        Path data = Files.writeString(dir.resolve("series.csv"), csv.toString());
        Forecaster forecaster = tiny().epochs(1).build();
        forecaster.fit(data);
        ForecastPrediction fromFile = forecaster.predict(data);
        assertEquals(3, fromFile.values().length);
        double[][] rows = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            rows[t] = new double[] {values[t]};
        }
        TimeSeries inMemory = new TimeSeries(List.of("load"), rows, null, null, 0);
        assertEquals(fromFile.values()[2][0], forecaster.predict(inMemory).values()[2][0], 1e-9);
    }

    @Test
    void givenNaN_whenFit_thenMessageNamesItsIndex() {
        double[] values = series();
        values[17] = Double.NaN;
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tiny().build().fit(values));
        assertEquals("value 17 is NaN; every value must be finite", e.getMessage());
    }

    @Test
    void givenShortHistory_whenPredicted_thenMessageNamesLookback() throws IOException {
        Forecaster forecaster = tiny().epochs(1).build();
        forecaster.fit(series());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> forecaster.predict(new double[] {1, 2, 3}));
        assertEquals("the model reads 24 rows of history, the history has 3", e.getMessage());
    }

    @Test
    void givenNoModel_whenPredicted_thenIllegalState() {
        assertThrows(IllegalStateException.class, () -> tiny().build().predict(series()));
    }

    @Test
    void givenBidirectional_whenSet_thenRefusedNamingTheSetting() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Forecaster.builder().bidirectional(true));
        assertTrue(
                e.getMessage().startsWith("training.bidirectional must be false"), e.getMessage());
    }
}
