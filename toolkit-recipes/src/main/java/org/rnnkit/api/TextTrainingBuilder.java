package org.rnnkit.api;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * The settings shared by the tasks that learn a token vocabulary (classifier, tagger, translator,
 * captioner, generator) beside the {@link TrainingBuilder training settings}: embedding width,
 * minimum token count and the dev share. Each setter validates at once through the task's options
 * record.
 *
 * @param <O> the task's options record
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class TextTrainingBuilder<
                O extends RecipeOptions, B extends TextTrainingBuilder<O, B>>
        extends TrainingBuilder<O, B> {

    /**
     * The record's copy methods of the three settings, e.g. {@code SentimentOptions::withMinCount}.
     */
    record Copies<O>(
            BiFunction<O, Consumer<TrainingOptionsBuilder>, O> training,
            BiFunction<O, Integer, O> embeddingSize,
            BiFunction<O, Integer, O> minCount,
            BiFunction<O, Double, O> devFraction) {

        Copies {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(embeddingSize, "embeddingSize");
            Objects.requireNonNull(minCount, "minCount");
            Objects.requireNonNull(devFraction, "devFraction");
        }
    }

    private final Copies<O> copies;

    /**
     * Starts from a recipe's defaults, with the progress bar on when the program runs in a console.
     *
     * @param defaults the recipe's defaults
     * @param copies the record's copy methods
     */
    TextTrainingBuilder(O defaults, Copies<O> copies) {
        super(defaults, copies.training());
        this.copies = copies;
    }

    /**
     * Sets the token embedding width (of encoder and decoder, where there are two).
     *
     * @param embeddingSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code embeddingSize < 1}
     */
    public B embeddingSize(int embeddingSize) {
        return options(copies.embeddingSize().apply(options(), embeddingSize));
    }

    /**
     * Sets how often a token must occur in training to get its own id (rarer ones map to the
     * unknown token).
     *
     * @param minCount at least 1; 1 suits a handful of texts
     * @return this builder
     * @throws IllegalArgumentException when {@code minCount < 1}
     */
    public B minCount(int minCount) {
        return options(copies.minCount().apply(options(), minCount));
    }

    /**
     * Sets the share of the training examples held out as dev part when no dev data is given.
     *
     * @param devFraction in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException when {@code devFraction} is outside (0, 1)
     */
    public B devFraction(double devFraction) {
        return options(copies.devFraction().apply(options(), devFraction));
    }
}
