package org.rnnkit.recipes.forecast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.model.ForecasterBuilder;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;
import org.rnnkit.recipes.forecast.ForecastModel.Spec;
import org.rnnkit.train.DevMetric;
import org.rnnkit.train.OptimizerSpec;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-step time-series forecasting, backtested against naive baselines.
 *
 * <p><b>Task.</b> From the last {@code lookback} rows of a multivariate series, forecast the next
 * {@code horizon} values of one or more target columns.
 *
 * <p><b>Data.</b> A CSV with a header: a time column (parsed as date/time when it looks like one)
 * and numeric columns. Rows are split in time order into train, dev and test parts; the normalizer
 * is fitted on the train part only. Training windows lie entirely inside the train part; a dev or
 * test window has all its targets inside its part and may read earlier rows as inputs (they are
 * known history at forecast time), one window per step: the protocol of the ETT benchmarks (Zhou et
 * al., 2021). Without {@code --data}, a generated hourly series ({@link ForecastDataGenerator}).
 *
 * <p><b>Model.</b> A recurrent encoder over the window (plus calendar features) and either a dense
 * head that emits all horizon steps at once (direct) or a recurrent decoder over the horizon
 * (encoder-decoder); see {@link ForecasterBuilder}. The network predicts each step's change from
 * the last observed value, so an untrained network is the naive forecast.
 *
 * <p><b>Evaluation.</b> MAE, MSE and RMSE in original units, MSE and MAE on the standardized scale
 * (the ETT literature's numbers), sMAPE and MASE (scaled by the in-sample seasonal naive error),
 * per horizon step; naive, seasonal naive, drift and mean forecasts (and seasonal naive scaled by
 * the last year-on-year growth, for positive series) on the same windows, always printed beside.
 *
 * <p><b>Stages.</b> {@link ForecastData} (read, split, normalizer, windows), {@link
 * ForecastNetwork} (optimizer and graph), {@link ForecastBacktest} (dev metric, backtest beside the
 * baselines; {@link ForecastScores} per forecaster), {@link ForecastPlot} (the last test window)
 * and {@link ForecastPrediction} (the steps after a series); this class runs them in order.
 *
 * <p><b>Run.</b> {@code rnnkit forecast train --data ETTh1.csv --target OT --split-rows
 * 8640,2880,2880 --horizon 24}; benchmark numbers in docs/BENCHMARKS.md.
 */
public final class ForecastRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastRecipe.class);

    private ForecastRecipe() {}

    /**
     * Runs {@code rnnkit forecast ARGS...}: the same subcommands ({@code train}, {@code eval},
     * {@code predict}, ...), options and exit codes as the command line, whose picocli command
     * parses the arguments (through {@link CommandLineEntry}, so this package does not import
     * {@code org.rnnkit.cli}). Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.forecast.ForecastRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit forecast}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("forecast"), args);
    }

    /**
     * Runs {@code rnnkit forecast ARGS...} like {@link #main} but returns the exit code instead of
     * exiting the JVM (for tests and embedding).
     *
     * @param args the arguments after {@code rnnkit forecast}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of("forecast"), args);
    }

    /**
     * Trains a forecaster, scores it on the dev and test parts and saves the bundle: data -> graph
     * -> Trainer -> backtests -> plot -> bundle.
     *
     * @param requested the settings (without data or targets: the embedded series' load, with the
     *     temperature as covariate)
     * @return the bundle path, dev and test metrics ({@code test_mse_standardized}, ...) and the
     *     report
     * @throws IOException when a file cannot be read or written
     * @throws org.rnnkit.data.MalformedDataException when the CSV is malformed or a column unknown
     * @throws IllegalArgumentException when a part has no window
     */
    public static RecipeResult train(ForecastOptions requested) throws IOException {
        ForecastOptions options = ForecastData.withEmbeddedColumns(requested);
        TrainingOptions training = options.training();
        return train(
                options,
                ForecastData.read(options),
                Recipes.dataHash(training.data()),
                training.data() == null ? "embedded" : training.data().toString());
    }

    /**
     * Trains on a series already in memory (the read stage's other source): the same stages as
     * {@link #train(ForecastOptions)} after reading the CSV, with {@code options.training().data()}
     * ignored. Without targets in {@code options.columns()}, the last column is forecast.
     *
     * @param options the settings
     * @param series the whole series in time order (split into train, dev and test parts by {@code
     *     options.split()})
     * @return the bundle path ({@code options.training().out()}), dev and test metrics and the
     *     report
     * @throws IOException when the bundle or the plot cannot be written
     * @throws IllegalArgumentException when a column is unknown or a part has no window
     */
    public static RecipeResult train(ForecastOptions options, TimeSeries series)
            throws IOException {
        Objects.requireNonNull(series, "series");
        List<String> rows = new ArrayList<>(series.rows() + 1);
        rows.add(String.join(",", series.columns()));
        for (double[] row : series.values()) {
            rows.add(Arrays.toString(row));
        }
        series.times().ifPresent(times -> times.forEach(t -> rows.add(t.toString())));
        return train(
                options,
                ForecastData.of(options, series),
                Recipes.dataHash(rows),
                "in-memory series (" + series.rows() + " rows)");
    }

    private static RecipeResult train(
            ForecastOptions options, ForecastData data, String dataHash, String source)
            throws IOException {
        TrainingOptions training = options.training();

        OptimizerSpec optimizer = ForecastNetwork.optimizer(options);
        ComputationGraph network = ForecastNetwork.build(options, data, optimizer);
        BucketingIterator<Integer> batches = data.batches(training);
        DevMetric devMetric = ForecastBacktest.devMetric(data, options);
        ObjectNode optionsJson = OptionsJson.write(options);
        String fingerprint = dataHash + "|" + Fingerprints.ofOptions(optionsJson);
        // without a dev window nothing can stop training early: it runs every epoch
        TrainingOptions schedule =
                data.hasDev() ? training : training.withPatience(training.epochs());
        Trainer trainer = Recipes.trainerBuilder(schedule, fingerprint, optimizer).build();
        TrainingResult result = trainer.fit(network, batches, devMetric);

        ForecastModel model = new ForecastModel(result.network(), data.spec(), options, null);
        Map<String, Double> metrics = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        if (data.hasDev()) {
            ForecastBacktest dev =
                    ForecastBacktest.run(model, data.prepared(), data.split(), Part.DEV, 1);
            dev.metrics().forEach((k, v) -> metrics.put("dev_" + k, v));
            report.append(dev.report()).append('\n');
        }
        ForecastBacktest test =
                ForecastBacktest.run(
                        model, data.prepared(), data.split(), Part.TEST, options.backtestStride());
        test.metrics().forEach((k, v) -> metrics.put("test_" + k, v));
        report.append(test.report());
        Recipes.putTrainingMetrics(metrics, result);
        Path plot = training.runDirectory().resolve("forecast.png");
        ForecastPlot.lastTestWindow(model, data.prepared(), data.split(), plot);
        report.append("\nplot of the last test window: ").append(plot);

        Provenance provenance =
                Provenance.now(
                        ForecastModel.TASK,
                        training.seed(),
                        source,
                        dataHash,
                        data.trainOrigins().length,
                        data.hasDev() ? data.split().rows(Part.DEV) : 0);
        new ModelBundle(
                        ForecastModel.TASK,
                        result.network(),
                        null,
                        optionsJson,
                        provenance,
                        metrics,
                        Map.of(ForecastModel.SPEC, model.specJson()))
                .save(training.out());
        LOG.info("saved {}", training.out());
        return new RecipeResult(training.out(), metrics, report.toString());
    }

    /**
     * Re-creates a saved model's split on a CSV and scores the test part with rolling origins.
     *
     * @param modelFile the bundle
     * @param data the CSV (the same columns as in training)
     * @param backtestStride steps between test origins, or {@code null} for the model's setting
     * @param plot where to write the plot of the last test window, or {@code null}
     * @return the metrics ({@code mse_standardized}, {@code mae_standardized}, {@code mse}, {@code
     *     mae}, {@code rmse}, {@code smape}, {@code mase}, and each with a baseline prefix such as
     *     {@code naive_}) and the report
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when {@code backtestStride < 1} or the test part has no
     *     window
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, Integer backtestStride, Path plot) throws IOException {
        ForecastModel model = ForecastModel.load(modelFile);
        return evaluate(model, model.spec().read(data), data.toString(), backtestStride, plot);
    }

    /**
     * Re-creates a model's split on a series already in memory and scores the test part with
     * rolling origins, as {@link #evaluate(Path, Path, Integer, Path)} does for a CSV.
     *
     * @param model the model
     * @param series the series, with the model's columns (others are ignored)
     * @param source what heads the report (a file name, or a description)
     * @param backtestStride steps between test origins, or {@code null} for the model's setting
     * @param plot where to write the plot of the last test window, or {@code null}
     * @return the metrics and the report
     * @throws IOException when the plot cannot be written
     * @throws IllegalArgumentException when a model column is missing, {@code backtestStride < 1}
     *     or the test part has no window
     */
    public static RecipeResult evaluate(
            ForecastModel model,
            TimeSeries series,
            String source,
            Integer backtestStride,
            Path plot)
            throws IOException {
        Spec spec = model.spec();
        series = ForecastData.select(series, spec.targets(), spec.covariates());
        TimeSplit split = ForecastData.split(spec.split(), spec.splitRows(), series.rows());
        int stride = backtestStride != null ? backtestStride : model.options().backtestStride();
        Recipes.require(
                stride >= 1, "backtestStride must be >= 1, received: backtestStride=" + stride);
        Prepared prepared = model.prepare(series, 0);
        ForecastBacktest test = ForecastBacktest.run(model, prepared, split, Part.TEST, stride);
        String report = source + "\n" + test.report();
        if (plot != null) {
            ForecastPlot.lastTestWindow(model, prepared, split, plot);
            report += "\nplot of the last test window: " + plot;
        }
        return new RecipeResult(null, test.metrics(), report);
    }

    /**
     * Forecasts the {@code horizon} steps after the end of a CSV with a saved model; see {@link
     * ForecastPrediction#of}.
     *
     * @param modelFile the bundle
     * @param data the history, with the model's columns
     * @return the forecast with time stamps (or step numbers when the series has no times)
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when the history is shorter than the lookback
     */
    public static ForecastPrediction predict(Path modelFile, Path data) throws IOException {
        return ForecastPrediction.of(ForecastModel.load(modelFile), data);
    }
}
