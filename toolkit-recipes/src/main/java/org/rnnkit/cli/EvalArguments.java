package org.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every recipe's {@code eval} command (the CLI contract). */
final class EvalArguments {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "BUNDLE.zip",
            descriptionKey = "eval.model")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", descriptionKey = "eval.data")
    Path data;

    @Option(names = "--json", paramLabel = "METRICS.json", descriptionKey = "eval.json")
    Path json;

    @Option(names = "--skip-bad-rows", descriptionKey = "eval.skip-bad-rows")
    boolean skipBadRows;
}
