package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.forecast.ForecastPrediction;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast predict}. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Forecast the steps after the end of a CSV (same columns as in training).",
            "The model reads the history step by step with its stored recurrent state and prints"
                    + " one line per forecast step: time (or step number) and value(s)."
        })
final class ForecastPredictCommand implements Callable<Integer> {
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
        ForecastPrediction p = ForecastRecipe.predict(model.model, data);
        PrintWriter out = spec.commandLine().getOut();
        out.println(p.header());
        for (String line : p.lines()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
