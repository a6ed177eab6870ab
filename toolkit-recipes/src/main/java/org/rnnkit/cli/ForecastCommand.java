package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.CellType;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastDataGenerator;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import org.rnnkit.recipes.forecast.ForecastRecipe.Prediction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast train|eval|predict|generate}. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = "Time-series forecasting: the next H steps from the last L (multi-step).",
        subcommands = {
            ForecastCommand.Train.class,
            ForecastCommand.Eval.class,
            ForecastCommand.Predict.class,
            ForecastCommand.Generate.class
        })
final class ForecastCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }

    /** {@code rnnkit forecast train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a forecaster on a CSV with a header and save it as a bundle.",
                "Rows are split in time order into train/dev/test; the normalizer is fitted on the"
                        + " train part only; training windows never see a dev or test value.",
                "Without --data the embedded generated hourly series is used.",
                "Prints the dev and test scores beside the naive, seasonal naive, drift and mean"
                        + " forecasts."
            })
    static final class Train implements Callable<Integer> {
        @Mixin TrainArguments common;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
                description =
                        "All steps from the last state, or an encoder-decoder (default direct).")
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

        @Option(
                names = "--lr-decay",
                paramLabel = "F",
                description = "Learning-rate factor per epoch.")
        Double lrDecay;

        @Option(
                names = "--patience",
                paramLabel = "N",
                description = "Epochs without dev improvement before stopping.")
        Integer patience;

        @Override
        public Integer call() throws IOException {
            TrainArguments a = common;
            if (a.skipBadRows || a.maxLength != null || a.dev != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "forecast train does not take --skip-bad-rows, --max-length or --dev: use"
                                + " --fill for missing values, --lookback for the window and --split"
                                + " for the time-ordered dev part");
            }
            ForecastOptions.Builder b = ForecastOptions.builder();
            set(a.data, b::data);
            set(a.out, b::out);
            set(a.epochs, b::epochs);
            set(a.seed, b::seed);
            set(a.cell == null ? null : CellType.parse(a.cell), b::cell);
            set(a.hidden, b::hiddenSize);
            set(a.layers, b::numLayers);
            set(a.dropout, b::dropout);
            set(a.batchSize, b::batchSize);
            set(a.learningRate, b::learningRate);
            set(lrDecay, b::lrDecay);
            set(patience, b::patience);
            set(targets, b::targets);
            set(covariates, b::covariates);
            set(fill == null ? null : parseFill(fill), b::fill);
            set(lookback, b::lookback);
            set(horizon, b::horizon);
            set(stride, b::stride);
            set(split, b::split);
            set(topology == null ? null : Topology.parse(topology), b::topology);
            set(season, b::season);
            set(reference == null ? null : Reference.parse(reference), b::reference);
            set(backtestStride, b::backtestStride);
            if (a.bidirectional) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "forecast train does not take --bidirectional: a forecaster reads the past"
                                + " only");
            }
            b.timeColumn(timeColumn)
                    .splitRows(splitRows)
                    .calendar(calendar)
                    .logTransform(log)
                    .relativeInputs(!absoluteInputs)
                    .autoregressive(!noAutoregressive)
                    .resume(a.resume)
                    .smoke(a.smoke)
                    .progressBar(!a.noProgress && System.console() != null);
            RecipeResult result = ForecastRecipe.train(b.build());
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.report());
            out.println("saved " + result.bundle());
            out.flush();
            return 0;
        }
    }

    static FillMethod parseFill(String name) {
        try {
            return FillMethod.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "fill must be one of [none, forward, interpolate], received: fill=" + name);
        }
    }

    /** {@code rnnkit forecast eval}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Re-create the model's split on a CSV and score its test part (rolling origin).",
                "JSON keys: mse_standardized, mae_standardized, mse, mae, rmse, smape, mase, and the"
                        + " same with the prefixes naive_, seasonal_naive_, drift_, mean_."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin EvalArguments arguments;

        @Option(
                names = "--backtest-stride",
                paramLabel = "S",
                description = "Steps between test origins (default: the model's).")
        Integer backtestStride;

        @Option(
                names = "--plot",
                paramLabel = "FILE.png",
                description = "Write history, forecast and truth of the last test window.")
        Path plot;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (arguments.skipBadRows) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "forecast eval does not take --skip-bad-rows: the model's --fill applies");
            }
            RecipeResult result =
                    ForecastRecipe.evaluate(arguments.model, arguments.data, backtestStride, plot);
            CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code rnnkit forecast predict}. */
    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = {
                "Forecast the steps after the end of a CSV (same columns as in training).",
                "The model reads the history step by step with its stored recurrent state and prints"
                        + " one line per forecast step: time (or step number) and value(s)."
            })
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;

        @Option(
                names = "--data",
                required = true,
                paramLabel = "FILE.csv",
                description = "The history.")
        Path data;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Prediction p = ForecastRecipe.predict(model.model, data);
            PrintWriter out = spec.commandLine().getOut();
            out.println(p.header());
            for (String line : p.lines()) {
                out.println(line);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit forecast generate}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Write the generated hourly series (time,load,temperature) as CSV.")
    static final class Generate implements Callable<Integer> {
        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE.csv",
                description = "File to write.")
        Path out;

        @Option(
                names = "--rows",
                paramLabel = "N",
                description = "Hours (default: ${DEFAULT-VALUE}).")
        int rows = ForecastDataGenerator.DEFAULT_ROWS;

        @Option(
                names = "--seed",
                paramLabel = "S",
                description = "Seed (default: the embedded data's, ${DEFAULT-VALUE}).")
        long seed = ForecastDataGenerator.DEFAULT_SEED;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ForecastDataGenerator.write(out, rows, seed);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d rows to %s%n", rows, out);
            return 0;
        }
    }
}
