package org.rnnkit.recipes.postag;

import java.nio.file.Path;
import org.rnnkit.data.Tagset;
import org.rnnkit.model.CellType;

/**
 * Settings of the part-of-speech recipe.
 *
 * @param data training data (CoNLL-U or word/TAG), or {@code null} for the embedded generated set
 * @param dev dev data, or {@code null} for a seeded {@code devFraction} split of {@code data}
 * @param out the bundle to write
 * @param tagset the CoNLL-U tag column (UPOS or XPOS)
 * @param cell the recurrent cell
 * @param hiddenSize units per direction
 * @param numLayers stacked recurrent layers
 * @param bidirectional whether layers read both directions
 * @param dropout drop probability between layers
 * @param embeddingSize word embedding size
 * @param charSlots character slots per word (including one padding slot at each end)
 * @param batchSize sentences per batch
 * @param epochs the most epochs
 * @param patience epochs without dev improvement before stopping
 * @param learningRate Adam's initial step size
 * @param lrDecay the learning rate's factor per epoch, in (0, 1]
 * @param wordDropout alpha of frequency-scaled word dropout: during training a word seen {@code n}
 *     times is replaced by the unknown-word id with probability {@code alpha / (alpha + n)}, so the
 *     unknown-word embedding and the character encoder learn from rare words; 0 turns it off
 * @param minCount fewest occurrences for a word to get its own id
 * @param devFraction dev share when {@code dev} is null
 * @param seed the seed of initialisation, split and batch order
 * @param smoke a two-batch, one-epoch run (checks the pipeline)
 * @param resume continue from the run directory's checkpoint
 * @param progressBar draw a progress bar
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
public record PostagOptions(
        Path data,
        Path dev,
        Path out,
        Tagset tagset,
        CellType cell,
        int hiddenSize,
        int numLayers,
        boolean bidirectional,
        double dropout,
        int embeddingSize,
        int charSlots,
        int batchSize,
        int epochs,
        int patience,
        double learningRate,
        double lrDecay,
        double wordDropout,
        int minCount,
        double devFraction,
        long seed,
        boolean smoke,
        boolean resume,
        boolean progressBar,
        Path embeddings,
        int embeddingsLimit,
        boolean frozenEmbeddings) {

    /** Default of {@link #embeddingsLimit()}. */
    public static final int DEFAULT_EMBEDDINGS_LIMIT = 100_000;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public PostagOptions {
        require(hiddenSize > 0, "hiddenSize must be > 0, received: " + hiddenSize);
        require(numLayers > 0, "numLayers must be > 0, received: " + numLayers);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), received: " + dropout);
        require(embeddingSize > 0, "embeddingSize must be > 0, received: " + embeddingSize);
        require(charSlots >= 3, "charSlots must be >= 3, received: " + charSlots);
        require(batchSize > 0, "batchSize must be > 0, received: " + batchSize);
        require(epochs > 0, "epochs must be > 0, received: " + epochs);
        require(patience > 0, "patience must be > 0, received: " + patience);
        require(learningRate > 0, "learningRate must be > 0, received: " + learningRate);
        require(lrDecay > 0 && lrDecay <= 1, "lrDecay must be in (0, 1], received: " + lrDecay);
        require(wordDropout >= 0, "wordDropout must be >= 0, received: " + wordDropout);
        require(minCount > 0, "minCount must be > 0, received: " + minCount);
        require(
                devFraction > 0 && devFraction < 1,
                "devFraction must be in (0, 1), received: " + devFraction);
        require(
                embeddingsLimit > 0,
                "embeddingsLimit must be > 0, received: embeddingsLimit=" + embeddingsLimit);
        require(
                !frozenEmbeddings || embeddings != null,
                "frozenEmbeddings needs embeddings (a vectors file), received: embeddings=null");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Returns the run directory (checkpoints, metrics log, loss plot): {@code <out stem>-run/}.
     *
     * @return the directory
     */
    public Path runDirectory() {
        return org.rnnkit.recipes.Recipes.runDirectory(out);
    }

    /**
     * Starts from the defaults: 2 bidirectional LSTM layers of 128 (dropout 0.5 on the word
     * representations and between layers), embeddings 100 for words seen at least twice (rarer ones
     * train the unknown-word id), word dropout alpha 0.25, 16 character slots, batches of 32, at
     * most 30 epochs with patience 3, Adam 2e-3 decaying by 0.9 per epoch, UPOS.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.data = data;
        b.dev = dev;
        b.out = out;
        b.tagset = tagset;
        b.cell = cell;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.bidirectional = bidirectional;
        b.dropout = dropout;
        b.embeddingSize = embeddingSize;
        b.charSlots = charSlots;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.patience = patience;
        b.learningRate = learningRate;
        b.lrDecay = lrDecay;
        b.wordDropout = wordDropout;
        b.minCount = minCount;
        b.devFraction = devFraction;
        b.seed = seed;
        b.smoke = smoke;
        b.resume = resume;
        b.progressBar = progressBar;
        b.embeddings = embeddings;
        b.embeddingsLimit = embeddingsLimit;
        b.frozenEmbeddings = frozenEmbeddings;
        return b;
    }

    /** Builds {@link PostagOptions}; every setter keeps the default when given {@code null}. */
    public static final class Builder {
        private Path data;
        private Path dev;
        private Path out = Path.of("postag.zip");
        private Tagset tagset = Tagset.UPOS;
        private CellType cell = CellType.LSTM;
        private int hiddenSize = 128;
        private int numLayers = 2;
        private boolean bidirectional = true;
        private double dropout = 0.5;
        private int embeddingSize = 100;
        private int charSlots = 16;
        private int batchSize = 32;
        private int epochs = 30;
        private int patience = 3;
        private double learningRate = 2e-3;
        private double lrDecay = 0.9;
        private double wordDropout = 0.25;
        private int minCount = 2;
        private double devFraction = 0.1;
        private long seed = PostagDataGenerator.DEFAULT_SEED;
        private boolean smoke;
        private boolean resume;
        private boolean progressBar;
        private Path embeddings;
        private int embeddingsLimit = DEFAULT_EMBEDDINGS_LIMIT;
        private boolean frozenEmbeddings;

        private Builder() {}

        /**
         * @param v see {@link PostagOptions#data()} @return this builder
         */
        public Builder data(Path v) {
            data = v;
            return this;
        }

        /**
         * @param v see {@link PostagOptions#dev()} @return this builder
         */
        public Builder dev(Path v) {
            dev = v;
            return this;
        }

        /**
         * @param v see {@link PostagOptions#out()} @return this builder
         */
        public Builder out(Path v) {
            if (v != null) {
                out = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#tagset()} @return this builder
         */
        public Builder tagset(Tagset v) {
            if (v != null) {
                tagset = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#cell()} @return this builder
         */
        public Builder cell(CellType v) {
            if (v != null) {
                cell = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#hiddenSize()} @return this builder
         */
        public Builder hiddenSize(Integer v) {
            if (v != null) {
                hiddenSize = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#numLayers()} @return this builder
         */
        public Builder numLayers(Integer v) {
            if (v != null) {
                numLayers = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#bidirectional()} @return this builder
         */
        public Builder bidirectional(Boolean v) {
            if (v != null) {
                bidirectional = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#dropout()} @return this builder
         */
        public Builder dropout(Double v) {
            if (v != null) {
                dropout = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#embeddingSize()} @return this builder
         */
        public Builder embeddingSize(Integer v) {
            if (v != null) {
                embeddingSize = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#charSlots()} @return this builder
         */
        public Builder charSlots(Integer v) {
            if (v != null) {
                charSlots = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#batchSize()} @return this builder
         */
        public Builder batchSize(Integer v) {
            if (v != null) {
                batchSize = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#epochs()} @return this builder
         */
        public Builder epochs(Integer v) {
            if (v != null) {
                epochs = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#patience()} @return this builder
         */
        public Builder patience(Integer v) {
            if (v != null) {
                patience = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#learningRate()} @return this builder
         */
        public Builder learningRate(Double v) {
            if (v != null) {
                learningRate = v;
            }
            return this;
        }

        /**
         * Sets the learning rate's factor per epoch.
         *
         * @param v the factor, or {@code null} for the default 0.9
         * @return this builder
         */
        public Builder lrDecay(Double v) {
            if (v != null) {
                lrDecay = v;
            }
            return this;
        }

        /**
         * Sets the alpha of frequency-scaled word dropout.
         *
         * @param v alpha (0 turns it off), or {@code null} for the default 0.25
         * @return this builder
         */
        public Builder wordDropout(Double v) {
            if (v != null) {
                wordDropout = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#minCount()} @return this builder
         */
        public Builder minCount(Integer v) {
            if (v != null) {
                minCount = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#devFraction()} @return this builder
         */
        public Builder devFraction(Double v) {
            if (v != null) {
                devFraction = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#seed()} @return this builder
         */
        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#smoke()} @return this builder
         */
        public Builder smoke(boolean v) {
            smoke = v;
            return this;
        }

        /**
         * @param v see {@link PostagOptions#resume()} @return this builder
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /**
         * @param v see {@link PostagOptions#progressBar()} @return this builder
         */
        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * Sets the pretrained word vectors.
         *
         * @param v see {@link PostagOptions#embeddings()}; {@code null} for none
         * @return this builder
         */
        public Builder embeddings(Path v) {
            embeddings = v;
            return this;
        }

        /**
         * Sets how many words of the vectors file join the vocabulary.
         *
         * @param v see {@link PostagOptions#embeddingsLimit()}, or {@code null} for the default
         *     100000
         * @return this builder
         */
        public Builder embeddingsLimit(Integer v) {
            if (v != null) {
                embeddingsLimit = v;
            }
            return this;
        }

        /**
         * @param v see {@link PostagOptions#frozenEmbeddings()}, or {@code null} for the default
         *     (false)
         * @return this builder
         */
        public Builder frozenEmbeddings(Boolean v) {
            if (v != null) {
                frozenEmbeddings = v;
            }
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         */
        public PostagOptions build() {
            return new PostagOptions(
                    data,
                    dev,
                    out,
                    tagset,
                    cell,
                    hiddenSize,
                    numLayers,
                    bidirectional,
                    dropout,
                    embeddingSize,
                    charSlots,
                    batchSize,
                    epochs,
                    patience,
                    learningRate,
                    lrDecay,
                    wordDropout,
                    minCount,
                    devFraction,
                    seed,
                    smoke,
                    resume,
                    progressBar,
                    embeddings,
                    embeddingsLimit,
                    frozenEmbeddings);
        }
    }
}
