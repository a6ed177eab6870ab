package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training flags every recipe's {@code train} accepts (the CLI contract), declared once as a
 * picocli mixin and mapped onto {@link TrainingOptions} by {@link #apply}. Fields are null (or
 * false) when not given, so each recipe's defaults stay in its options.
 */
final class TrainingFlags {

    @Option(names = "--data", paramLabel = "PATH", descriptionKey = "training.data")
    Path data;

    @Option(names = "--dev", paramLabel = "PATH", descriptionKey = "training.dev")
    Path dev;

    @Option(names = "--out", paramLabel = "BUNDLE.zip", descriptionKey = "training.out")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", descriptionKey = "training.epochs")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", descriptionKey = "training.seed")
    Long seed;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", descriptionKey = "training.cell")
    String cell;

    @Option(names = "--hidden", paramLabel = "H", descriptionKey = "training.hidden")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", descriptionKey = "training.layers")
    Integer layers;

    @Option(names = "--bidirectional", descriptionKey = "training.bidirectional")
    boolean bidirectional;

    @Option(names = "--dropout", paramLabel = "P", descriptionKey = "training.dropout")
    Double dropout;

    @Option(names = "--batch-size", paramLabel = "B", descriptionKey = "training.batch-size")
    Integer batchSize;

    @Option(names = "--max-length", paramLabel = "T", descriptionKey = "training.max-length")
    Integer maxLength;

    @Option(names = "--lr", paramLabel = "X", descriptionKey = "training.lr")
    Double learningRate;

    @Option(names = "--patience", paramLabel = "N", descriptionKey = "training.patience")
    Integer patience;

    @Option(names = "--resume", descriptionKey = "training.resume")
    boolean resume;

    @Option(names = "--smoke", descriptionKey = "training.smoke")
    boolean smoke;

    @Option(names = "--skip-bad-rows", descriptionKey = "training.skip-bad-rows")
    boolean skipBadRows;

    @Option(names = "--no-progress", descriptionKey = "training.no-progress")
    boolean noProgress;

    @Mixin TableFlags table;

    @Mixin SparkFlags spark;

    /**
     * Returns the recipe's training defaults with the given flags applied. The progress bar is
     * drawn unless {@code --no-progress} is given or there is no console.
     *
     * @param defaults the recipe's training defaults
     * @return the training settings
     * @throws IllegalArgumentException when a value is out of range or the cell is unknown
     */
    TrainingOptions apply(TrainingOptions defaults) {
        return apply(defaults, UnaryOperator.identity());
    }

    /**
     * Returns the recipe's training defaults with the given flags and the recipe's column flags
     * applied (the data format: table flags first, then the columns).
     *
     * @param defaults the recipe's training defaults
     * @param columns the recipe's column flags, applied to the data format
     * @return the training settings
     * @throws IllegalArgumentException when a value is out of range or the cell is unknown
     */
    TrainingOptions apply(TrainingOptions defaults, UnaryOperator<DataFormat> columns) {
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
        b.format(columns.apply(table.apply(defaults.format())));
        b.spark(spark.apply(defaults.spark()));
        return b.resume(resume)
                .smoke(smoke)
                .skipBadRows(skipBadRows)
                .progressBar(!noProgress && System.console() != null)
                .build();
    }
}
