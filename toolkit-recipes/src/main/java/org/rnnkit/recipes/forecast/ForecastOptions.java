package org.rnnkit.recipes.forecast;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the forecasting recipe: the shared {@link TrainingOptions}, the {@link
 * ForecastColumns} read from the CSV, and its own. Immutable; validated on construction; {@link
 * ForecastOptionsBuilder} (generated) builds them, and the {@code withX} methods copy them with one
 * change, for example {@code defaults().withTraining(t -> t.epochs(5)).withHorizon(48)}.
 *
 * @param training the shared settings; {@code data} is a CSV with a header ({@code null}: the
 *     embedded series); {@code dev} and {@code bidirectional} are refused (the dev part is a time
 *     split, a forecaster reads the past only), {@code maxLength} and {@code skipBadRows} unused
 * @param columns the time column, targets and covariates, and the missing-value policy
 * @param lookback input steps per window
 * @param horizon forecast steps per window
 * @param stride steps between consecutive training windows
 * @param split train/dev/test ratios in time order, used when {@code splitRows} is null
 * @param splitRows train/dev/test row counts, for example {@code 8640,2880,2880} (ETT), or null
 * @param topology direct multi-output or encoder-decoder
 * @param lrDecay the learning rate's factor per epoch
 * @param season the season length of seasonal naive and MASE; 0: from the time step, 1: none
 * @param backtestStride steps between the origins of the test part's rolling-origin backtest
 * @param calendar add calendar features (hour, weekday, month or season phase) to the inputs
 * @param relativeInputs feed each input column as its difference to the window's first row
 * @param autoregressive add a linear autoregressive component over the window (LSTNet's highway)
 * @param reference the simple forecast the network corrects: naive, seasonal or seasonal growth
 * @param logTransform model the logarithm of the targets (positive, multiplicative seasonality)
 */
@RecordBuilder
public record ForecastOptions(
        TrainingOptions training,
        ForecastColumns columns,
        int lookback,
        int horizon,
        int stride,
        String split,
        String splitRows,
        Topology topology,
        double lrDecay,
        int season,
        int backtestStride,
        boolean calendar,
        boolean relativeInputs,
        boolean autoregressive,
        Reference reference,
        boolean logTransform)
        implements RecipeOptions, ForecastOptionsBuilder.With {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range or refused
     * @throws NullPointerException when a required setting is null
     */
    public ForecastOptions {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(reference, "reference");
        Recipes.require(
                training.dev() == null,
                "training.dev must be null (the dev part is a time split), received: "
                        + training.dev());
        Recipes.require(
                !training.bidirectional(),
                "training.bidirectional must be false: a forecaster reads the past only");
        Recipes.atLeast("lookback", lookback, 1);
        Recipes.atLeast("horizon", horizon, 1);
        Recipes.atLeast("stride", stride, 1);
        Recipes.atLeast("season", season, 0);
        Recipes.atLeast("backtestStride", backtestStride, 1);
        Recipes.require(
                lrDecay > 0 && lrDecay <= 1,
                "lrDecay must be in (0, 1], received: lrDecay=" + lrDecay);
    }

    /**
     * Returns the defaults: the last column forecast 24 steps ahead from 96 steps of history
     * (inputs relative to the window's first row, no calendar features), one LSTM of 64 units plus
     * a linear autoregressive component in the direct topology, batches of 64, at most 40 epochs
     * with patience 6, Adam 1e-3 decaying by 0.95 per epoch, split 70/10/20 in time order.
     *
     * @return the defaults
     */
    public static ForecastOptions defaults() {
        return new ForecastOptions(
                TrainingOptions.defaults(ForecastModel.TASK)
                        .with(t -> t.epochs(40).hiddenSize(64).learningRate(1e-3).patience(6)),
                ForecastColumns.defaults(),
                96,
                24,
                1,
                "0.7,0.1,0.2",
                null,
                Topology.DIRECT,
                0.95,
                0,
                1,
                false,
                true,
                true,
                Reference.NAIVE,
                false);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static ForecastOptionsBuilder builder() {
        return ForecastOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public ForecastOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }

    /**
     * Returns a copy with the columns changed.
     *
     * @param change edits a builder of the current columns
     * @return the copy
     */
    public ForecastOptions withColumns(Consumer<ForecastColumnsBuilder> change) {
        return withColumns(columns.with(change));
    }
}
