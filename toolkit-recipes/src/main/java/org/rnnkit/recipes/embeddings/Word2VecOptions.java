package org.rnnkit.recipes.embeddings;

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
public record Word2VecOptions(
        int dimension,
        int window,
        int minCount,
        int epochs,
        int negative,
        long seed,
        int workers,
        boolean lowercase) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public Word2VecOptions {
        require(dimension > 0, "dimension must be > 0, received: dimension=" + dimension);
        require(window > 0, "window must be > 0, received: window=" + window);
        require(minCount > 0, "minCount must be > 0, received: minCount=" + minCount);
        require(epochs > 0, "epochs must be > 0, received: epochs=" + epochs);
        require(negative > 0, "negative must be > 0, received: negative=" + negative);
        require(workers > 0, "workers must be > 0, received: workers=" + workers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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
     * Returns a builder holding these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts from {@link #defaults()}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** Builds {@link Word2VecOptions}; every setter keeps the current value when given null. */
    public static final class Builder {
        private int dimension;
        private int window;
        private int minCount;
        private int epochs;
        private int negative;
        private long seed;
        private int workers;
        private boolean lowercase;

        private Builder(Word2VecOptions o) {
            dimension = o.dimension;
            window = o.window;
            minCount = o.minCount;
            epochs = o.epochs;
            negative = o.negative;
            seed = o.seed;
            workers = o.workers;
            lowercase = o.lowercase;
        }

        /**
         * Sets the vector length.
         *
         * @param v see {@link Word2VecOptions#dimension()}
         * @return this builder
         */
        public Builder dimension(Integer v) {
            if (v != null) {
                dimension = v;
            }
            return this;
        }

        /**
         * Sets the context window.
         *
         * @param v see {@link Word2VecOptions#window()}
         * @return this builder
         */
        public Builder window(Integer v) {
            if (v != null) {
                window = v;
            }
            return this;
        }

        /**
         * Sets the minimum count.
         *
         * @param v see {@link Word2VecOptions#minCount()}
         * @return this builder
         */
        public Builder minCount(Integer v) {
            if (v != null) {
                minCount = v;
            }
            return this;
        }

        /**
         * Sets the number of epochs.
         *
         * @param v see {@link Word2VecOptions#epochs()}
         * @return this builder
         */
        public Builder epochs(Integer v) {
            if (v != null) {
                epochs = v;
            }
            return this;
        }

        /**
         * Sets the negative samples.
         *
         * @param v see {@link Word2VecOptions#negative()}
         * @return this builder
         */
        public Builder negative(Integer v) {
            if (v != null) {
                negative = v;
            }
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param v see {@link Word2VecOptions#seed()}
         * @return this builder
         */
        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /**
         * Sets the worker threads.
         *
         * @param v see {@link Word2VecOptions#workers()}
         * @return this builder
         */
        public Builder workers(Integer v) {
            if (v != null) {
                workers = v;
            }
            return this;
        }

        /**
         * Sets lower-casing.
         *
         * @param v see {@link Word2VecOptions#lowercase()}
         * @return this builder
         */
        public Builder lowercase(boolean v) {
            lowercase = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws IllegalArgumentException for a value out of range
         */
        public Word2VecOptions build() {
            return new Word2VecOptions(
                    dimension, window, minCount, epochs, negative, seed, workers, lowercase);
        }
    }
}
