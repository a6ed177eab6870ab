package org.rnnkit.recipes.translate;

import java.nio.file.Path;
import org.rnnkit.model.CellType;

/**
 * Settings of the translation recipe.
 *
 * @param data parallel text {@code source<TAB>target}, or {@code null} for the embedded generated
 *     dates
 * @param dev dev pairs, or {@code null} for a seeded split of {@code data} by source sentence
 * @param out the bundle to write
 * @param reverse swap the columns (translate target to source)
 * @param sharedVocabulary one vocabulary for both sides
 * @param splitElisions split French elisions off their word ({@code l'homme} -> {@code l'} {@code
 *     homme}, see {@link org.rnnkit.text.Elisions}) on both sides, joined back in the output;
 *     bundles saved before the setting existed read as {@code false}
 * @param attention attend over the encoder outputs (false: the context-vector model)
 * @param cell the recurrent cell
 * @param hiddenSize units per layer and direction
 * @param numLayers stacked recurrent layers in encoder and decoder
 * @param bidirectional a bidirectional encoder
 * @param dropout drop probability between layers and before the softmax
 * @param embeddingSize token embedding width
 * @param minCount fewest occurrences for a token to get its own id
 * @param maxVocabulary most ids per vocabulary (reserved ids included)
 * @param maxSourceLength source tokens kept
 * @param maxTargetLength target tokens kept (EOS included); also the decoding limit
 * @param batchSize pairs per batch
 * @param epochs the most epochs
 * @param patience epochs without dev improvement before stopping
 * @param learningRate Adam's initial step size
 * @param lrDecay the learning rate's factor per epoch
 * @param labelSmoothing the share {@code eps} of each target token's probability spread evenly over
 *     the target vocabulary in training, in [0, 1); 0 trains on the references as they are
 * @param weightAveraging per-batch decay of an exponential moving average of the weights, evaluated
 *     beside the trained weights after every epoch (the better one can become the model), in [0,
 *     1); 0 turns averaging off
 * @param devFraction dev share when {@code dev} is null
 * @param selectionSize dev pairs decoded greedily after each epoch to select the model by BLEU
 * @param beamWidth beam width of the final evaluation
 * @param lengthPenalty length-penalty exponent of beam search
 * @param seed the seed of initialisation, split and batch order
 * @param smoke a two-batch, one-epoch run (checks the pipeline)
 * @param resume continue from the run directory's checkpoint
 * @param progressBar draw a progress bar
 */
