package org.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every recipe's {@code eval} command (the CLI contract). */
final class EvalArguments {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "BUNDLE.zip",
            description = "Model bundle.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Labelled data.")
    Path data;

    @Option(
            names = "--json",
            paramLabel = "METRICS.json",
            description = "Also write the metrics as JSON.")
    Path json;

    @Option(
            names = "--skip-bad-rows",
            description = "Count and skip malformed rows instead of failing.")
    boolean skipBadRows;
}
