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

    @Option(names = "--time-column", paramLabel = "NAME", descriptionKey = "forecast.time-column")
    String timeColumn;

    @Option(
            names = "--target",
            split = ",",
            paramLabel = "NAME",
            descriptionKey = "forecast.target")
    List<String> targets;

    @Option(
            names = "--covariates",
            split = ",",
            paramLabel = "NAME",
            descriptionKey = "forecast.covariates")
    List<String> covariates;

    @Option(
            names = "--fill",
            paramLabel = "none|forward|interpolate",
            descriptionKey = "forecast.fill")
    String fill;

    @Option(names = "--lookback", paramLabel = "L", descriptionKey = "forecast.lookback")
    Integer lookback;

    @Option(names = "--horizon", paramLabel = "H", descriptionKey = "forecast.horizon")
    Integer horizon;

    @Option(names = "--stride", paramLabel = "S", descriptionKey = "forecast.stride")
    Integer stride;

    @Option(names = "--split", paramLabel = "TRAIN,DEV,TEST", descriptionKey = "forecast.split")
    String split;

    @Option(
            names = "--split-rows",
            paramLabel = "TRAIN,DEV,TEST",
            descriptionKey = "forecast.split-rows")
    String splitRows;

    @Option(
            names = "--topology",
            paramLabel = "direct|seq2seq",
            descriptionKey = "forecast.topology")
    String topology;

    @Option(names = "--season", paramLabel = "M", descriptionKey = "forecast.season")
    Integer season;

    @Option(
            names = "--backtest-stride",
            paramLabel = "S",
            descriptionKey = "forecast.backtest-stride")
    Integer backtestStride;

    @Option(names = "--calendar", descriptionKey = "forecast.calendar")
    boolean calendar;

    @Option(names = "--absolute-inputs", descriptionKey = "forecast.absolute-inputs")
    boolean absoluteInputs;

    @Option(names = "--no-autoregressive", descriptionKey = "forecast.no-autoregressive")
    boolean noAutoregressive;

    @Option(
            names = "--reference",
            paramLabel = "naive|seasonal|seasonal-growth",
            descriptionKey = "forecast.reference")
    String reference;

    @Option(names = "--log", descriptionKey = "forecast.log")
    boolean log;

    @Option(names = "--lr-decay", paramLabel = "F", descriptionKey = "forecast.lr-decay")
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

    /**
     * Parses a {@code --fill} value, case-insensitively.
     *
     * @param name {@code none}, {@code forward} or {@code interpolate}
     * @return the fill method
     * @throws IllegalArgumentException naming {@code fill} for any other value
     */
    static FillMethod parseFill(String name) {
        try {
            return FillMethod.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "fill must be one of [none, forward, interpolate], received: fill=" + name);
        }
    }
}
