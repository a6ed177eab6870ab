package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.forecast.ForecastOptionsBuilder;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rnnkit forecast train|eval|predict|generate}. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = "Time-series forecasting: the next H steps from the last L (multi-step).",
        subcommands = {
            ForecastCommand.Train.class,
            ForecastEvalCommand.class,
            ForecastPredictCommand.class,
            ForecastGenerateCommand.class
        })
final class ForecastCommand extends GroupCommand {

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
        @Mixin TrainingFlags common;

        @Mixin ForecastFlags forecast;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TrainingFlags.refuse(
                    spec,
                    common.skipBadRows || common.maxLength != null || common.dev != null,
                    "forecast train does not take --skip-bad-rows, --max-length or --dev: use"
                            + " --fill for missing values, --lookback for the window and --split"
                            + " for the time-ordered dev part");
            ForecastOptions defaults = ForecastOptions.defaults();
            ForecastOptionsBuilder b = forecast.apply(defaults);
            TrainingFlags.refuse(
                    spec,
                    common.bidirectional,
                    "forecast train does not take --bidirectional: a forecaster reads the past"
                            + " only");
            RecipeResult result =
                    ForecastRecipe.train(b.training(common.apply(defaults.training())).build());
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.report());
            out.println("saved " + result.bundle());
            out.flush();
            return 0;
        }
    }
}
