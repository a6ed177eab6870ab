package org.rnnkit.recipes.forecast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.CalendarFeatures;
import org.rnnkit.data.ForecastWindows;
import org.rnnkit.data.Standardizer;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSeriesCsvReader;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.eval.ForecastBaseline;
import org.rnnkit.eval.ForecastMetrics;
import org.rnnkit.model.ForecasterBuilder;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
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
 * <p><b>Run.</b> {@code rnnkit forecast train --data ETTh1.csv --target OT --split-rows
 * 8640,2880,2880 --horizon 24}; benchmark numbers in docs/BENCHMARKS.md.
 */
public final class ForecastRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastRecipe.class);

    private ForecastRecipe() {}

    /**
     * Trains a forecaster, scores it on the dev and test parts and saves the bundle.
     *
     * @param options the settings
     * @return the bundle path, dev and test metrics ({@code test_mse_standardized}, ...) and the
     *     report
     * @throws IOException when a file cannot be read or written
     * @throws org.rnnkit.data.MalformedDataException when the CSV is malformed
     * @throws IllegalArgumentException when a column is unknown or a part has no window
     */
    public static RecipeResult train(ForecastOptions requested) throws IOException {
        ForecastOptions options = withEmbeddedDefaults(requested);
        Path data = options.data() != null ? options.data() : ForecastDataGenerator.embedded();
        TimeSeries series = read(options, data);
        List<String> targets = resolveTargets(options, series);
        List<String> covariates = resolveCovariates(options, series, targets);
        series = select(series, targets, covariates);
        int season = resolveSeason(options.season(), series);
        CalendarFeatures calendar =
                options.calendar()
                        ? CalendarFeatures.detect(series.step().orElse(null), season)
                        : CalendarFeatures.NONE;
        TimeSplit split =
                options.splitRows() != null
                        ? TimeSplit.parseRows(options.splitRows(), series.rows())
                        : TimeSplit.parse(options.split(), series.rows());
        List<String> columns = new ArrayList<>(targets);
        columns.addAll(covariates);
        Standardizer standardizer =
                Standardizer.fit(
                        columns,
                        Prepared.modelValues(series, targets, options.logTransform()),
                        0,
                        split.trainEnd());
        Spec spec =
                new Spec(
                        targets,
                        covariates,
                        options.timeColumn(),
                        options.fill(),
                        options.lookback(),
                        options.horizon(),
                        options.topology(),
                        calendar,
                        season,
                        options.logTransform(),
                        options.relativeInputs(),
                        options.autoregressive(),
                        options.reference(),
                        standardizer,
                        options.split(),
                        options.splitRows());
        Prepared prepared = Prepared.of(series, spec, 0);
        int[] trainOrigins =
                ForecastWindows.origins(
                        split, Part.TRAIN, options.lookback(), options.horizon(), options.stride());
        // fail before training when the test part cannot hold a window
        ForecastWindows.origins(
                split, Part.TEST, options.lookback(), options.horizon(), options.backtestStride());
        boolean hasDev =
                ForecastWindows.count(split, Part.DEV, options.lookback(), options.horizon(), 1)
                        > 0;
        LOG.info(
                "data: {} rows, targets {}, covariates {}, calendar {}, season {}; split {}/{}/{}"
                        + " rows; {} training windows{}",
                series.rows(),
                targets,
                covariates,
                calendar,
                season,
                split.rows(Part.TRAIN),
                split.rows(Part.DEV),
                split.rows(Part.TEST),
                trainOrigins.length,
                hasDev ? "" : "; no dev window: training runs all epochs and keeps the last");

        OptimizerSpec optimizer =
                new OptimizerSpec(
                        options.learningRate(),
                        options.lrDecay(),
                        OptimizerSpec.defaults().clipNorm());
        ComputationGraph network =
                ForecasterBuilder.builder()
                        .setInputSize(prepared.batcher().inputSize())
                        .setHorizon(options.horizon())
                        .optNumTargets(targets.size())
                        .optFutureSize(prepared.batcher().futureSize())
                        .optTopology(options.topology())
                        .optAutoregressive(options.autoregressive() ? options.lookback() : 0)
                        .optRnn(
                                new RnnSpec(
                                        options.cell(),
                                        options.hiddenSize(),
                                        options.numLayers(),
                                        false,
                                        options.dropout()))
                        .optOptimizer(optimizer)
                        .optSeed(options.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());

        List<Integer> order = new ArrayList<>(trainOrigins.length);
        for (int o : trainOrigins) {
            order.add(o);
        }
        BucketingIterator<Integer> batches =
                new BucketingIterator<>(
                        order,
                        options.batchSize(),
                        o -> options.lookback(),
                        ids ->
                                prepared.batcher()
                                        .batch(
                                                ids.stream().mapToInt(Integer::intValue).toArray(),
                                                true),
                        0,
                        true,
                        options.seed());
        DevMetric devMetric = devMetric(prepared, split, spec, hasDev);
        ObjectNode optionsJson = ModelBundle.json().valueToTree(options);
        String dataHash = Recipes.dataHash(options.data());
        Trainer trainer =
                Recipes.trainerBuilder(
                                options.smoke(),
                                options.epochs(),
                                hasDev ? options.patience() : options.epochs(),
                                options.seed(),
                                options.runDirectory(),
                                options.resume(),
                                options.progressBar(),
                                dataHash + "|" + Fingerprints.ofOptions(optionsJson),
                                optimizer)
                        .build();
        TrainingResult result = trainer.fit(network, batches, devMetric);

        ForecastModel model = new ForecastModel(result.network(), spec, null);
        Map<String, Double> metrics = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        if (hasDev) {
            Evaluation dev = evaluate(model, prepared, split, Part.DEV, 1);
            dev.metrics().forEach((k, v) -> metrics.put("dev_" + k, v));
            report.append(dev.report()).append('\n');
        }
        Evaluation test = evaluate(model, prepared, split, Part.TEST, options.backtestStride());
        test.metrics().forEach((k, v) -> metrics.put("test_" + k, v));
        report.append(test.report());
        Recipes.putTrainingMetrics(metrics, result);
        Path plot = options.runDirectory().resolve("forecast.png");
        plot(model, prepared, split, plot);
        report.append("\nplot of the last test window: ").append(plot);

        Provenance provenance =
                Provenance.now(
                        ForecastModel.TASK,
                        options.seed(),
                        options.data() == null ? "embedded" : options.data().toString(),
                        dataHash,
                        trainOrigins.length,
                        hasDev ? split.rows(Part.DEV) : 0);
        new ModelBundle(
                        ForecastModel.TASK,
                        result.network(),
                        null,
                        optionsJson,
                        provenance,
                        metrics,
                        Map.of(ForecastModel.SPEC, model.specJson()))
                .save(options.out());
        LOG.info("saved {}", options.out());
        return new RecipeResult(options.out(), metrics, report.toString());
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
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, Integer backtestStride, Path plot) throws IOException {
        ForecastModel model = ForecastModel.load(modelFile);
        Spec spec = model.spec();
        TimeSeries series = spec.read(data);
        TimeSplit split =
                spec.splitRows() != null
                        ? TimeSplit.parseRows(spec.splitRows(), series.rows())
                        : TimeSplit.parse(spec.split(), series.rows());
        int stride =
                backtestStride != null
                        ? backtestStride
                        : model.bundle().options().path("backtestStride").asInt(1);
        if (stride < 1) {
            throw new IllegalArgumentException(
                    "backtestStride must be >= 1, received: backtestStride=" + stride);
        }
        Prepared prepared = model.prepare(series, 0);
        Evaluation test = evaluate(model, prepared, split, Part.TEST, stride);
        String report = data + "\n" + test.report();
        if (plot != null) {
            plot(model, prepared, split, plot);
            report += "\nplot of the last test window: " + plot;
        }
        return new RecipeResult(null, test.metrics(), report);
    }

    /**
     * The forecast after the end of a series.
     *
     * @param header the column line ({@code time} and the targets)
     * @param times the time stamp (or step number) of each forecast step
     * @param values {@code [step][target]} in original units
     */
    public record Prediction(String header, List<String> times, double[][] values) {

        /**
         * Formats one line per step: time and values, comma-separated.
         *
         * @return the lines
         */
        public List<String> lines() {
            List<String> out = new ArrayList<>(times.size());
            for (int k = 0; k < times.size(); k++) {
                StringBuilder line = new StringBuilder(times.get(k));
                for (double v : values[k]) {
                    line.append(',').append(String.format(Locale.ROOT, "%.6g", v));
                }
                out.add(line.toString());
            }
            return out;
        }
    }

    /**
     * Forecasts the {@code horizon} steps after the end of a CSV. The network reads the last {@code
     * lookback} rows with its stored recurrent state: all but the last row at once, then the last
     * one as a single step (as new observations would arrive).
     *
     * @param modelFile the bundle
     * @param data the history, with the model's columns
     * @return the forecast with time stamps (or step numbers when the series has no times)
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when the history is shorter than the lookback
     */
    public static Prediction predict(Path modelFile, Path data) throws IOException {
        ForecastModel model = ForecastModel.load(modelFile);
        Spec spec = model.spec();
        TimeSeries series = spec.read(data);
        int n = series.rows();
        if (n < spec.lookback()) {
            throw new IllegalArgumentException(
                    "the model reads "
                            + spec.lookback()
                            + " rows of history, "
                            + data
                            + " has "
                            + n);
        }
        Prepared prepared = model.prepare(series, spec.horizon());
        ForecastModel.Stream stream = model.stream(prepared);
        if (spec.lookback() > 1) {
            stream.observe(n - spec.lookback(), n - 1);
        }
        stream.observe(n - 1, n);
        double[][] values = stream.forecast();
        List<String> times = new ArrayList<>();
        boolean hasTimes = series.times().isPresent();
        DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
        for (int k = 1; k <= spec.horizon(); k++) {
            times.add(hasTimes ? format.format(series.nextTime(k)) : "+" + k);
        }
        String header = series.timeColumn().orElse("step") + "," + String.join(",", spec.targets());
        return new Prediction(header, times, values);
    }

    /** The embedded series: forecast the load, with the temperature as covariate. */
    private static ForecastOptions withEmbeddedDefaults(ForecastOptions options) {
        if (options.data() != null || !options.targets().isEmpty()) {
            return options;
        }
        return options.toBuilder()
                .targets(List.of(ForecastDataGenerator.TARGET))
                .covariates(
                        options.covariates().isEmpty()
                                ? List.of(ForecastDataGenerator.COVARIATE)
                                : options.covariates())
                .build();
    }

    private static TimeSeries read(ForecastOptions options, Path data) throws IOException {
        TimeSeriesCsvReader.Builder b = TimeSeriesCsvReader.builder().optFillMethod(options.fill());
        if (options.timeColumn() != null) {
            b.optTimeColumn(options.timeColumn());
        }
        boolean allColumns =
                options.targets().isEmpty()
                        || options.covariates().size() == 1
                                && options.covariates().get(0).equalsIgnoreCase("all");
        if (!allColumns) {
            List<String> columns = new ArrayList<>(options.targets());
            columns.addAll(options.covariates());
            b.optColumns(columns);
        }
        return b.build().read(data);
    }

    private static List<String> resolveTargets(ForecastOptions options, TimeSeries series) {
        if (!options.targets().isEmpty()) {
            for (String t : options.targets()) {
                series.columnIndex(t);
            }
            return options.targets();
        }
        List<String> columns = series.columns();
        String last = columns.get(columns.size() - 1);
        LOG.info("no --target given: forecasting the last column, '{}'", last);
        return List.of(last);
    }

    private static List<String> resolveCovariates(
            ForecastOptions options, TimeSeries series, List<String> targets) {
        List<String> c = options.covariates();
        if (c.size() == 1 && c.get(0).equalsIgnoreCase("all")) {
            return series.columns().stream().filter(name -> !targets.contains(name)).toList();
        }
        for (String name : c) {
            series.columnIndex(name);
        }
        return c;
    }

    /** The series with only the given columns, targets first. */
    private static TimeSeries select(
            TimeSeries series, List<String> targets, List<String> covariates) {
        List<String> columns = new ArrayList<>(targets);
        columns.addAll(covariates);
        if (columns.equals(series.columns())) {
            return series;
        }
        double[][] values = new double[series.rows()][columns.size()];
        int[] index = columns.stream().mapToInt(series::columnIndex).toArray();
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < index.length; c++) {
                values[r][c] = series.value(r, index[c]);
            }
        }
        return new TimeSeries(
                columns,
                values,
                series.times().map(t -> t.toArray(new LocalDateTime[0])).orElse(null),
                series.timeColumn().orElse(null),
                series.filledValues());
    }

    private static int resolveSeason(int requested, TimeSeries series) {
        if (requested > 0) {
            return requested;
        }
        Duration step = series.step().orElse(null);
        int detected = step == null ? 0 : ForecastBaseline.detectSeason(step);
        if (detected == 0) {
            LOG.warn(
                    "could not detect the season from the time step {}; seasonal baselines are"
                            + " skipped and MASE uses the naive scale (set --season)",
                    step);
            return 1;
        }
        LOG.info("season: {} steps (from the time step {})", detected, step);
        return detected;
    }

    /** Dev MSE on the standardized (model) scale, negated; without dev windows, the epoch count. */
    private static DevMetric devMetric(
            Prepared prepared, TimeSplit split, Spec spec, boolean hasDev) {
        if (!hasDev) {
            int[] epochs = {0};
            return DevMetric.of("epoch", net -> ++epochs[0]);
        }
        int[] origins =
                ForecastWindows.origins(split, Part.DEV, spec.lookback(), spec.horizon(), 1);
        return DevMetric.of(
                "dev_mse_negated",
                net -> {
                    double[][][] z =
                            new ForecastModel(net, spec, null)
                                    .forecastStandardized(prepared, origins);
                    double sum = 0;
                    long count = 0;
                    for (int i = 0; i < origins.length; i++) {
                        for (int k = 0; k < spec.horizon(); k++) {
                            for (int j = 0; j < spec.targets().size(); j++) {
                                double e = z[i][k][j] - prepared.values()[origins[i] + k][j];
                                sum += e * e;
                                count++;
                            }
                        }
                    }
                    return -sum / count;
                });
    }

    private record Evaluation(Map<String, Double> metrics, String report) {}

    /** The baselines that apply to a series with the given season and training values. */
    private static List<ForecastBaseline> baselines(int season, boolean positive) {
        List<ForecastBaseline> out = new ArrayList<>();
        for (ForecastBaseline b : ForecastBaseline.values()) {
            boolean seasonal =
                    b == ForecastBaseline.SEASONAL_NAIVE || b == ForecastBaseline.SEASONAL_GROWTH;
            if (seasonal && season <= 1) {
                continue;
            }
            if (b == ForecastBaseline.SEASONAL_GROWTH && !positive) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    private static Evaluation evaluate(
            ForecastModel model, Prepared prepared, TimeSplit split, Part part, int stride) {
        Spec spec = model.spec();
        int h = spec.horizon();
        int n = spec.targets().size();
        int[] origins = ForecastWindows.origins(split, part, spec.lookback(), h, stride);
        double[][][] forecast = model.forecast(prepared, origins);
        int season = spec.season();
        // Per target: original values, train mean/std (for the standardized scores), MASE scale.
        double[][] y = new double[n][];
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] scale = new double[n];
        boolean positive = true;
        for (int j = 0; j < n; j++) {
            y[j] = prepared.original(j);
            double[] train = java.util.Arrays.copyOf(y[j], split.trainEnd());
            Standardizer s = Standardizer.fit(List.of("y"), column(train), 0, train.length);
            mean[j] = s.mean()[0];
            std[j] = s.std()[0];
            scale[j] =
                    train.length > Math.max(1, season)
                            ? ForecastMetrics.seasonalNaiveScale(train, Math.max(1, season))
                            : Double.NaN;
            for (double v : train) {
                positive &= v > 0;
            }
        }
        List<ForecastBaseline> baselines = baselines(season, positive);
        Scores modelScores = new Scores(n, h, scale, std);
        Map<ForecastBaseline, Scores> baselineScores = new EnumMap<>(ForecastBaseline.class);
        for (ForecastBaseline b : baselines) {
            baselineScores.put(b, new Scores(n, h, scale, std));
        }
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            for (int j = 0; j < n; j++) {
                double[] truth = java.util.Arrays.copyOfRange(y[j], o, o + h);
                double[] f = new double[h];
                for (int k = 0; k < h; k++) {
                    f[k] = forecast[i][k][j];
                }
                modelScores.add(j, f, truth, mean[j]);
                double[] history = java.util.Arrays.copyOf(y[j], o);
                for (ForecastBaseline b : baselines) {
                    baselineScores
                            .get(b)
                            .add(j, b.forecast(history, h, Math.max(1, season)), truth, mean[j]);
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(modelScores.toMetrics(""));
        metrics.put("windows", (double) origins.length);
        for (ForecastBaseline b : baselines) {
            metrics.putAll(baselineScores.get(b).toMetrics(b.key() + "_"));
        }
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "%s part: rows %d-%d, %d windows (origins every %d step%s), lookback %d,"
                                + " horizon %d, season %d%n",
                        part.name().toLowerCase(Locale.ROOT),
                        split.start(part),
                        split.end(part) - 1,
                        origins.length,
                        stride,
                        stride == 1 ? "" : "s",
                        spec.lookback(),
                        h,
                        season));
        report.append(
                String.format(
                        Locale.ROOT,
                        "%-26s %10s %10s %11s %11s %11s %8s %7s%n",
                        "forecast",
                        "MSE (std)",
                        "MAE (std)",
                        "MSE",
                        "MAE",
                        "RMSE",
                        "sMAPE %",
                        "MASE"));
        String name = spec.topology() == Topology.DIRECT ? "RNN (direct)" : "RNN (encoder-decoder)";
        report.append(modelScores.row(name));
        for (ForecastBaseline b : baselines) {
            report.append(baselineScores.get(b).row(b.displayName()));
        }
        report.append(perStepTable(modelScores, baselineScores, h));
        return new Evaluation(metrics, report.toString());
    }

    private static double[][] column(double[] values) {
        double[][] out = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            out[i][0] = values[i];
        }
        return out;
    }

    private static String perStepTable(
            Scores model, Map<ForecastBaseline, Scores> baselines, int h) {
        if (h == 1) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nRMSE per horizon step\n");
        out.append(String.format(Locale.ROOT, "%6s %12s", "step", "RNN"));
        for (ForecastBaseline b : baselines.keySet()) {
            out.append(String.format(Locale.ROOT, " %12s", b.key()));
        }
        out.append('\n');
        for (int step : reportedSteps(h)) {
            out.append(String.format(Locale.ROOT, "%6d %12.5g", step, model.rmse(step - 1)));
            for (Scores s : baselines.values()) {
                out.append(String.format(Locale.ROOT, " %12.5g", s.rmse(step - 1)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every step up to 12, then a roughly geometric selection ending at the horizon. */
    static List<Integer> reportedSteps(int h) {
        List<Integer> steps = new ArrayList<>();
        for (int k = 1; k <= Math.min(h, 12); k++) {
            steps.add(k);
        }
        for (int k = 24; k < h; k *= 2) {
            steps.add(k);
        }
        if (h > 12) {
            steps.add(h);
        }
        return steps;
    }

    /** Scores of one forecaster over all targets: original units and standardized. */
    private static final class Scores {
        private final ForecastMetrics[] original;
        private final ForecastMetrics[] standardized;
        private final double[] std;

        Scores(int targets, int horizon, double[] scale, double[] std) {
            this.original = new ForecastMetrics[targets];
            this.standardized = new ForecastMetrics[targets];
            this.std = std;
            for (int j = 0; j < targets; j++) {
                original[j] = new ForecastMetrics(horizon, scale[j]);
                standardized[j] = new ForecastMetrics(horizon, scale[j] / std[j]);
            }
        }

        void add(int target, double[] forecast, double[] truth, double mean) {
            original[target].add(forecast, truth);
            double[] fz = new double[forecast.length];
            double[] tz = new double[truth.length];
            for (int k = 0; k < fz.length; k++) {
                fz[k] = (forecast[k] - mean) / std[target];
                tz[k] = (truth[k] - mean) / std[target];
            }
            standardized[target].add(fz, tz);
        }

        double rmse(int step) {
            double sum = 0;
            for (ForecastMetrics m : original) {
                sum += m.rmse(step);
            }
            return sum / original.length;
        }

        /** Averages over targets (one target: its own values). */
        Map<String, Double> toMetrics(String prefix) {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put(prefix + "mse_standardized", average(standardized, "mse"));
            out.put(prefix + "mae_standardized", average(standardized, "mae"));
            for (String key : List.of("mse", "mae", "rmse", "smape", "mase")) {
                out.put(prefix + key, average(original, key));
            }
            return out;
        }

        String row(String name) {
            return String.format(
                    Locale.ROOT,
                    "%-26s %10.5f %10.5f %11.5g %11.5g %11.5g %8.3f %7.4f%n",
                    name,
                    average(standardized, "mse"),
                    average(standardized, "mae"),
                    average(original, "mse"),
                    average(original, "mae"),
                    average(original, "rmse"),
                    average(original, "smape"),
                    average(original, "mase"));
        }

        private static double average(ForecastMetrics[] metrics, String key) {
            double sum = 0;
            for (ForecastMetrics m : metrics) {
                sum += m.toMetrics("").get(key);
            }
            return sum / metrics.length;
        }
    }

    private static void plot(ForecastModel model, Prepared prepared, TimeSplit split, Path file)
            throws IOException {
        Spec spec = model.spec();
        int h = spec.horizon();
        int origin = split.end(Part.TEST) - h;
        double[][] forecast = model.forecast(prepared, new int[] {origin})[0];
        double[] y = prepared.original(0);
        int from = Math.max(0, origin - Math.max(spec.lookback(), 2 * h));
        double[] historyX = new double[origin - from];
        double[] historyY = new double[origin - from];
        for (int r = from; r < origin; r++) {
            historyX[r - from] = r;
            historyY[r - from] = y[r];
        }
        double[] futureX = new double[h];
        double[] truth = new double[h];
        double[] predicted = new double[h];
        for (int k = 0; k < h; k++) {
            futureX[k] = origin + k;
            truth[k] = y[origin + k];
            predicted[k] = forecast[k][0];
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(1000)
                        .height(500)
                        .title("Last test window: " + spec.targets().get(0))
                        .xAxisTitle("row")
                        .yAxisTitle(spec.targets().get(0))
                        .build();
        chart.addSeries("history", historyX, historyY).setMarker(SeriesMarkers.NONE);
        chart.addSeries("truth", futureX, truth).setMarker(SeriesMarkers.NONE);
        chart.addSeries("forecast", futureX, predicted).setMarker(SeriesMarkers.NONE);
        AtomicFiles.write(
                file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
