package org.rnnkit.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.rnnkit.recipes.OldBundles;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SharedDatasets;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;

class ForecastRecipeTest {

    @TempDir Path dir;

    private Path generated(int rows) throws IOException {
        Path csv = dir.resolve("series.csv");
        ForecastDataGenerator.write(csv, rows, 5);
        return csv;
    }

    private ForecastOptions small(Path data, int epochs) {
        return ForecastOptions.defaults()
                .withTraining(
                        t ->
                                t.data(data)
                                        .hiddenSize(8)
                                        .batchSize(32)
                                        .epochs(epochs)
                                        .out(dir.resolve("f.zip")))
                .withColumns(c -> c.targets(List.of("load")).covariates(List.of("temperature")))
                .with(b -> b.lookback(24).horizon(6));
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void givenTrainedModel_whenStreamedStepByStep_thenForecastEqualsTheBatchForecast(
            Topology topology) throws IOException {
        Path data = generated(400);
        ForecastOptions options = small(data, 1).withTopology(topology).withCalendar(true);
        ForecastRecipe.train(options);
        ForecastModel model = ForecastModel.load(options.training().out());
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
        ForecastOptions options = small(data, 6);
        RecipeResult trained = ForecastRecipe.train(options);
        Map<String, Double> m = trained.metrics();
        assertTrue(
                m.get("test_mse") < m.get("test_naive_mse"),
                "model " + m.get("test_mse") + " vs naive " + m.get("test_naive_mse"));
        assertTrue(trained.report().contains("seasonal naive"), trained.report());
        assertTrue(Files.isRegularFile(options.training().runDirectory().resolve("forecast.png")));

        Path plot = dir.resolve("eval.png");
        RecipeResult eval = ForecastRecipe.evaluate(options.training().out(), data, null, plot);
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
        double[] load =
                ForecastModel.load(options.training().out()).spec().read(data).column("load");
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
        ForecastOptions options = small(data, 1);
        ForecastRecipe.train(options);
        ForecastModel model = ForecastModel.load(options.training().out());
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
        ForecastOptions options = small(data, 1);
        double a =
                ForecastRecipe.train(options.withTraining(t -> t.out(dir.resolve("a.zip"))))
                        .metrics()
                        .get("test_mse");
        double b =
                ForecastRecipe.train(options.withTraining(t -> t.out(dir.resolve("b.zip"))))
                        .metrics()
                        .get("test_mse");
        assertEquals(a, b, 0.0);
    }

    @Test
    void givenModel_whenPredicting_thenNextHorizonStepsWithTimeStamps() throws IOException {
        Path data = generated(400);
        ForecastOptions options = small(data, 1).withReference(Reference.SEASONAL_NAIVE);
        ForecastRecipe.train(options);
        ForecastPrediction p = ForecastRecipe.predict(options.training().out(), data);
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
                        () ->
                                ForecastRecipe.train(
                                        small(data, 2).withColumns(c -> c.targets(List.of("OT")))));
        assertTrue(unknown.getMessage().contains("OT"), unknown.getMessage());
        IllegalArgumentException tooLong =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastRecipe.train(small(data, 2).withHorizon(100)));
        assertTrue(
                tooLong.getMessage().contains("TEST part has no forecast window"),
                tooLong.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ForecastOptions.defaults()
                                .withColumns(
                                        c -> c.covariates(List.of("a")).targets(List.of("a"))));
    }

    @Test
    void givenDevFileOrBidirectional_whenBuilt_thenRefusedNamingTheSetting() {
        IllegalArgumentException dev =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ForecastOptions.defaults()
                                        .withTraining(t -> t.dev(Path.of("d.csv"))));
        assertTrue(dev.getMessage().contains("training.dev"), dev.getMessage());
        IllegalArgumentException bidirectional =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastOptions.defaults().withTraining(t -> t.bidirectional(true)));
        assertTrue(
                bidirectional.getMessage().contains("training.bidirectional"),
                bidirectional.getMessage());
    }

    @Test
    void givenBundleWrittenBy8340b8e_whenLoadedAndRetrained_thenSameOptionsAndMetrics()
            throws IOException {
        Path golden = OldBundles.of("forecast");
        ForecastModel old = ForecastModel.load(golden);
        ForecastOptions options = old.options();
        assertEquals(7, options.training().seed());
        assertEquals(8, options.training().hiddenSize());
        assertEquals(2, options.training().epochs());
        assertEquals(List.of("load"), options.columns().targets());
        assertEquals(List.of("temperature"), options.columns().covariates());
        assertEquals(96, options.lookback());
        assertEquals(0.95, options.lrDecay());
        Path history = dir.resolve("history.csv");
        ForecastDataGenerator.write(
                history, ForecastDataGenerator.DEFAULT_ROWS, ForecastDataGenerator.DEFAULT_SEED);
        assertEquals(24, ForecastRecipe.predict(golden, history).lines().size());
        RecipeResult again =
                ForecastRecipe.train(options.withTraining(t -> t.out(dir.resolve("again.zip"))));
        OldBundles.assertSameMetrics(old.bundle().metrics(), again.metrics());
    }

    @Test
    void givenDefaultsOf8340b8e_whenRead_thenEqualToTodayAndTodaysRoundTrip() throws IOException {
        assertEquals(
                ForecastOptions.defaults(),
                ForecastModel.readOptions(
                        OldBundles.defaults("forecast"), dir.resolve("defaults.zip")));
        ForecastOptions changed =
                ForecastOptions.defaults()
                        .withColumns(c -> c.targets(List.of("OT")))
                        .withTraining(t -> t.epochs(3));
        assertEquals(
                changed,
                ForecastModel.readOptions(OptionsJson.write(changed), dir.resolve("new.zip")));
    }

    @Test
    @Tag("slow")
    void givenEtth1_whenTrainedWithTheBenchmarkSettings_thenH24MseBeatsTarget() throws IOException {
        Path data = SharedDatasets.require("ett/ETTh1.csv", "ETTh1");
        RecipeResult r =
                ForecastRecipe.train(
                        ForecastOptions.defaults()
                                .withTraining(
                                        t -> t.data(data).epochs(10).out(dir.resolve("ett.zip")))
                                .withColumns(c -> c.targets(List.of("OT")))
                                .with(
                                        b ->
                                                b.splitRows("8640,2880,2880")
                                                        .lookback(336)
                                                        .horizon(24)));
        double mse = r.metrics().get("test_mse_standardized");
        assertTrue(mse <= 0.030, "ETTh1 h=24 test MSE " + mse);
        assertTrue(mse < r.metrics().get("test_naive_mse_standardized"));
    }

    @Test
    @Tag("slow")
    void givenAirline_whenTrainedWithTheBenchmarkSettings_thenRmseAtMost15() throws IOException {
        Path data = SharedDatasets.require("timeseries/airline-passengers.csv", "airline data");
        RecipeResult r =
                ForecastRecipe.train(
                        ForecastOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(data)
                                                        .batchSize(8)
                                                        .learningRate(0.003)
                                                        .epochs(300)
                                                        .patience(60)
                                                        .out(dir.resolve("air.zip")))
                                .with(
                                        b ->
                                                b.splitRows("84,12,48")
                                                        .lookback(13)
                                                        .horizon(1)
                                                        .logTransform(true)
                                                        .reference(Reference.SEASONAL_GROWTH)
                                                        .lrDecay(0.99)));
        assertTrue(r.metrics().get("test_rmse") <= 15, "airline RMSE " + r.metrics());
        assertTrue(r.metrics().get("test_mase") < 1);
        assertArrayEquals(new double[] {48}, new double[] {r.metrics().get("test_windows")});
    }
}
