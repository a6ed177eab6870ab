package org.rnnkit.recipes;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Objects;
import org.rnnkit.data.DataFormat;
import org.rnnkit.model.CellType;
import org.rnnkit.model.RnnSpec;

/**
 * The training settings every recipe shares, declared once: each recipe's options hold one of these
 * beside the settings that are their own ({@code SentimentOptions.training()}, ...). Immutable and
 * validated on construction; {@link TrainingOptionsBuilder} (generated) builds and copies them, and
 * a recipe's {@code defaults()} supplies its own starting values.
 *
 * <p>Not every recipe reads every setting: a forecaster has no dev file (its dev part is a time
 * split), no length limit (its window is {@code lookback}) and reads the past only; a caption
 * decoder reads forward only. Those recipes refuse the settings they cannot honour.
 *
 * @param data training data (file or directory, format per recipe); {@code null} = the recipe's
 *     embedded, generated data set
 * @param dev dev data for model selection; {@code null} = a seeded split of the training data
 * @param out the model bundle to write; checkpoints, the metrics log and the loss plot go to the
 *     sibling {@link #runDirectory()}
 * @param epochs the most training epochs (early stopping may end sooner)
 * @param seed the seed of weight initialisation, batch order, dropout and the dev split
 * @param cell the recurrent cell
 * @param hiddenSize units per recurrent layer and direction
 * @param numLayers stacked recurrent layers
 * @param bidirectional run the recurrent layers in both directions (the encoder's, for
 *     encoder-decoder models)
 * @param dropout drop probability between recurrent layers and before the output, in [0, 1)
 * @param batchSize sequences per batch
 * @param maxLength steps kept per input sequence (sentiment: tokens per text, the end kept;
 *     translate: source tokens; caption: caption tokens; postag: unused, sentences are kept whole)
 * @param learningRate the optimizer's initial step size (Adam), {@code > 0}
 * @param patience epochs without dev improvement before training stops
 * @param resume continue from the last checkpoint of an interrupted run with the same data and
 *     options; the result equals the uninterrupted run's
 * @param smoke train one epoch of {@link Recipes#SMOKE_BATCHES} batches only (checks the pipeline)
 * @param skipBadRows count and skip malformed rows instead of failing on the first
 * @param progressBar draw a progress bar on standard error
 * @param spark train on Apache Spark; {@code null} = in this JVM (see {@link SparkOptions})
 * @param format the data files' shape (delimiter, header, columns, label map), saved in the bundle
 *     for {@code eval}; {@code null} = {@link DataFormat#DEFAULT}, rnnkit's own file shape
 */
@RecordBuilder
public record TrainingOptions(
        Path data,
        Path dev,
        Path out,
        int epochs,
        long seed,
        CellType cell,
        int hiddenSize,
        int numLayers,
        boolean bidirectional,
        double dropout,
        int batchSize,
        int maxLength,
        double learningRate,
        int patience,
        boolean resume,
        boolean smoke,
        boolean skipBadRows,
        boolean progressBar,
        SparkOptions spark,
        DataFormat format)
        implements TrainingOptionsBuilder.With {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range, what was expected and
     *     what was received
     * @throws NullPointerException when {@code out} or {@code cell} is null
     */
    public TrainingOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(cell, "cell");
        format = format == null ? DataFormat.DEFAULT : format;
        atLeastOne("epochs", epochs);
        atLeastOne("hiddenSize", hiddenSize);
        atLeastOne("numLayers", numLayers);
        atLeastOne("batchSize", batchSize);
        atLeastOne("maxLength", maxLength);
        atLeastOne("patience", patience);
        Recipes.require(
                dropout >= 0 && dropout < 1,
                "dropout must be in [0, 1), received: dropout=" + dropout);
        Recipes.require(
                learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be > 0, received: learningRate=" + learningRate);
    }

    private static void atLeastOne(String name, int value) {
        Recipes.require(value >= 1, name + " must be >= 1, received: " + name + "=" + value);
    }

    /**
     * Returns the settings a recipe starts from before its own changes: embedded data, a seeded dev
     * split, {@code <task>.zip}, 10 epochs, seed 42, one unidirectional LSTM layer of 128, no
     * dropout, batches of 64, 400 steps, Adam 2e-3, patience 2, no resume, smoke, skipping or
     * progress bar.
     *
     * @param task the recipe's name, which names the bundle ({@code <task>.zip})
     * @return the shared defaults
     */
    public static TrainingOptions defaults(String task) {
        return new TrainingOptions(
                null,
                null,
                Path.of(task + ".zip"),
                10,
                42,
                CellType.LSTM,
                128,
                1,
                false,
                0.0,
                64,
                400,
                2e-3,
                2,
                false,
                false,
                false,
                false,
                null,
                DataFormat.DEFAULT);
    }

    /**
     * Returns the recurrent stack these settings describe.
     *
     * @return cell, hidden size, layers, direction and dropout as an {@link RnnSpec}
     */
    public RnnSpec rnnSpec() {
        return new RnnSpec(cell, hiddenSize, numLayers, bidirectional, dropout);
    }

    /**
     * Returns the directory for checkpoints, the metrics log and the loss plot.
     *
     * @return {@code <out without .zip>-run/} beside the bundle
     */
    public Path runDirectory() {
        return Recipes.runDirectory(out);
    }
}
