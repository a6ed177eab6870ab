package org.rnnkit.recipes.sentiment;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.model.Pooling;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the sentiment recipe: the shared {@link TrainingOptions} plus its own. Immutable;
 * validated on construction; {@link #defaults()} reach the documented accuracy on IMDB with {@code
 * train --data PATH} alone. {@link SentimentOptionsBuilder} (generated) builds them, and the {@code
 * withX} methods copy them with one change:
 *
 * <pre>{@code
 * SentimentOptions options = SentimentOptions.defaults()
 *         .withTraining(t -> t.data(Path.of("reviews.tsv")).epochs(3))
 *         .withPooling(Pooling.MEAN);
 * }</pre>
 *
 * @param training the shared settings; {@code maxLength} is the tokens kept per text (the end of
 *     longer texts is kept)
 * @param embeddingSize token embedding width
 * @param pooling how the recurrent outputs of all real steps become one vector
 * @param minCount tokens seen fewer times in training map to the unknown token
 * @param maxVocabulary largest vocabulary, reserved ids included
 * @param devFraction share of the training data held out as dev set when no dev file is given
 * @param embeddings pretrained word vectors (GloVe or word2vec text, optionally .gz) copied into
 *     the embedding layer before training; their dimension must equal {@code embeddingSize}; null =
 *     the embedding starts random
 * @param languageModel a {@code generate} bundle (best word-level) whose embedding rows for shared
 *     words and whose recurrent layers, where their shapes match, start the network ({@link
 *     org.rnnkit.recipes.LanguageModelWeights}); applied after {@code embeddings}; null = none
 */
@RecordBuilder
public record SentimentOptions(
        TrainingOptions training,
        int embeddingSize,
        Pooling pooling,
        int minCount,
        int maxVocabulary,
        double devFraction,
        Path embeddings,
        Path languageModel)
        implements RecipeOptions, SentimentOptionsBuilder.With {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     * @throws NullPointerException when {@code training} or {@code pooling} is null
     */
    public SentimentOptions {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(pooling, "pooling");
        Recipes.require(
                embeddingSize >= 1,
                "embeddingSize must be >= 1, received: embeddingSize=" + embeddingSize);
        Recipes.require(minCount >= 1, "minCount must be >= 1, received: minCount=" + minCount);
        Recipes.require(
                maxVocabulary >= 5,
                "maxVocabulary must be >= 5, received: maxVocabulary=" + maxVocabulary);
        Recipes.require(
                devFraction > 0 && devFraction < 1,
                "devFraction must be in (0, 1), received: devFraction=" + devFraction);
    }

    /**
     * Creates the settings without a language model to start from.
     *
     * @param training see {@link #training()}
     * @param embeddingSize see {@link #embeddingSize()}
     * @param pooling see {@link #pooling()}
     * @param minCount see {@link #minCount()}
     * @param maxVocabulary see {@link #maxVocabulary()}
     * @param devFraction see {@link #devFraction()}
     * @param embeddings see {@link #embeddings()}
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public SentimentOptions(
            TrainingOptions training,
            int embeddingSize,
            Pooling pooling,
            int minCount,
            int maxVocabulary,
            double devFraction,
            Path embeddings) {
        this(
                training,
                embeddingSize,
                pooling,
                minCount,
                maxVocabulary,
                devFraction,
                embeddings,
                null);
    }

    /**
     * Returns the defaults: embedded data, embeddings of 128, one LSTM layer of 128, max pooling,
     * 400 tokens per text, batches of 64, at most 10 epochs (patience 2), Adam 2e-3, tokens seen
     * twice, at most 30,000 ids, a stratified 20% dev split.
     *
     * @return the defaults
     */
    public static SentimentOptions defaults() {
        return new SentimentOptions(
                TrainingOptions.defaults(SentimentModel.TASK),
                128,
                Pooling.MAX,
                2,
                30000,
                0.2,
                null);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static SentimentOptionsBuilder builder() {
        return SentimentOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public SentimentOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }
}
