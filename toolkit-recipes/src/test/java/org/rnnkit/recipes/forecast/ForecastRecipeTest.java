package org.rnnkit.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.data.ForecastWindows;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;

class ForecastRecipeTest {

    @TempDir Path dir;

    private Path generated(int rows) throws IOException {
        Path csv = dir.resolve("series.csv");
        ForecastDataGenerator.write(csv, rows, 5);
        return csv;
    }

    private ForecastOptions.Builder small(Path data) {
        return ForecastOptions.builder()
                .data(data)
                .targets(List.of("load"))
                .covariates(List.of("temperature"))
                .lookback(24)
                .horizon(6)
                .hiddenSize(8)
                .batchSize(32)
                .epochs(2)
                .out(dir.resolve("f.zip"));
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void givenTrainedModel_whenStreamedStepByStep_thenForecastEqualsTheBatchForecast(
            Topology topology) throws IOException {
        Path data = generated(400);
        ForecastOptions options = small(data).topology(topology).calendar(true).epochs(1).build();
        ForecastRecipe.train(options);
        ForecastModel model = ForecastModel.load(options.out());
        TimeSeries series = model.spec().read(data);
        Prepared prepared = model.prepare(series, model.spec().horizon());
        int origin = 300;
        double[][] batch = model.forecast(prepared, new int[] {origin})[0];

        ForecastModel.Stream stream = model.stream(prepared);
        stream.observe(origin - 24, origin - 10);
        for (int row = origin - 10; row < origin; row++) {
            stream.observe(row, row + 1);
        }
        double[][] streamed = stream.forecast();
        for (int k = 0; k < 6; k++) {
            assertEquals(batch[k][0], streamed[k][0], 1e-4 * Math.abs(batch[k][0]), topology + "");
        }
        assertThrows(IllegalArgumentException.class, () -> stream.observe(origin + 3, origin + 4));
    }

    @Test
    void givenGeneratedSeries_whenTrained_thenModelBeatsNaiveAndEvalReproducesTheTestScores()
            throws IOException {
        Path data = generated(1200);
        ForecastOptions options = small(data).epochs(6).build();
        RecipeResult trained = ForecastRecipe.train(options);
        Map<String, Double> m = trained.metrics();
        assertTrue(
                m.get("test_mse") < m.get("test_naive_mse"),
                "model " + m.get("test_mse") + " vs naive " + m.get("test_naive_mse"));
        assertTrue(trained.report().contains("seasonal naive"), trained.report());
        assertTrue(Files.isRegularFile(options.runDirectory().resolve("forecast.png")));

        Path plot = dir.resolve("eval.png");
        RecipeResult eval = ForecastRecipe.evaluate(options.out(), data, null, plot);
        for (String key :
                List.of(
                        "mse_standardized",
                        "mae_standardized",
                        "mse",
                        "mae",
                        "rmse",
                        "smape",
                        "mase",
                        "naive_mse",
                        "seasonal_naive_mse_standardized",
                        "drift_mae",
                        "mean_rmse")) {
            assertTrue(eval.metrics().containsKey(key), key + " in " + eval.metrics().keySet());
        }
        assertEquals(m.get("test_mse"), eval.metrics().get("mse"), 1e-9);
        assertEquals(m.get("test_naive_mse"), eval.metrics().get("naive_mse"), 1e-12);
        assertTrue(Files.size(plot) > 1000);

        // standardized and original scores agree: MSE(std) * variance = MSE
        TimeSplit split = TimeSplit.parse("0.7,0.1,0.2", 1200);
        double[] load = ForecastModel.load(options.out()).spec().read(data).column("load");
        double mean = 0;
        for (int r = 0; r < split.trainEnd(); r++) {
            mean += load[r] / split.trainEnd();
        }
        double variance = 0;
        for (int r = 0; r < split.trainEnd(); r++) {
            variance += (load[r] - mean) * (load[r] - mean) / split.trainEnd();
        }
        assertEquals(
                eval.metrics().get("mse"), eval.metrics().get("mse_standardized") * variance, 1e-6);
        assertEquals(
                ForecastWindows.count(split, Part.TEST, 24, 6, 1),
                eval.metrics().get("windows").intValue());
    }

    @Test
    void givenBundle_whenLoaded_thenNormalizerComesFromTrainingRowsOnly() throws IOException {
        Path data = generated(500);
        ForecastOptions options = small(data).epochs(1).build();
        ForecastRecipe.train(options);
        ForecastModel model = ForecastModel.load(options.out());
        TimeSeries series = model.spec().read(data);
        int trainEnd = TimeSplit.parse("0.7,0.1,0.2", 500).trainEnd();
        double sum = 0;
        for (int r = 0; r < trainEnd; r++) {
            sum += series.value(r, 0);
        }
        assertEquals(sum / trainEnd, model.spec().standardizer().mean()[0], 1e-9);
        assertEquals(List.of("load", "temperature"), model.spec().columns());
    }

    @Test
    void givenSameSeed_whenTrainedTwice_thenScoresAreIdentical() throws IOException {
        Path data = generated(500);
        double a =
                ForecastRecipe.train(small(data).epochs(1).out(dir.resolve("a.zip")).build())
                        .metrics()
                        .get("test_mse");
        double b =
                ForecastRecipe.train(small(data).epochs(1).out(dir.resolve("b.zip")).build())
                        .metrics()
                        .get("test_mse");
        assertEquals(a, b, 0.0);
    }

    @Test
    void givenModel_whenPredicting_thenNextHorizonStepsWithTimeStamps() throws IOException {
        Path data = generated(400);
        ForecastOptions options = small(data).epochs(1).reference(Reference.SEASONAL_NAIVE).build();
        ForecastRecipe.train(options);
        ForecastRecipe.Prediction p = ForecastRecipe.predict(options.out(), data);
        assertEquals("time,load", p.header());
        assertEquals(6, p.lines().size());
        LocalDateTime last = ForecastDataGenerator.START.plusHours(399);
        assertTrue(p.lines().get(0).startsWith(last.plusHours(1) + ":00,"), p.lines().get(0));
        assertTrue(p.lines().get(5).startsWith(last.plusHours(6) + ":00,"), p.lines().get(5));
        for (double[] step : p.values()) {
            assertTrue(step[0] > 50 && step[0] < 200, "forecast " + step[0]);
        }
    }

    @Test
    void givenBadSettings_whenTraining_thenClearErrors() throws IOException {
        Path data = generated(200);
        MalformedDataException unknown =
                assertThrows(
                        MalformedDataException.class,
                        () -> ForecastRecipe.train(small(data).targets(List.of("OT")).build()));
        assertTrue(unknown.getMessage().contains("OT"), unknown.getMessage());
        IllegalArgumentException tooLong =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastRecipe.train(small(data).horizon(100).build()));
        assertTrue(
                tooLong.getMessage().contains("TEST part has no forecast window"),
                tooLong.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ForecastOptions.builder()
                                .covariates(List.of("a"))
                                .targets(List.of("a"))
                                .build());
    }

