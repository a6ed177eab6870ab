package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.util.List;
import java.util.Locale;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.recipes.forecast.ForecastColumnsBuilder;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.forecast.ForecastOptionsBuilder;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rnnkit forecast train} beside the shared {@link TrainingFlags}, declared as a
 * picocli mixin and mapped onto {@link ForecastOptions} by {@link #apply}. Fields are null (or
 * false) when not given, so the defaults stay in {@link ForecastOptions#defaults()}.
 */
final class ForecastFlags {

    @Option(
            names = "--time-column",
            paramLabel = "NAME",
            description = "Time column (default: the first column).")
    String timeColumn;

    @Option(
            names = "--target",
            split = ",",
            paramLabel = "NAME",
            description = "Column(s) to forecast (default: the last column).")
    List<String> targets;

    @Option(
            names = "--covariates",
            split = ",",
            paramLabel = "NAME",
            description = "Extra input columns, or 'all' for every other column.")
    List<String> covariates;

    @Option(
            names = "--fill",
            paramLabel = "none|forward|interpolate",
            description = "Missing values: error (default), forward fill or interpolate.")
    String fill;

    @Option(names = "--lookback", paramLabel = "L", description = "Input steps (default 96).")
    Integer lookback;

    @Option(names = "--horizon", paramLabel = "H", description = "Forecast steps (default 24).")
    Integer horizon;

    @Option(
            names = "--stride",
            paramLabel = "S",
            description = "Steps between training windows (default 1).")
    Integer stride;

    @Option(
            names = "--split",
            paramLabel = "TRAIN,DEV,TEST",
            description = "Ratios in time order (default 0.7,0.1,0.2).")
    String split;

    @Option(
            names = "--split-rows",
            paramLabel = "TRAIN,DEV,TEST",
            description = "Row counts in time order, e.g. 8640,2880,2880 (overrides --split).")
    String splitRows;

    @Option(
            names = "--topology",
            paramLabel = "direct|seq2seq",
            description = "All steps from the last state, or an encoder-decoder (default direct).")
    String topology;

    @Option(
            names = "--season",
            paramLabel = "M",
            description =
                    "Season length in steps for seasonal naive and MASE (default: from the time"
                            + " step, 24 hourly, 7 daily, 12 monthly).")
    Integer season;

    @Option(
            names = "--backtest-stride",
            paramLabel = "S",
            description = "Steps between test origins (default 1: every test step).")
    Integer backtestStride;

    @Option(
            names = "--calendar",
            description =
                    "Add calendar features (hour and weekday, weekday and day of year, or month)"
                            + " to the inputs.")
    boolean calendar;

    @Option(
            names = "--absolute-inputs",
            description = "Feed input levels instead of differences to the window's first row.")
    boolean absoluteInputs;

    @Option(
            names = "--no-autoregressive",
            description = "Leave out the linear autoregressive component (RNN only).")
    boolean noAutoregressive;

    @Option(
            names = "--reference",
            paramLabel = "naive|seasonal|seasonal-growth",
            description =
                    "The simple forecast the network learns to correct (default naive; the"
                            + " seasonal ones need --lookback > --season).")
    String reference;

    @Option(names = "--log", description = "Model the logarithm of the (positive) targets.")
    boolean log;

    @Option(names = "--lr-decay", paramLabel = "F", description = "Learning-rate factor per epoch.")
    Double lrDecay;

    /**
     * Returns a builder of the recipe's defaults with the given flags set.
     *
     * @param defaults the recipe's defaults
     * @return the builder (its {@code training} still the defaults')
     * @throws IllegalArgumentException when {@code --fill}, {@code --topology} or {@code
     *     --reference} names no known value, or a column is both a target and a covariate
     */
    ForecastOptionsBuilder apply(ForecastOptions defaults) {
        ForecastColumnsBuilder c = ForecastColumnsBuilder.builder(defaults.columns());
        set(timeColumn, c::timeColumn);
        set(targets, c::targets);
        set(covariates, c::covariates);
        set(fill == null ? null : parseFill(fill), c::fill);
        ForecastOptionsBuilder b = ForecastOptionsBuilder.builder(defaults);
        set(lookback, b::lookback);
        set(horizon, b::horizon);
        set(stride, b::stride);
        set(split, b::split);
        set(splitRows, b::splitRows);
        set(topology == null ? null : Topology.parse(topology), b::topology);
        set(season, b::season);
        set(backtestStride, b::backtestStride);
        set(reference == null ? null : Reference.parse(reference), b::reference);
        set(lrDecay, b::lrDecay);
        return b.columns(c.build())
                .calendar(calendar)
                .relativeInputs(!absoluteInputs)
                .autoregressive(!noAutoregressive)
                .logTransform(log);
    }

    private static FillMethod parseFill(String name) {
        try {
            return FillMethod.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "fill must be one of [none, forward, interpolate], received: fill=" + name);
        }
    }
}
