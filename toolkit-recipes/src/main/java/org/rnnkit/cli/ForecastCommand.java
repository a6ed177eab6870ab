package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnkit.api.Forecaster;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.forecast.ForecastDataGenerator;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.forecast.ForecastOptionsBuilder;
import org.rnnkit.recipes.forecast.ForecastPrediction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast train|eval|inspect|predict|generate}. */
@Command(
        name = "forecast",
        subcommands = {
            ForecastCommand.Train.class,
            ForecastCommand.Eval.class,
            ForecastInspectCommand.class,
            ForecastCommand.Predict.class,
            ForecastCommand.Generate.class
        })
final class ForecastCommand extends GroupCommand {

    /** {@code rnnkit forecast train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Mixin ForecastFlags forecast;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            refuse(
                    common.skipBadRows || common.maxLength != null || common.dev != null,
                    "forecast train does not take --skip-bad-rows, --max-length or --dev: use"
                            + " --fill for missing values, --lookback for the window and --split"
                            + " for the time-ordered dev part");
            ForecastOptions defaults = ForecastOptions.defaults();
            ForecastOptionsBuilder b = forecast.apply(defaults);
            refuse(
                    common.bidirectional,
                    "forecast train does not take --bidirectional: a forecaster reads the past"
                            + " only");
            ForecastOptions options = b.training(common.apply(defaults.training())).build();
            return Forecaster.builder().options(options).build().fitAndSave();
        }
    }

    /** {@code rnnkit forecast eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Option(names = "--backtest-stride", paramLabel = "S")
        Integer backtestStride;

        @Option(names = "--plot", paramLabel = "FILE.png")
        Path plot;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            CommandOutput.refuse(
                    spec,
                    a.skipBadRows,
                    "forecast eval does not take --skip-bad-rows: the model's --fill applies");
            return Forecaster.load(a.model).evaluate(a.data, backtestStride, plot);
        }
    }

    /** {@code rnnkit forecast predict}: the history comes from a file, not from arguments. */
    @Command(name = "predict")
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;

        @Option(names = "--data", required = true, paramLabel = "FILE.csv")
        Path data;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ForecastPrediction p = Forecaster.load(model.model).predict(data);
            PrintWriter out = spec.commandLine().getOut();
            out.println(p.header());
            p.lines().forEach(out::println);
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit forecast generate}. */
    @Command(name = "generate")
    static final class Generate extends GenerateCommand {
        @Option(names = "--rows", paramLabel = "N")
        int rows = ForecastDataGenerator.DEFAULT_ROWS;

        @Override
        String write() throws IOException {
            ForecastDataGenerator.write(out, rows, seed(ForecastDataGenerator.DEFAULT_SEED));
            return "wrote " + rows + " rows to " + out;
        }
    }
}
