package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.forecast.ForecastDataGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit forecast generate}. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write the generated hourly series (time,load,temperature) as CSV.")
final class ForecastGenerateCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.csv",
            description = "File to write.")
    Path out;

    @Option(names = "--rows", paramLabel = "N", description = "Hours (default: ${DEFAULT-VALUE}).")
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
