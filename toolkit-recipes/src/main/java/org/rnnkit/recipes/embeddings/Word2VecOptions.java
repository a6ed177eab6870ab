package org.rnnkit.recipes.embeddings;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.rnnkit.recipes.Recipes;

/**
 * Settings of skip-gram Word2Vec training with negative sampling (Mikolov et al. 2013).
 *
 * @param dimension vector length
 * @param window context words on each side
 * @param minCount fewest occurrences for a word to get a vector
 * @param epochs passes over the corpus
 * @param negative negative samples per positive pair
 * @param seed the seed of initialisation and sampling
 * @param workers training threads; only 1 gives the same vectors on every run
 * @param lowercase lower-case tokens ({@link java.util.Locale#ROOT}) before counting
 */
@RecordBuilder
public record Word2VecOptions(
        int dimension,
        int window,
        int minCount,
        int epochs,
        int negative,
        long seed,
        int workers,
        boolean lowercase)
        implements Word2VecOptionsBuilder.With {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public Word2VecOptions {
        Recipes.require(dimension > 0, "dimension must be > 0, received: dimension=" + dimension);
        Recipes.require(window > 0, "window must be > 0, received: window=" + window);
        Recipes.require(minCount > 0, "minCount must be > 0, received: minCount=" + minCount);
        Recipes.require(epochs > 0, "epochs must be > 0, received: epochs=" + epochs);
        Recipes.require(negative > 0, "negative must be > 0, received: negative=" + negative);
        Recipes.require(workers > 0, "workers must be > 0, received: workers=" + workers);
    }

    /**
     * Returns the defaults: 100 dimensions, window 5, min count 5, 5 epochs, 5 negative samples,
     * seed 42, one worker, case kept.
     *
     * @return the default options
     */
    public static Word2VecOptions defaults() {
        return new Word2VecOptions(100, 5, 5, 5, 5, 42, 1, false);
    }

    /**
     * Starts from {@link #defaults()}.
     *
     * @return a builder
     */
    public static Word2VecOptionsBuilder builder() {
        return Word2VecOptionsBuilder.builder(defaults());
    }
}
