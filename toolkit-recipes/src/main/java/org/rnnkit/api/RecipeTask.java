package org.rnnkit.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.RecipeResult;

/**
 * What every task class shares: its settings, its model once fitted or loaded, and the training run
 * of the command line ({@link #fitAndSave()}). The command line's {@code train}, {@code eval} and
 * {@code predict} go through the task classes, so both ways in run one code path.
 *
 * @param <O> the recipe's options record
 * @param <M> the recipe's model
 */
abstract class RecipeTask<O extends RecipeOptions, M> {

    /** The settings training uses (or used, for a loaded model). */
    final O options;

    /** The model, or {@code null} before {@code fit} or {@code load} (or until first asked for). */
    M model;

    /** The bundle {@link #fitAndSave()} wrote, read into {@link #model} when first asked for. */
    private Path saved;

    private final String noun;
    private final Recipe<O, M> recipe;

    /**
     * The recipe's training and bundle loading, e.g. {@code new Recipe<>(SentimentRecipe::train,
     * SentimentModel::load)}.
     *
     * @param train trains on settings that name the data and the bundle file, returning the
     *     bundle's path
     * @param load reads a bundle the recipe wrote
     */
    record Recipe<O, M>(Training<O> train, Loading<M> load) {}

    /** A recipe's {@code train(options)}. */
    @FunctionalInterface
    interface Training<O> {
        RecipeResult train(O settings) throws IOException;
    }

    /** A model's {@code load(file)}. */
    @FunctionalInterface
    interface Loading<M> {
        M load(Path bundle) throws IOException;
    }

    /**
     * Creates a task.
     *
     * @param options the settings
     * @param model the model, or {@code null}
     * @param noun what the task class is called in messages ("classifier")
     * @param recipe the recipe's training and bundle loading
     */
    RecipeTask(O options, M model, String noun, Recipe<O, M> recipe) {
        this.options = options;
        this.model = model;
        this.noun = noun;
        this.recipe = recipe;
    }

    /**
     * Reads a bundle the recipe wrote into this task's model.
     *
     * @param bundle the bundle file
     * @return the model
     * @throws IOException when the bundle cannot be read
     */
    M read(Path bundle) throws IOException {
        return recipe.load().load(bundle);
    }

    /**
     * Trains exactly as the command line's {@code train} does: on the options' {@code data} and
     * {@code dev} (the recipe's embedded data set without data), writing the bundle to {@code out}
     * with the checkpoints, metrics log and loss plot beside it, resuming when {@code resume} is
     * set. Replaces any earlier model.
     *
     * @return the saved bundle's path, the dev metrics and the report
     * @throws IOException when data cannot be read or the bundle not written
     * @throws org.rnnkit.data.MalformedDataException when the data is malformed (naming the file
     *     and line)
     */
    public RecipeResult fitAndSave() throws IOException {
        RecipeResult result = recipe.train().train(options);
        // Read back only when asked for: the command line's train never is.
        model = null;
        saved = result.bundle();
        return result;
    }

    /**
     * Loads the model a temporary run wrote and drops the run's bundle path from the result.
     *
     * @param result the recipe's result
     * @param run the run, whose bundle is read
     * @return the metrics and report, without a bundle path
     * @throws IOException when the bundle cannot be read
     */
    final RecipeResult finish(RecipeResult result, TemporaryRun run) throws IOException {
        model = read(run.bundle());
        saved = null;
        return new RecipeResult(null, result.metrics(), result.report());
    }

    /**
     * Returns the settings training uses (or used, for a loaded model).
     *
     * @return the options
     */
    public O options() {
        return options;
    }

    /**
     * Returns the recipe's model, for what the task class does not wrap (decoders, encoded ids,
     * baselines, the bundle's provenance and metrics).
     *
     * @return the fitted model
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public M model() {
        return fitted();
    }

    /**
     * Tells whether a model is present.
     *
     * @return {@code true} after {@code fit}, {@code fitAndSave} or {@code load}
     */
    public boolean isFitted() {
        return model != null || saved != null;
    }

    /**
     * Returns the model, refusing to go on without one.
     *
     * @return the model
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    final M fitted() {
        if (model == null && saved != null) {
            try {
                model = read(saved);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundle just written: " + saved, e);
            }
            saved = null;
        }
        if (model == null) {
            throw new IllegalStateException(
                    "the "
                            + noun
                            + " has no model yet: call fit(...) first, or "
                            + getClass().getSimpleName()
                            + ".load(path)");
        }
        return model;
    }
}
