package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The shape of every recipe's {@code generate}: write the recipe's generated data set (the embedded
 * one by default) to {@code --out}. A recipe supplies its size option and {@link #write}.
 */
abstract class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "PATH", descriptionKey = "generate.out")
    Path out;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "generate.seed")
    Long seed;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Returns the seed to generate with.
     *
     * @param embedded the seed of the embedded data set
     * @return {@code --seed}, or {@code embedded}
     */
    long seed(long embedded) {
        return seed == null ? embedded : seed;
    }

    /**
     * Writes the generated data.
     *
     * @return what was written, for standard output, or an empty string
     * @throws IOException when the file cannot be written
     */
    abstract String write() throws IOException;

    @Override
    public Integer call() throws IOException {
        String message = write();
        if (!message.isEmpty()) {
            spec.commandLine().getOut().println(message);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
