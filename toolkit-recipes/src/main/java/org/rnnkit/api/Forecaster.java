package org.rnnkit.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastModel;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.forecast.ForecastPrediction;
import org.rnnkit.recipes.forecast.ForecastRecipe;

/**
 * Multi-step time-series forecasting in a few lines: a recurrent forecaster trained, backtested
 * against naive baselines and saved by the same code as {@code rnnkit forecast train}.
 *
 * <pre>{@code
 * Forecaster forecaster = Forecaster.builder().lookback(48).horizon(12).epochs(10).build();
 * forecaster.fit(values);                          // or fit(Path.of("series.csv")), fit(TimeSeries)
 * double[] next = forecaster.predict(values);      // the 12 steps after the end of values
 * forecaster.save(Path.of("forecast.zip"));        // rnnkit forecast predict reads it
 * Forecaster again = Forecaster.load(Path.of("forecast.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link ForecastRecipe}: the series is split in time order
 * into train, dev and test parts ({@code split}, 70/10/20 by default), the normalizer is fitted on
 * the train part, early stopping watches the dev windows, and the test part is backtested beside
 * the naive, seasonal naive, drift and mean forecasts; {@code fit} returns that report (the one the
 * command line prints). The dev part is a time split, so there is no separate dev argument.
 * Checkpoints, the metrics log and the plot go to a temporary directory that is deleted afterwards;
 * use {@link ForecastRecipe#train(ForecastOptions)} for resumable runs that keep them.
 *
 * <p><b>Data.</b> A univariate series as a {@code double[]} (one value per step, no time stamps), a
 * multivariate {@link TimeSeries} (targets and covariates by column name), or a CSV with a header
 * read through the DataVec {@code TimeSeriesCsvReader}. Without {@code targets}, the last column is
 * forecast.
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class Forecaster extends RecipeTask<ForecastOptions, ForecastModel> {

    /** The column name a {@code double[]} series gets. */
    public static final String VALUE_COLUMN = "value";

    private Forecaster(ForecastOptions options, ForecastModel model) {
        super(
                options,
                model,
                "forecaster",
                new Recipe<>(ForecastRecipe::train, ForecastModel::load));
    }

    /**
     * Starts a builder from the recipe's defaults ({@link ForecastOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a forecaster saved by {@link #save(Path)} or by {@code rnnkit forecast train}.
     *
     * @param file the bundle
     * @return a fitted forecaster with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static Forecaster load(Path file) throws IOException {
        ForecastModel loaded = ForecastModel.load(file);
        return new Forecaster(loaded.options(), loaded);
    }

    /**
     * Trains on a univariate series (column {@value #VALUE_COLUMN}, no time stamps). Replaces any
     * earlier model.
     *
     * @param values one value per step, in time order
     * @return dev and test metrics ({@code test_mse_standardized}, {@code test_naive_mse}, ...) and
     *     the backtest report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when a value is not finite (naming its index) or a part of
     *     the split has no window of {@code lookback + horizon} steps
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(double[] values) throws IOException {
        return fit(series(values, VALUE_COLUMN));
    }

    /**
     * Trains on a series in memory. Replaces any earlier model.
     *
     * @param series the whole series in time order, with the target (and covariate) columns
     * @return dev and test metrics and the backtest report; its bundle is {@code null} until {@link
     *     #save(Path)}
     * @throws IllegalArgumentException when a column is unknown or a part of the split has no
     *     window
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(TimeSeries series) throws IOException {
        Objects.requireNonNull(series, "series");
        try (TemporaryRun run = new TemporaryRun(ForecastModel.TASK)) {
            ForecastOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(ForecastRecipe.train(runOptions, series), run);
        }
    }

    /**
     * Trains on a CSV: exactly {@code rnnkit forecast train --data FILE}.
     *
     * @param data a CSV with a header: a time column and numeric columns
     * @return dev and test metrics and the backtest report; its bundle is {@code null} until {@link
     *     #save(Path)}
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the CSV is malformed or a column unknown
     */
    public RecipeResult fit(Path data) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(ForecastModel.TASK)) {
            ForecastOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data));
            return finish(ForecastRecipe.train(fileOptions), run);
        }
    }

    /**
     * Forecasts the {@code horizon} steps after a univariate history.
     *
     * @param history at least {@code lookback} values, in time order
     * @return the forecast, {@code horizon} values in the series' units
     * @throws IllegalArgumentException when the model forecasts several targets or reads
     *     covariates, a value is not finite (naming its index), or the history is shorter than the
     *     lookback
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public double[] predict(double[] history) {
        ForecastModel fitted = fitted();
        List<String> targets = fitted.spec().targets();
        if (targets.size() != 1 || !fitted.spec().covariates().isEmpty()) {
            throw new IllegalArgumentException(
                    "predict(double[]) needs a model of one target and no covariates; this one"
                            + " has targets "
                            + targets
                            + " and covariates "
                            + fitted.spec().covariates()
                            + ": use predict(TimeSeries)");
        }
        double[][] steps = ForecastPrediction.of(fitted, series(history, targets.get(0))).values();
        double[] out = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            out[k] = steps[k][0];
        }
        return out;
    }

    /**
     * Forecasts the {@code horizon} steps after a history in memory.
     *
     * @param history at least {@code lookback} rows with the model's columns (others are ignored)
     * @return the forecast, {@code [step][target]} in original units, with time stamps (or step
     *     numbers)
     * @throws IllegalArgumentException when a model column is missing or the history is shorter
     *     than the lookback
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public ForecastPrediction predict(TimeSeries history) {
        Objects.requireNonNull(history, "history");
        return ForecastPrediction.of(fitted(), history);
    }

    /**
     * Forecasts the {@code horizon} steps after the end of a CSV: exactly {@code rnnkit forecast
     * predict --data FILE}.
     *
     * @param history the CSV, with the model's columns
     * @return the forecast with time stamps (or step numbers)
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the history is shorter than the lookback
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public ForecastPrediction predict(Path history) throws IOException {
        ForecastModel fitted = fitted();
        return ForecastPrediction.of(fitted, history);
    }

    /**
     * Re-creates the model's split on a univariate series and backtests its test part beside the
     * baselines.
     *
     * @param values one value per step, in time order
     * @return the metrics ({@code mse_standardized}, {@code mae}, ..., each baseline's with its
     *     prefix) and the report
     * @throws IllegalArgumentException when the model does not forecast one target without
     *     covariates, a value is not finite, or the test part has no window
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(double[] values) {
        ForecastModel fitted = fitted();
        return evaluate(series(values, fitted.spec().targets().get(0)));
    }

    /**
     * Re-creates the model's split on a series in memory and backtests its test part beside the
     * baselines: the report {@code rnnkit forecast eval} prints.
     *
     * @param series the series, with the model's columns
     * @return the metrics and the report
     * @throws IllegalArgumentException when a model column is missing or the test part has no
     *     window
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(TimeSeries series) {
        Objects.requireNonNull(series, "series");
        try {
            return ForecastRecipe.evaluate(
                    fitted(), series, "series (" + series.rows() + " rows)", null, null);
        } catch (IOException e) {
            // only the plot writes a file, and none is asked for
            throw new IllegalStateException("unexpected I/O without a plot", e);
        }
    }

    /**
     * Re-creates the model's split on a CSV and backtests its test part: exactly {@code rnnkit
     * forecast eval --data FILE}.
     *
     * @param data the CSV, with the model's columns
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(data, null, null);
    }

    /**
     * Backtests on a CSV with another stride, optionally plotting the last test window: {@code
     * rnnkit forecast eval --data FILE --backtest-stride S --plot FILE.png}.
     *
     * @param data the CSV, with the model's columns
     * @param backtestStride the steps between backtest windows, or {@code null} for the options'
     * @param plot the PNG to draw the last test window into, or {@code null} for none
     * @return the metrics and the report
     * @throws IOException when the file cannot be read or the plot not written
     * @throws IllegalArgumentException when the stride is below 1
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data, Integer backtestStride, Path plot) throws IOException {
        ForecastModel fitted = fitted();
        return ForecastRecipe.evaluate(
                fitted, fitted.spec().read(data), data.toString(), backtestStride, plot);
    }

    /**
     * Saves the model as one bundle (network, data settings and normalizer, options, provenance,
     * metrics), written atomically.
     *
     * @param file the zip to write; {@code rnnkit forecast predict --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TemporaryRun.save(fitted().bundle(), file);
    }

    private static TimeSeries series(double[] values, String column) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty, received: 0 values");
        }
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        "value " + i + " is " + values[i] + "; every value must be finite");
            }
            rows[i] = new double[] {values[i]};
        }
        return new TimeSeries(List.of(column), rows, null, null, 0);
    }

    /**
     * Settings of a {@link Forecaster}: the shared training settings (see {@link TrainingBuilder};
     * {@code maxLength} and {@code bidirectional} do not apply) plus the forecaster's own. Starts
     * from {@link ForecastOptions#defaults()}.
     */
    public static final class Builder extends TrainingBuilder<ForecastOptions, Builder> {

        private Builder() {
            super(ForecastOptions.defaults(), ForecastOptions::withTraining);
        }

        /**
         * Sets the input steps per window (the history the network reads).
         *
         * @param lookback at least 1; 96 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code lookback < 1}
         */
        public Builder lookback(int lookback) {
            return options(options().withLookback(lookback));
        }

        /**
         * Sets the forecast steps per window.
         *
         * @param horizon at least 1; 24 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code horizon < 1}
         */
        public Builder horizon(int horizon) {
            return options(options().withHorizon(horizon));
        }

        /**
         * Sets the forecast columns of a multivariate series.
         *
         * @param targets column names; none: the last column
         * @return this builder
         * @throws NullPointerException when a name is null
         */
        public Builder targets(String... targets) {
            List<String> names = List.of(targets);
            return options(options().withColumns(c -> c.targets(names)));
        }

        /**
         * Sets the extra input columns of a multivariate series (known up to the forecast origin).
         *
         * @param covariates column names
         * @return this builder
         * @throws NullPointerException when a name is null
         */
        public Builder covariates(String... covariates) {
            List<String> names = List.of(covariates);
            return options(options().withColumns(c -> c.covariates(names)));
        }

        /**
         * Sets the train/dev/test ratios of the split in time order.
         *
         * @param split three ratios, for example {@code "0.7,0.1,0.2"} (the default)
         * @return this builder
         * @throws NullPointerException when {@code split} is null
         */
        public Builder split(String split) {
            return options(options().withSplit(split));
        }

        /**
         * Sets the season length of the seasonal baselines and MASE.
         *
         * @param season 0: from the time step (the default), 1: none, else the steps per season
         * @return this builder
         * @throws IllegalArgumentException when {@code season < 0}
         */
        public Builder season(int season) {
            return options(options().withSeason(season));
        }

        /**
         * Builds the forecaster, not yet fitted.
         *
         * @return a forecaster with these settings
         */
        public Forecaster build() {
            return new Forecaster(options(), null);
        }
    }
}
