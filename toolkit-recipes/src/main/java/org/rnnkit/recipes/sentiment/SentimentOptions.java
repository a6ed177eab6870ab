package org.rnnkit.recipes.sentiment;

import java.nio.file.Path;
import java.util.Objects;
import org.rnnkit.model.CellType;
import org.rnnkit.model.Pooling;

/**
 * Settings of the sentiment recipe. Immutable; validated on construction; the defaults are the ones
 * that reach the documented accuracy on IMDB with {@code train --data PATH} alone.
 *
 * @param data training data: TSV/CSV (optionally .gz) or aclImdb directory; null = embedded default
 *     data
 * @param dev dev data in the same formats; null = a seeded, stratified split of the training data
 * @param out where the model bundle is written; checkpoints, metrics log and loss plot go to a
 *     sibling {@code <name>-run/} directory
 * @param epochs maximum training epochs
 * @param seed seed for weight initialisation, batching, dropout and the dev split
 * @param cell recurrent cell
 * @param hiddenSize units per recurrent layer and direction
 * @param numLayers stacked recurrent layers
 * @param bidirectional run each recurrent layer in both directions
 * @param dropout drop probability between recurrent layers and before the classifier, in [0, 1)
 * @param batchSize sequences per batch
 * @param maxLength tokens kept per text (the end of longer texts is kept)
 * @param learningRate initial Adam learning rate
 * @param resume continue from the last checkpoint of an interrupted run with the same data and
 *     options
 * @param smoke train one epoch of two batches only (for tests)
 * @param embeddingSize token embedding width
 * @param pooling how the recurrent outputs of all real steps become one vector
 * @param minCount tokens seen fewer times in training map to the unknown token
 * @param maxVocabulary largest vocabulary, reserved ids included
 * @param devFraction share of the training data held out as dev set when no dev file is given
 * @param patience epochs without dev improvement before stopping
 * @param skipBadRows count and skip malformed rows instead of failing
 * @param progressBar show a progress bar on standard error
 * @param embeddings pretrained word vectors (GloVe or word2vec text, optionally .gz) copied into
 *     the embedding layer before training; their dimension must equal {@code embeddingSize}; null =
 *     the embedding starts random
 */