public record TranslateOptions(
        Path data,
        Path dev,
        Path out,
        boolean reverse,
        boolean sharedVocabulary,
        boolean splitElisions,
        boolean attention,
        CellType cell,
        int hiddenSize,
        int numLayers,
        boolean bidirectional,
        double dropout,
        int embeddingSize,
        int minCount,
        int maxVocabulary,
        int maxSourceLength,
        int maxTargetLength,
        int batchSize,
        int epochs,
        int patience,
        double learningRate,
        double lrDecay,
        double labelSmoothing,
        double weightAveraging,
        double devFraction,
        int selectionSize,
        int beamWidth,
        double lengthPenalty,
        long seed,
        boolean smoke,
        boolean resume,
        boolean progressBar) {

    /** The default number of epochs (real data; the embedded dates use 3). */
    public static final int DEFAULT_EPOCHS = 12;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public TranslateOptions {
        java.util.Objects.requireNonNull(out, "out");
        java.util.Objects.requireNonNull(cell, "cell");
        require(hiddenSize >= 1, "hiddenSize must be >= 1, received: hiddenSize=" + hiddenSize);
        require(numLayers >= 1, "numLayers must be >= 1, received: numLayers=" + numLayers);
        require(
                dropout >= 0 && dropout < 1,
                "dropout must be in [0, 1), received: dropout=" + dropout);
        require(
                embeddingSize >= 1,
                "embeddingSize must be >= 1, received: embeddingSize=" + embeddingSize);
        require(minCount >= 1, "minCount must be >= 1, received: minCount=" + minCount);
        require(
                maxVocabulary >= 5,
                "maxVocabulary must be >= 5, received: maxVocabulary=" + maxVocabulary);
        require(
                maxSourceLength >= 1,
                "maxSourceLength must be >= 1, received: maxSourceLength=" + maxSourceLength);
        require(
                maxTargetLength >= 2,
                "maxTargetLength must be >= 2, received: maxTargetLength=" + maxTargetLength);
        require(batchSize >= 1, "batchSize must be >= 1, received: batchSize=" + batchSize);
        require(epochs >= 1, "epochs must be >= 1, received: epochs=" + epochs);
        require(patience >= 1, "patience must be >= 1, received: patience=" + patience);
        require(
                learningRate > 0,
                "learningRate must be > 0, received: learningRate=" + learningRate);
        require(
                lrDecay > 0 && lrDecay <= 1,
                "lrDecay must be in (0, 1], received: lrDecay=" + lrDecay);
        require(
                labelSmoothing >= 0 && labelSmoothing < 1,
                "labelSmoothing must be in [0, 1), received: labelSmoothing=" + labelSmoothing);
        require(
                weightAveraging >= 0 && weightAveraging < 1,
                "weightAveraging must be in [0, 1), received: weightAveraging=" + weightAveraging);
        require(
                devFraction > 0 && devFraction < 1,
                "devFraction must be in (0, 1), received: devFraction=" + devFraction);
        require(
                selectionSize >= 1,
                "selectionSize must be >= 1, received: selectionSize=" + selectionSize);
        require(beamWidth >= 1, "beamWidth must be >= 1, received: beamWidth=" + beamWidth);
        require(
                lengthPenalty >= 0,
                "lengthPenalty must be >= 0, received: lengthPenalty=" + lengthPenalty);
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
     * Starts from the defaults: a bidirectional LSTM encoder of 256 per direction and an LSTM
     * decoder of 256 with Luong attention, embeddings 128, tokens seen twice, at most 20,000 per
     * side, batches of 64, at most 12 epochs (patience 3) selected by greedy BLEU on 1,000 dev
     * pairs, Adam 2e-3 decaying by 0.85 per epoch, label smoothing 0.1, a moving average of the
     * weights with decay 0.998 per batch scored beside them, beam 5 with length penalty 0.6 for the
     * final scores.
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
        b.reverse = reverse;
        b.sharedVocabulary = sharedVocabulary;
        b.splitElisions = splitElisions;
        b.attention = attention;
        b.cell = cell;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.bidirectional = bidirectional;
        b.dropout = dropout;
        b.embeddingSize = embeddingSize;
        b.minCount = minCount;
        b.maxVocabulary = maxVocabulary;
        b.maxSourceLength = maxSourceLength;
        b.maxTargetLength = maxTargetLength;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.patience = patience;
        b.learningRate = learningRate;
        b.lrDecay = lrDecay;
        b.labelSmoothing = labelSmoothing;
        b.weightAveraging = weightAveraging;
        b.devFraction = devFraction;
        b.selectionSize = selectionSize;
        b.beamWidth = beamWidth;
        b.lengthPenalty = lengthPenalty;
        b.seed = seed;
        b.smoke = smoke;
        b.resume = resume;
        b.progressBar = progressBar;
        return b;
    }

    /** Builds {@link TranslateOptions}; a setter given {@code null} keeps the default. */
    public static final class Builder {
        private Path data = null;
        private Path dev = null;
        private Path out = Path.of("translate.zip");
        private boolean reverse = false;
        private boolean sharedVocabulary = false;
        private boolean splitElisions = false;
        private boolean attention = true;
        private CellType cell = CellType.LSTM;
        private int hiddenSize = 256;
        private int numLayers = 1;
        private boolean bidirectional = true;
        private double dropout = 0.2;
        private int embeddingSize = 128;
        private int minCount = 2;
        private int maxVocabulary = 20000;
        private int maxSourceLength = 40;
        private int maxTargetLength = 50;
        private int batchSize = 64;
        private int epochs = DEFAULT_EPOCHS;
        private int patience = 3;
        private double learningRate = 2e-3;
        private double lrDecay = 0.85;
        private double labelSmoothing = 0.1;
        private double weightAveraging = 0.998;
        private double devFraction = 0.05;
        private int selectionSize = 1000;
        private int beamWidth = 5;
        private double lengthPenalty = 0.6;
        private long seed = 42;
        private boolean smoke = false;
        private boolean resume = false;
        private boolean progressBar = false;

        private Builder() {}

        /**
         * Sets {@link TranslateOptions#data()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder data(Path v) {
            data = v;
            return this;
        }

        /**
         * Sets {@link TranslateOptions#dev()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder dev(Path v) {
            dev = v;
            return this;
        }

        /**
         * Sets {@link TranslateOptions#out()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder out(Path v) {
            if (v != null) {
                out = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#reverse()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder reverse(Boolean v) {
            if (v != null) {
                reverse = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#sharedVocabulary()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder sharedVocabulary(Boolean v) {
            if (v != null) {
                sharedVocabulary = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#splitElisions()}.
         *
         * @param v the value, or {@code null} for the default ({@code false})
         * @return this builder
         */
        public Builder splitElisions(Boolean v) {
            if (v != null) {
                splitElisions = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#attention()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder attention(Boolean v) {
            if (v != null) {
                attention = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#cell()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder cell(CellType v) {
            if (v != null) {
                cell = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#hiddenSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder hiddenSize(Integer v) {
            if (v != null) {
                hiddenSize = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#numLayers()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder numLayers(Integer v) {
            if (v != null) {
                numLayers = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#bidirectional()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder bidirectional(Boolean v) {
            if (v != null) {
                bidirectional = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#dropout()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder dropout(Double v) {
            if (v != null) {
                dropout = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#embeddingSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder embeddingSize(Integer v) {
            if (v != null) {
                embeddingSize = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#minCount()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder minCount(Integer v) {
            if (v != null) {
                minCount = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#maxVocabulary()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder maxVocabulary(Integer v) {
            if (v != null) {
                maxVocabulary = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#maxSourceLength()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder maxSourceLength(Integer v) {
            if (v != null) {
                maxSourceLength = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#maxTargetLength()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder maxTargetLength(Integer v) {
            if (v != null) {
                maxTargetLength = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#batchSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder batchSize(Integer v) {
            if (v != null) {
                batchSize = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#epochs()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder epochs(Integer v) {
            if (v != null) {
                epochs = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#patience()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder patience(Integer v) {
            if (v != null) {
                patience = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#learningRate()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder learningRate(Double v) {
            if (v != null) {
                learningRate = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#lrDecay()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder lrDecay(Double v) {
            if (v != null) {
                lrDecay = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#devFraction()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder devFraction(Double v) {
            if (v != null) {
                devFraction = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#selectionSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder selectionSize(Integer v) {
            if (v != null) {
                selectionSize = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#beamWidth()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder beamWidth(Integer v) {
            if (v != null) {
                beamWidth = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#labelSmoothing()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder labelSmoothing(Double v) {
            if (v != null) {
                labelSmoothing = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#weightAveraging()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder weightAveraging(Double v) {
            if (v != null) {
                weightAveraging = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#lengthPenalty()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder lengthPenalty(Double v) {
            if (v != null) {
                lengthPenalty = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#seed()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /**
         * Sets {@link TranslateOptions#smoke()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder smoke(boolean v) {
            smoke = v;
            return this;
        }

        /**
         * Sets {@link TranslateOptions#resume()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /**
         * Sets {@link TranslateOptions#progressBar()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws IllegalArgumentException for a value out of range
         */
        public TranslateOptions build() {
            return new TranslateOptions(
                    data,
                    dev,
                    out,
                    reverse,
                    sharedVocabulary,
                    splitElisions,
                    attention,
                    cell,
                    hiddenSize,
                    numLayers,
                    bidirectional,
                    dropout,
                    embeddingSize,
                    minCount,
                    maxVocabulary,
                    maxSourceLength,
                    maxTargetLength,
                    batchSize,
                    epochs,
                    patience,
                    learningRate,
                    lrDecay,
                    labelSmoothing,
                    weightAveraging,
                    devFraction,
                    selectionSize,
                    beamWidth,
                    lengthPenalty,
                    seed,
                    smoke,
                    resume,
                    progressBar);
        }
    }
}
