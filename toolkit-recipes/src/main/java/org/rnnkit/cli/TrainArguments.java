package org.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * TEMPORARY during the redesign: the old flags class, deleted once every command uses
 * TrainingFlags.
 */
final class TrainArguments {

    @Option(
            names = "--data",
            paramLabel = "PATH",
            description = "Training data; default: the embedded data set.")
    Path data;

    @Option(
            names = "--dev",
            paramLabel = "PATH",
            description =
                    "Dev data for model selection; default: a seeded split of the training data.")
    Path dev;

    @Option(
            names = "--out",
            paramLabel = "BUNDLE.zip",
            description = "Model bundle to write (default: <task>.zip in the current directory).")
    Path out;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Maximum epochs (early stopping may end sooner).")
    Integer epochs;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Random seed (weights, batching, dropout, dev split).")
    Long seed;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", description = "Recurrent cell.")
    String cell;

    @Option(
            names = "--hidden",
            paramLabel = "H",
            description = "Units per recurrent layer and direction.")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "Stacked recurrent layers.")
    Integer layers;

    @Option(names = "--bidirectional", description = "Run recurrent layers in both directions.")
    boolean bidirectional;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout probability in [0, 1).")
    Double dropout;

    @Option(names = "--batch-size", paramLabel = "B", description = "Sequences per batch.")
    Integer batchSize;

    @Option(names = "--max-length", paramLabel = "T", description = "Steps kept per sequence.")
    Integer maxLength;

    @Option(names = "--lr", paramLabel = "X", description = "Initial learning rate (Adam).")
    Double learningRate;

    @Option(
            names = "--resume",
            description = "Continue from the last checkpoint of an interrupted run.")
    boolean resume;

    @Option(names = "--smoke", description = "Train one epoch of two batches only (for tests).")
    boolean smoke;

    @Option(
            names = "--skip-bad-rows",
            description = "Count and skip malformed rows instead of failing.")
    boolean skipBadRows;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;
}