public record SentimentOptions(
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
        boolean resume,
        boolean smoke,
        int embeddingSize,
        Pooling pooling,
        int minCount,
        int maxVocabulary,
        double devFraction,
        int patience,
        boolean skipBadRows,
        boolean progressBar,
        Path embeddings) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public SentimentOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(pooling, "pooling");
        positive("epochs", epochs);
        positive("hiddenSize", hiddenSize);
        positive("numLayers", numLayers);
        positive("batchSize", batchSize);
        positive("maxLength", maxLength);
        positive("embeddingSize", embeddingSize);
        positive("minCount", minCount);
        positive("patience", patience);
        if (maxVocabulary < 5) {
            throw new IllegalArgumentException(
                    "maxVocabulary must be >= 5, received: maxVocabulary=" + maxVocabulary);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(
                    "dropout must be in [0, 1), received: dropout=" + dropout);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException(
                    "learningRate must be in (0, 1), received: learningRate=" + learningRate);
        }
        if (!(devFraction > 0 && devFraction < 1)) {
            throw new IllegalArgumentException(
                    "devFraction must be in (0, 1), received: devFraction=" + devFraction);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    name + " must be > 0, received: " + name + "=" + value);
        }
    }

    /**
     * Returns the default settings (embedded data, LSTM 128, max pooling).
     *
     * @return the defaults
     */
    public static SentimentOptions defaults() {
        return new SentimentOptions(
                null,
                null,
                Path.of("sentiment.zip"),
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
                false,
                false,
                128,
                Pooling.MAX,
                2,
                30000,
                0.2,
                2,
                false,
                false,
                null);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder from these settings.
     *
     * @return a builder holding a copy of every setting
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.data = data;
        b.dev = dev;
        b.out = out;
        b.epochs = epochs;
        b.seed = seed;
        b.cell = cell;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.bidirectional = bidirectional;
        b.dropout = dropout;
        b.batchSize = batchSize;
        b.maxLength = maxLength;
        b.learningRate = learningRate;
        b.resume = resume;
        b.smoke = smoke;
        b.embeddingSize = embeddingSize;
        b.pooling = pooling;
        b.minCount = minCount;
        b.maxVocabulary = maxVocabulary;
        b.devFraction = devFraction;
        b.patience = patience;
        b.skipBadRows = skipBadRows;
        b.progressBar = progressBar;
        b.embeddings = embeddings;
        return b;
    }

    /**
     * Returns the directory for checkpoints, the metrics log and the loss plot.
     *
     * @return {@code <out without .zip>-run/} beside the bundle
     */
    public Path runDirectory() {
        return org.rnnkit.recipes.Recipes.runDirectory(out);
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private static final SentimentOptions DEFAULTS = defaults();
        private Path data = DEFAULTS.data;
        private Path dev = DEFAULTS.dev;
        private Path out = DEFAULTS.out;
        private int epochs = DEFAULTS.epochs;
        private long seed = DEFAULTS.seed;
        private CellType cell = DEFAULTS.cell;
        private int hiddenSize = DEFAULTS.hiddenSize;
        private int numLayers = DEFAULTS.numLayers;
        private boolean bidirectional = DEFAULTS.bidirectional;
        private double dropout = DEFAULTS.dropout;
        private int batchSize = DEFAULTS.batchSize;
        private int maxLength = DEFAULTS.maxLength;
        private double learningRate = DEFAULTS.learningRate;
        private boolean resume = DEFAULTS.resume;
        private boolean smoke = DEFAULTS.smoke;
        private int embeddingSize = DEFAULTS.embeddingSize;
        private Pooling pooling = DEFAULTS.pooling;
        private int minCount = DEFAULTS.minCount;
        private int maxVocabulary = DEFAULTS.maxVocabulary;
        private double devFraction = DEFAULTS.devFraction;
        private int patience = DEFAULTS.patience;
        private boolean skipBadRows = DEFAULTS.skipBadRows;
        private boolean progressBar = DEFAULTS.progressBar;
        private Path embeddings = DEFAULTS.embeddings;

        private Builder() {}

        /**
         * Sets {@code data}.
         *
         * @param data see {@link SentimentOptions}
         * @return this builder
         */
        public Builder data(Path data) {
            this.data = data;
            return this;
        }

        /**
         * Sets {@code dev}.
         *
         * @param dev see {@link SentimentOptions}
         * @return this builder
         */
        public Builder dev(Path dev) {
            this.dev = dev;
            return this;
        }

        /**
         * Sets {@code out}.
         *
         * @param out see {@link SentimentOptions}
         * @return this builder
         */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /**
         * Sets {@code epochs}.
         *
         * @param epochs see {@link SentimentOptions}
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets {@code seed}.
         *
         * @param seed see {@link SentimentOptions}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets {@code cell}.
         *
         * @param cell see {@link SentimentOptions}
         * @return this builder
         */
        public Builder cell(CellType cell) {
            this.cell = cell;
            return this;
        }

        /**
         * Sets {@code hiddenSize}.
         *
         * @param hiddenSize see {@link SentimentOptions}
         * @return this builder
         */
        public Builder hiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        /**
         * Sets {@code numLayers}.
         *
         * @param numLayers see {@link SentimentOptions}
         * @return this builder
         */
        public Builder numLayers(int numLayers) {
            this.numLayers = numLayers;
            return this;
        }

        /**
         * Sets {@code bidirectional}.
         *
         * @param bidirectional see {@link SentimentOptions}
         * @return this builder
         */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        /**
         * Sets {@code dropout}.
         *
         * @param dropout see {@link SentimentOptions}
         * @return this builder
         */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets {@code batchSize}.
         *
         * @param batchSize see {@link SentimentOptions}
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets {@code maxLength}.
         *
         * @param maxLength see {@link SentimentOptions}
         * @return this builder
         */
        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Sets {@code learningRate}.
         *
         * @param learningRate see {@link SentimentOptions}
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets {@code resume}.
         *
         * @param resume see {@link SentimentOptions}
         * @return this builder
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Sets {@code smoke}.
         *
         * @param smoke see {@link SentimentOptions}
         * @return this builder
         */
        public Builder smoke(boolean smoke) {
            this.smoke = smoke;
            return this;
        }

        /**
         * Sets {@code embeddingSize}.
         *
         * @param embeddingSize see {@link SentimentOptions}
         * @return this builder
         */
        public Builder embeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /**
         * Sets {@code pooling}.
         *
         * @param pooling see {@link SentimentOptions}
         * @return this builder
         */
        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /**
         * Sets {@code minCount}.
         *
         * @param minCount see {@link SentimentOptions}
         * @return this builder
         */
        public Builder minCount(int minCount) {
            this.minCount = minCount;
            return this;
        }

        /**
         * Sets {@code maxVocabulary}.
         *
         * @param maxVocabulary see {@link SentimentOptions}
         * @return this builder
         */
        public Builder maxVocabulary(int maxVocabulary) {
            this.maxVocabulary = maxVocabulary;
            return this;
        }

        /**
         * Sets {@code devFraction}.
         *
         * @param devFraction see {@link SentimentOptions}
         * @return this builder
         */
        public Builder devFraction(double devFraction) {
            this.devFraction = devFraction;
            return this;
        }

        /**
         * Sets {@code patience}.
         *
         * @param patience see {@link SentimentOptions}
         * @return this builder
         */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets {@code skipBadRows}.
         *
         * @param skipBadRows see {@link SentimentOptions}
         * @return this builder
         */
        public Builder skipBadRows(boolean skipBadRows) {
            this.skipBadRows = skipBadRows;
            return this;
        }

        /**
         * Sets {@code progressBar}.
         *
         * @param progressBar see {@link SentimentOptions}
         * @return this builder
         */
        public Builder progressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /**
         * Sets {@code embeddings}.
         *
         * @param embeddings see {@link SentimentOptions}
         * @return this builder
         */
        public Builder embeddings(Path embeddings) {
            this.embeddings = embeddings;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public SentimentOptions build() {
            return new SentimentOptions(
                    data,
                    dev,
                    out,
                    epochs,
                    seed,
                    cell,
                    hiddenSize,
                    numLayers,
                    bidirectional,
                    dropout,
                    batchSize,
                    maxLength,
                    learningRate,
                    resume,
                    smoke,
                    embeddingSize,
                    pooling,
                    minCount,
                    maxVocabulary,
                    devFraction,
                    patience,
                    skipBadRows,
                    progressBar,
                    embeddings);
        }
    }
}
