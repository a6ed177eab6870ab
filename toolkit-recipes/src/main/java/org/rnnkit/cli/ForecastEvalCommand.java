package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast eval}. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Re-create the model's split on a CSV and score its test part (rolling origin).",
            "JSON keys: mse_standardized, mae_standardized, mse, mae, rmse, smape, mase, and the"
                    + " same with the prefixes naive_, seasonal_naive_, drift_, mean_."
        })
final class ForecastEvalCommand implements Callable<Integer> {
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
        TrainingFlags.refuse(
                spec,
                arguments.skipBadRows,
                "forecast eval does not take --skip-bad-rows: the model's --fill applies");
        RecipeResult result =
                ForecastRecipe.evaluate(arguments.model, arguments.data, backtestStride, plot);
        CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
        return 0;
    }
}
