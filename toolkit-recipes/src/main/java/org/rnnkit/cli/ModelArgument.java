package org.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} option of every recipe's {@code predict} command (the CLI contract). */
final class ModelArgument {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "BUNDLE.zip",
            descriptionKey = "model.model")
    Path model;
}
