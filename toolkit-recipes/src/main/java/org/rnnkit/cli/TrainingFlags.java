package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.nio.file.Path;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The training flags every recipe's {@code train} accepts (the CLI contract), declared once as a
 * picocli mixin and mapped onto {@link TrainingOptions} by {@link #apply}. Fields are null (or
 * false) when not given, so each recipe's defaults stay in its options.
 */
final class TrainingFlags {

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
            names = "--patience",
            paramLabel = "N",
            description = "Epochs without dev improvement before stopping.")
    Integer patience;

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

    /**
     * Returns the recipe's training defaults with the given flags applied. The progress bar is
     * drawn unless {@code --no-progress} is given or there is no console.
     *
     * @param defaults the recipe's training defaults
     * @return the training settings
     * @throws IllegalArgumentException when a value is out of range or the cell is unknown
     */
    TrainingOptions apply(TrainingOptions defaults) {
        TrainingOptionsBuilder b = TrainingOptionsBuilder.builder(defaults);
        set(data, b::data);
        set(dev, b::dev);
        set(out, b::out);
        set(epochs, b::epochs);
        set(seed, b::seed);
        set(cell == null ? null : CellType.parse(cell), b::cell);
        set(hidden, b::hiddenSize);
        set(layers, b::numLayers);
        set(dropout, b::dropout);
        set(batchSize, b::batchSize);
        set(maxLength, b::maxLength);
        set(learningRate, b::learningRate);
        set(patience, b::patience);
        if (bidirectional) {
            b.bidirectional(true);
        }
        return b.resume(resume)
                .smoke(smoke)
                .skipBadRows(skipBadRows)
                .progressBar(!noProgress && System.console() != null)
                .build();
    }

    /**
     * Refuses flags a recipe cannot honour, as a usage error (exit status 2).
     *
     * @param spec the command, named in the error
     * @param given whether any of the refused flags was given
     * @param message what was refused and what to use instead
     * @throws CommandLine.ParameterException when {@code given}
     */
    static void refuse(CommandSpec spec, boolean given, String message) {
        if (given) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
