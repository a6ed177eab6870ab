package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.rnnkit.exercises.Temperature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit exercise temperature}. */
@Command(name = "temperature")
final class TemperatureCommand extends FileExercise {
    @Option(names = "--model", paramLabel = "BUNDLE")
    Path model;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = Temperature.DEFAULT_PROMPT)
    String prompt;

    @Option(names = "--length", paramLabel = "N", defaultValue = "120")
    int length;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Override
    void run(PrintWriter out) throws IOException {
        Temperature.print(out, model, prompt, length, seed, directory());
    }
}