    @Test
    @Tag("slow")
    void givenEtth1_whenTrainedWithTheBenchmarkSettings_thenH24MseBeatsTarget() throws IOException {
        Path data = Path.of("../../shared/datasets/ett/ETTh1.csv");
        assumeTrue(Files.isRegularFile(data), "ETTh1 not present");
        RecipeResult r =
                ForecastRecipe.train(
                        ForecastOptions.builder()
                                .data(data)
                                .targets(List.of("OT"))
                                .splitRows("8640,2880,2880")
                                .lookback(336)
                                .horizon(24)
                                .epochs(10)
                                .out(dir.resolve("ett.zip"))
                                .build());
        double mse = r.metrics().get("test_mse_standardized");
        assertTrue(mse <= 0.030, "ETTh1 h=24 test MSE " + mse);
        assertTrue(mse < r.metrics().get("test_naive_mse_standardized"));
    }

    @Test
    @Tag("slow")
    void givenAirline_whenTrainedWithTheBenchmarkSettings_thenRmseAtMost15() throws IOException {
        Path data = Path.of("../../shared/datasets/timeseries/airline-passengers.csv");
        assumeTrue(Files.isRegularFile(data), "airline data not present");
        RecipeResult r =
                ForecastRecipe.train(
                        ForecastOptions.builder()
                                .data(data)
                                .splitRows("84,12,48")
                                .lookback(13)
                                .horizon(1)
                                .logTransform(true)
                                .reference(Reference.SEASONAL_GROWTH)
                                .batchSize(8)
                                .learningRate(0.003)
                                .lrDecay(0.99)
                                .epochs(300)
                                .patience(60)
                                .out(dir.resolve("air.zip"))
                                .build());
        assertTrue(r.metrics().get("test_rmse") <= 15, "airline RMSE " + r.metrics());
        assertTrue(r.metrics().get("test_mase") < 1);
        assertArrayEquals(new double[] {48}, new double[] {r.metrics().get("test_windows")});
    }
}
