package org.rnnkit.recipes.translate;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the translation recipe: the shared {@link TrainingOptions} plus its own. Immutable;
 * validated on construction. {@link TranslateOptionsBuilder} (generated) builds them, and the
 * {@code withX} methods copy them with one change:
 *
 * <pre>{@code
 * TranslateOptions options = TranslateOptions.defaults()
 *         .withTraining(t -> t.data(Path.of("fra.txt")).maxLength(25))
 *         .withMaxTargetLength(30);
 * }</pre>
 *
 * @param training the shared settings; {@code data} is parallel text {@code source<TAB>target}
 *     ({@code null}: the embedded generated dates), {@code dev} dev pairs ({@code null}: a seeded
 *     split by source sentence), {@code maxLength} the source tokens kept, {@code bidirectional}
 *     the encoder's direction, {@code numLayers} the depth of encoder and decoder
 * @param reverse swap the columns (translate target to source)
 * @param sharedVocabulary one vocabulary for both sides
 * @param splitElisions split French elisions off their word ({@code l'homme} -> {@code l'} {@code
 *     homme}, see {@link org.rnnkit.text.Elisions}) on both sides, joined back in the output;
 *     bundles saved before the setting existed read as {@code false}
 * @param attention attend over the encoder outputs (false: the context-vector model)
 * @param embeddingSize token embedding width
 * @param minCount fewest occurrences for a token to get its own id
 * @param maxVocabulary most ids per vocabulary (reserved ids included)
 * @param maxTargetLength target tokens kept (EOS included); also the decoding limit
 * @param lrDecay the learning rate's factor per epoch
 * @param labelSmoothing the share {@code eps} of each target token's probability spread evenly over
 *     the target vocabulary in training, in [0, 1); 0 trains on the references as they are
 * @param weightAveraging per-batch decay of an exponential moving average of the weights, evaluated
 *     beside the trained weights after every epoch (the better one can become the model), in [0,
 *     1); 0 turns averaging off
 * @param devFraction dev share when {@code training.dev()} is null
 * @param selectionSize dev pairs decoded greedily after each epoch to select the model by BLEU
 * @param beamWidth beam width of the final evaluation
 * @param lengthPenalty length-penalty exponent of beam search
 */
@RecordBuilder
public record TranslateOptions(
        TrainingOptions training,
        boolean reverse,
        boolean sharedVocabulary,
        boolean splitElisions,
        boolean attention,
        int embeddingSize,
        int minCount,
        int maxVocabulary,
        int maxTargetLength,
        double lrDecay,
        double labelSmoothing,
        double weightAveraging,
        double devFraction,
        int selectionSize,
        int beamWidth,
        double lengthPenalty)
        implements RecipeOptions, TranslateOptionsBuilder.With {

    /** The default number of epochs (real data; the embedded dates use 3). */
    public static final int DEFAULT_EPOCHS = 12;

    /**
     * Validates the settings that are the recipe's own ({@link TrainingOptions} checks its own).
     *
     * @throws IllegalArgumentException naming the first setting out of range
     * @throws NullPointerException when {@code training} is null
     */
    public TranslateOptions {
        Objects.requireNonNull(training, "training");
        check(embeddingSize >= 1, "embeddingSize", ">= 1", embeddingSize);
        check(minCount >= 1, "minCount", ">= 1", minCount);
        check(maxVocabulary >= 5, "maxVocabulary", ">= 5", maxVocabulary);
        check(maxTargetLength >= 2, "maxTargetLength", ">= 2", maxTargetLength);
        check(lrDecay > 0 && lrDecay <= 1, "lrDecay", "in (0, 1]", lrDecay);
        check(
                labelSmoothing >= 0 && labelSmoothing < 1,
                "labelSmoothing",
                "in [0, 1)",
                labelSmoothing);
        check(
                weightAveraging >= 0 && weightAveraging < 1,
                "weightAveraging",
                "in [0, 1)",
                weightAveraging);
        check(devFraction > 0 && devFraction < 1, "devFraction", "in (0, 1)", devFraction);
        check(selectionSize >= 1, "selectionSize", ">= 1", selectionSize);
        check(beamWidth >= 1, "beamWidth", ">= 1", beamWidth);
        check(lengthPenalty >= 0, "lengthPenalty", ">= 0", lengthPenalty);
    }

    /** Throws {@code "<name> must be <expected>, received: <name>=<value>"} unless {@code ok}. */
    private static void check(boolean ok, String name, String expected, Object value) {
        Recipes.require(ok, name + " must be " + expected + ", received: " + name + "=" + value);
    }

    /**
     * Returns the defaults: a bidirectional LSTM encoder of 256 per direction and an LSTM decoder
     * of 256 with Luong attention, dropout 0.2, embeddings 128, tokens seen twice, at most 20,000
     * per side, 40 source and 50 target tokens, batches of 64, at most 12 epochs (patience 3)
     * selected by greedy BLEU on 1,000 dev pairs of a 5% split, Adam 2e-3 decaying by 0.85 per
     * epoch, label smoothing 0.1, a moving average of the weights with decay 0.998 per batch scored
     * beside them, beam 5 with length penalty 0.6 for the final scores.
     *
     * @return the defaults
     */
    public static TranslateOptions defaults() {
        TrainingOptions training =
                TrainingOptions.defaults(TranslateModel.TASK)
                        .with(
                                t ->
                                        t.epochs(DEFAULT_EPOCHS)
                                                .hiddenSize(256)
                                                .bidirectional(true)
                                                .dropout(0.2)
                                                .maxLength(40)
                                                .patience(3));
        return new TranslateOptions(
                training, false, false, false, true, 128, 2, 20000, 50, 0.85, 0.1, 0.998, 0.05,
                1000, 5, 0.6);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static TranslateOptionsBuilder builder() {
        return TranslateOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public TranslateOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }
}
