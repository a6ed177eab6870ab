package org.rnnkit.recipes;

/**
 * The options of one recipe: the shared {@link TrainingOptions} plus the settings that are the
 * recipe's own. Implemented by each recipe's immutable options record ({@code SentimentOptions},
 * ...), which {@link OptionsJson} writes into a bundle's {@code options.json} and reads back.
 */
public interface RecipeOptions {

    /**
     * Returns the shared training settings.
     *
     * @return the training settings (data, output, epochs, seed, recurrent stack, batching, ...)
     */
    TrainingOptions training();
}
