package org.rnnkit.api;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.rnnkit.data.DataFormat;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * The settings every task's builder shares: the recipe's {@link TrainingOptions}, named as in the
 * options record (one spelling per concept). Each setter copies the immutable options with one
 * change and validates it at once, so a bad value fails at the line that set it ("hiddenSize must
 * be >= 1, received: hiddenSize=0").
 *
 * <p>The settings a recipe does not honour (a forecaster has no {@code maxLength}) are refused by
 * that recipe's options, with a message naming the setting.
 *
 * @param <O> the task's options record
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class TrainingBuilder<O extends RecipeOptions, B extends TrainingBuilder<O, B>> {

    private final BiFunction<O, Consumer<TrainingOptionsBuilder>, O> withTraining;
    private O options;

    /**
     * Starts from a recipe's defaults, with the progress bar on when the program runs in a console.
     *
     * @param defaults the recipe's defaults
     * @param withTraining the record's copy with changed training settings, e.g. {@code
     *     SentimentOptions::withTraining}
     */
    TrainingBuilder(O defaults, BiFunction<O, Consumer<TrainingOptionsBuilder>, O> withTraining) {
        this.withTraining = Objects.requireNonNull(withTraining, "withTraining");
        this.options =
                withTraining.apply(
                        Objects.requireNonNull(defaults, "defaults"),
                        t -> t.progressBar(System.console() != null));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Returns the options built so far.
     *
     * @return the current, validated options
     */
    public O options() {
        return options;
    }

    /**
     * Replaces all settings at once (for settings without a setter here).
     *
     * @param options the task's options record, for example {@code SentimentOptions.defaults()
     *     .withMinCount(1)}
     * @return this builder
     * @throws NullPointerException when {@code options} is null
     */
    public B options(O options) {
        this.options = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Changes the shared training settings through their generated builder.
     *
     * @param change edits a builder of the current training settings
     * @return this builder
     * @throws IllegalArgumentException when the changed settings are out of range
     */
    public B training(Consumer<TrainingOptionsBuilder> change) {
        Objects.requireNonNull(change, "change");
        options = withTraining.apply(options, change);
        return self();
    }

    /**
     * Sets the most training epochs; early stopping on the dev metric may end sooner.
     *
     * @param epochs at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code epochs < 1}
     */
    public B epochs(int epochs) {
        return training(t -> t.epochs(epochs));
    }

    /**
     * Sets the epochs without dev improvement before training stops (early stopping).
     *
     * @param patience at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code patience < 1}
     */
    public B patience(int patience) {
        return training(t -> t.patience(patience));
    }

    /**
     * Sets the seed of weight initialisation, batch order, dropout and the dev split.
     *
     * @param seed any value; the same seed and data give the same model
     * @return this builder
     */
    public B seed(long seed) {
        return training(t -> t.seed(seed));
    }

    /**
     * Sets the recurrent cell.
     *
     * @param cell LSTM, GRU or SIMPLE
     * @return this builder
     * @throws NullPointerException when {@code cell} is null
     */
    public B cell(CellType cell) {
        return training(t -> t.cell(cell));
    }

    /**
     * Sets the units per recurrent layer and direction.
     *
     * @param hiddenSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code hiddenSize < 1}
     */
    public B hiddenSize(int hiddenSize) {
        return training(t -> t.hiddenSize(hiddenSize));
    }

    /**
     * Sets the number of stacked recurrent layers.
     *
     * @param numLayers at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code numLayers < 1}
     */
    public B numLayers(int numLayers) {
        return training(t -> t.numLayers(numLayers));
    }

    /**
     * Runs the recurrent layers in both directions (the encoder's, for encoder-decoder models).
     *
     * @param bidirectional whether to read the input backwards too
     * @return this builder
     */
    public B bidirectional(boolean bidirectional) {
        return training(t -> t.bidirectional(bidirectional));
    }

    /**
     * Sets the drop probability between recurrent layers and before the output.
     *
     * @param dropout in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException when {@code dropout} is outside [0, 1)
     */
    public B dropout(double dropout) {
        return training(t -> t.dropout(dropout));
    }

    /**
     * Sets the sequences per batch.
     *
     * @param batchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code batchSize < 1}
     */
    public B batchSize(int batchSize) {
        return training(t -> t.batchSize(batchSize));
    }

    /**
     * Sets the steps kept per input sequence (tokens per text, source tokens, caption tokens).
     *
     * @param maxLength at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code maxLength < 1}
     */
    public B maxLength(int maxLength) {
        return training(t -> t.maxLength(maxLength));
    }

    /**
     * Sets the optimizer's initial step size (Adam).
     *
     * @param learningRate {@code > 0} and finite
     * @return this builder
     * @throws IllegalArgumentException when {@code learningRate} is not positive and finite
     */
    public B learningRate(double learningRate) {
        return training(t -> t.learningRate(learningRate));
    }

    /**
     * Shows or hides the training progress bar on standard error (per-epoch INFO log lines are
     * written either way). The default shows it when the program runs in a console.
     *
     * @param progressBar whether to draw it
     * @return this builder
     */
    public B progressBar(boolean progressBar) {
        return training(t -> t.progressBar(progressBar));
    }

    /**
     * Sets the shape of the data files {@code fit(Path)} and {@code evaluate(Path)} read:
     * delimiter, header, which columns hold what, label map. Saved with the model, so evaluation
     * reads files of the same shape. Default: {@link DataFormat#DEFAULT}, rnnkit's own file shape.
     *
     * @param format the shape
     * @return this builder
     */
    public B format(DataFormat format) {
        return training(t -> t.format(format));
    }

    /**
     * Counts and skips malformed rows of data files instead of failing on the first.
     *
     * @param skipBadRows whether to skip them
     * @return this builder
     */
    public B skipBadRows(boolean skipBadRows) {
        return training(t -> t.skipBadRows(skipBadRows));
    }

    /**
     * Sets where {@code fitAndSave()} writes the bundle; its checkpoints, metrics log and loss plot
     * go to a directory beside it ({@code --out}). {@code fit} ignores it and trains in a temporary
     * directory.
     *
     * @param out the bundle file
     * @return this builder
     * @throws NullPointerException when {@code out} is null
     */
    public B out(Path out) {
        Objects.requireNonNull(out, "out");
        return training(t -> t.out(out));
    }

    /**
     * Makes {@code fitAndSave()} continue from the last checkpoint beside {@code out} when one of
     * the same settings and data exists ({@code --resume}).
     *
     * @param resume whether to resume
     * @return this builder
     */
    public B resume(boolean resume) {
        return training(t -> t.resume(resume));
    }
}
