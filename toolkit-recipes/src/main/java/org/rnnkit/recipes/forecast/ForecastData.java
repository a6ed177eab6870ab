package org.rnnkit.recipes.forecast;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.CalendarFeatures;
import org.rnnkit.data.ForecastWindows;
import org.rnnkit.data.Standardizer;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSeriesCsvReader;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.eval.ForecastBaseline;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;
import org.rnnkit.recipes.forecast.ForecastModel.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data stage of the forecaster: the CSV read with the chosen columns (targets first), the
 * season and calendar features, the split in time order, the normalizer fitted on the train part
 * only, the series in the model's space and the training windows, which lie entirely inside the
 * train part.
 *
 * @param spec the model's data settings, stored in the bundle
 * @param split the rows of the train, dev and test parts
 * @param prepared the series in the model's space
 * @param trainOrigins the origins of the training windows
 * @param hasDev whether the dev part holds a window (without one, training runs all epochs and
 *     keeps the last)
 */
record ForecastData(
        Spec spec, TimeSplit split, Prepared prepared, int[] trainOrigins, boolean hasDev) {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastData.class);

    /**
     * Fills in the embedded series' columns: without data and targets, forecast the load with the
     * temperature as covariate.
     *
     * @param options the requested settings
     * @return the settings the run uses (and the bundle records)
     */
    static ForecastOptions withEmbeddedColumns(ForecastOptions options) {
        ForecastColumns columns = options.columns();
        if (options.training().data() != null || !columns.targets().isEmpty()) {
            return options;
        }
        return options.withColumns(
                c ->
                        c.targets(List.of(ForecastDataGenerator.TARGET))
                                .covariates(
                                        columns.covariates().isEmpty()
                                                ? List.of(ForecastDataGenerator.COVARIATE)
                                                : columns.covariates()));
    }

    /**
     * Reads and prepares the series of a training run.
     *
     * @param options the settings, after {@link #withEmbeddedColumns}
     * @return the prepared data
     * @throws IOException when the CSV cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the CSV is malformed or a column unknown
     * @throws IllegalArgumentException when the train or test part has no window
     */
    static ForecastData read(ForecastOptions options) throws IOException {
        Path data = options.training().data();
        return of(
                options,
                readCsv(options.columns(), data != null ? data : ForecastDataGenerator.embedded()));
    }

    /**
     * Prepares a series already in memory (the read stage's other source): the same stages as
     * {@link #read} after reading the CSV.
     *
     * @param options the settings; {@code training().data()} is ignored
     * @param series the whole series, train, dev and test parts in time order
     * @return the prepared data
     * @throws IllegalArgumentException when a column is unknown, or the train or test part has no
     *     window
     */
    static ForecastData of(ForecastOptions options, TimeSeries series) {
        ForecastColumns columns = options.columns();
        List<String> targets = resolveTargets(columns, series);
        List<String> covariates = resolveCovariates(columns, series, targets);
        series = select(series, targets, covariates);
        int season = resolveSeason(options.season(), series);
        CalendarFeatures calendar =
                options.calendar()
                        ? CalendarFeatures.detect(series.step().orElse(null), season)
                        : CalendarFeatures.NONE;
        TimeSplit split = split(options.split(), options.splitRows(), series.rows());
        Standardizer standardizer =
                Standardizer.fit(
                        series.columns(),
                        Prepared.modelValues(series, targets, options.logTransform()),
                        0,
                        split.trainEnd());
        Spec spec =
                new Spec(
                        targets,
                        covariates,
                        columns.timeColumn(),
                        columns.fill(),
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
        int lookback = options.lookback();
        int horizon = options.horizon();
        int[] trainOrigins =
                ForecastWindows.origins(split, Part.TRAIN, lookback, horizon, options.stride());
        // fail before training when the test part cannot hold a window
        ForecastWindows.origins(split, Part.TEST, lookback, horizon, options.backtestStride());
        boolean hasDev = ForecastWindows.count(split, Part.DEV, lookback, horizon, 1) > 0;
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
        return new ForecastData(spec, split, prepared, trainOrigins, hasDev);
    }

    /**
     * Returns the split of a series: by row counts when given, else by ratios.
     *
     * @param ratios train/dev/test ratios, for example {@code 0.7,0.1,0.2}
     * @param rowCounts train/dev/test row counts, or {@code null}
     * @param rows the series' rows
     * @return the split
     * @throws IllegalArgumentException when the split does not fit the series
     */
    static TimeSplit split(String ratios, String rowCounts, int rows) {
        return rowCounts != null
                ? TimeSplit.parseRows(rowCounts, rows)
                : TimeSplit.parse(ratios, rows);
    }

    /**
     * Returns the training windows in shuffled batches (reshuffled each epoch, seeded).
     *
     * @param training the batch size and seed
     * @return the batches
     */
    BucketingIterator<Integer> batches(TrainingOptions training) {
        List<Integer> order = Arrays.stream(trainOrigins).boxed().toList();
        return new BucketingIterator<>(
                order,
                training.batchSize(),
                o -> spec.lookback(),
                ids -> prepared.batcher().batch(ids.stream().mapToInt(i -> i).toArray(), true),
                0,
                true,
                training.seed());
    }

    static TimeSeries readCsv(ForecastColumns columns, Path file) throws IOException {
        TimeSeriesCsvReader.Builder b = TimeSeriesCsvReader.builder().optFillMethod(columns.fill());
        if (columns.timeColumn() != null) {
            b.optTimeColumn(columns.timeColumn());
        }
        if (!columns.targets().isEmpty() && !columns.allOtherCovariates()) {
            List<String> read = new ArrayList<>(columns.targets());
            read.addAll(columns.covariates());
            b.optColumns(read);
        }
        return b.build().read(file);
    }

    private static List<String> resolveTargets(ForecastColumns columns, TimeSeries series) {
        if (!columns.targets().isEmpty()) {
            columns.targets().forEach(series::columnIndex);
            return columns.targets();
        }
        String last = series.columns().get(series.columns().size() - 1);
        LOG.info("no --target given: forecasting the last column, '{}'", last);
        return List.of(last);
    }

    private static List<String> resolveCovariates(
            ForecastColumns columns, TimeSeries series, List<String> targets) {
        if (columns.allOtherCovariates()) {
            return series.columns().stream().filter(name -> !targets.contains(name)).toList();
        }
        columns.covariates().forEach(series::columnIndex);
        return columns.covariates();
    }

    /** The series with only the given columns, targets first. */
    static TimeSeries select(TimeSeries series, List<String> targets, List<String> covariates) {
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
}
