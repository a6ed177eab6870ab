package org.rnnkit.recipes.postag;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.data.Tagset;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the part-of-speech recipe: the shared {@link TrainingOptions} plus its own.
 * Immutable; validated on construction. {@link PostagOptionsBuilder} (generated) builds them, and
 * the {@code withX} methods copy them with one change:
 *
 * <pre>{@code
 * PostagOptions options = PostagOptions.defaults()
 *         .withTraining(t -> t.data(Path.of("train.conllu")).dev(Path.of("dev.conllu")))
 *         .withTagset(Tagset.XPOS);
 * }</pre>
 *
 * @param training the shared settings; {@code data} is CoNLL-U or word/TAG, {@code dev} defaults to
 *     a seeded {@code devFraction} split, {@code dropout} also applies to the word representations,
 *     and {@code maxLength} and {@code skipBadRows} are unused (sentences are tagged whole,
 *     malformed lines are errors)
 * @param tagset the CoNLL-U tag column (UPOS or XPOS)
 * @param embeddingSize word embedding size
 * @param charSlots character slots per word (including one padding slot at each end)
 * @param lrDecay the learning rate's factor per epoch, in (0, 1]
 * @param wordDropout alpha of frequency-scaled word dropout: during training a word seen {@code n}
 *     times is replaced by the unknown-word id with probability {@code alpha / (alpha + n)}, so the
 *     unknown-word embedding and the character encoder learn from rare words; 0 turns it off
 * @param minCount fewest occurrences for a word to get its own id
 * @param devFraction dev share when {@code training.dev()} is null
 * @param embeddings pretrained word vectors (GloVe or word2vec text, optionally .gz), or {@code
 *     null} for a random start: the first {@code embeddingsLimit} words of the file (lower-cased)
 *     join the training words in the vocabulary (with count 0), and every vocabulary word with a
 *     vector starts from it; their dimension must equal {@code embeddingSize}
 * @param embeddingsLimit how many words of the vectors file, from its start, join the vocabulary
 * @param frozenEmbeddings keep the pretrained vectors unchanged in a table of their own beside a
 *     trainable, randomly initialised embedding of {@code embeddingSize} for the training words
 *     (the tagger's third input), instead of starting the trainable embedding from them; any
 *     dimension; needs {@code embeddings}
 */
@RecordBuilder
public record PostagOptions(
        TrainingOptions training,
        Tagset tagset,
        int embeddingSize,
        int charSlots,
        double lrDecay,
        double wordDropout,
        int minCount,
        double devFraction,
        Path embeddings,
        int embeddingsLimit,
        boolean frozenEmbeddings)
        implements RecipeOptions, PostagOptionsBuilder.With {

    /** Default of {@link #embeddingsLimit()}. */
    public static final int DEFAULT_EMBEDDINGS_LIMIT = 100_000;

    /**
     * Validates the settings that are the recipe's own (the shared ones validate themselves).
     *
     * @throws IllegalArgumentException naming the first setting out of range, what was expected and
     *     what was received
     * @throws NullPointerException when {@code training} or {@code tagset} is null
     */
    public PostagOptions {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(tagset, "tagset");
        Recipes.require(embeddingSize > 0, "embeddingSize must be > 0, received: " + embeddingSize);
        Recipes.require(charSlots >= 3, "charSlots must be >= 3, received: " + charSlots);
        Recipes.require(
                lrDecay > 0 && lrDecay <= 1, "lrDecay must be in (0, 1], received: " + lrDecay);
        Recipes.require(wordDropout >= 0, "wordDropout must be >= 0, received: " + wordDropout);
        Recipes.require(minCount > 0, "minCount must be > 0, received: " + minCount);
        Recipes.require(
                devFraction > 0 && devFraction < 1,
                "devFraction must be in (0, 1), received: " + devFraction);
        Recipes.require(
                embeddingsLimit > 0,
                "embeddingsLimit must be > 0, received: embeddingsLimit=" + embeddingsLimit);
        Recipes.require(
                !frozenEmbeddings || embeddings != null,
                "frozenEmbeddings needs embeddings (a vectors file), received: embeddings=null");
    }

    /**
     * Returns the defaults: 2 bidirectional LSTM layers of 128 (dropout 0.5 on the word
     * representations and between layers), embeddings 100 for words seen at least twice (rarer ones
     * train the unknown-word id), word dropout alpha 0.25, 16 character slots, batches of 32, at
     * most 30 epochs with patience 3, Adam 2e-3 decaying by 0.9 per epoch, UPOS, a 10% dev split,
     * the seed of the embedded data ({@link PostagDataGenerator#DEFAULT_SEED}).
     *
     * @return the defaults
     */
    public static PostagOptions defaults() {
        TrainingOptions training =
                TrainingOptions.defaults(PostagModel.TASK)
                        .with(
                                t ->
                                        t.numLayers(2)
                                                .bidirectional(true)
                                                .dropout(0.5)
                                                .batchSize(32)
                                                .epochs(30)
                                                .patience(3)
                                                .seed(PostagDataGenerator.DEFAULT_SEED));
        return new PostagOptions(
                training,
                Tagset.UPOS,
                100,
                16,
                0.9,
                0.25,
                2,
                0.1,
                null,
                DEFAULT_EMBEDDINGS_LIMIT,
                false);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static PostagOptionsBuilder builder() {
        return PostagOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public PostagOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }
}
