package org.rnnkit.recipes.caption;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.model.CellType;

/**
 * Settings of the image captioning recipe.
 *
 * @param data a captions corpus (directory in the captions.txt, Flickr8k or COCO layout, or a COCO
 *     .json), or {@code null} for the embedded generated scenes
 * @param dev a corpus whose images are all dev images, or {@code null} for the {@code dev} split of
 *     {@code data} (or a seeded split when it has none)
 * @param out the bundle to write
 * @param encoder {@code cnn} (a small CNN trained with the decoder), {@code resnet50} or {@code
 *     vgg16} (DL4J zoo architectures with pretrained weights from {@code encoderWeights}, frozen,
 *     features precomputed)
 * @param encoderWeights the zoo encoder's weights (a DL4J model zip), required for {@code resnet50}
 *     and {@code vgg16}
 * @param imageSize side of the square images fed to the CNN encoder in pixels (zoo encoders use
 *     224)
 * @param imageVectorSize width of the image vector the decoder reads
 * @param embeddingSize word embedding width
 * @param cell the decoder's recurrent cell
 * @param hiddenSize units per decoder layer
 * @param numLayers stacked decoder layers
 * @param dropout drop probability between layers and before the softmax
 * @param minCount fewest training occurrences for a word to get its own id
 * @param maxCaptionLength caption tokens kept plus EOS; also the decoding limit
 * @param batchSize captions per batch
 * @param epochs the most epochs
 * @param patience epochs without dev improvement before stopping
 * @param learningRate Adam's initial step size
 * @param lrDecay the learning rate's factor per epoch
 * @param devFraction dev share of the images when neither {@code dev} nor the corpus gives a dev
 *     split
 * @param selectionSize dev images captioned greedily after each epoch to select the model by BLEU-4
 * @param beamWidth beam width of the final evaluation
 * @param lengthPenalty length-penalty exponent of beam search
 * @param seed the seed of initialisation, split and batch order
 * @param skipBadRows count and skip malformed caption lines and unreadable images instead of
 *     failing
 * @param smoke a two-batch, one-epoch run (checks the pipeline)
 * @param resume continue from the run directory's checkpoint
 * @param progressBar draw a progress bar
 */
public record CaptionOptions(
        Path data,
        Path dev,
        Path out,
        String encoder,
        Path encoderWeights,
        int imageSize,
        int imageVectorSize,
        int embeddingSize,
        CellType cell,
        int hiddenSize,
        int numLayers,
        double dropout,
        int minCount,
        int maxCaptionLength,
        int batchSize,
        int epochs,
        int patience,
        double learningRate,
        double lrDecay,
        double devFraction,
        int selectionSize,
        int beamWidth,
        double lengthPenalty,
        long seed,
        boolean skipBadRows,
        boolean smoke,
        boolean resume,
        boolean progressBar) {

    /** The default number of epochs. */
    public static final int DEFAULT_EPOCHS = 20;

    /** The image encoders. */
    public static final List<String> ENCODERS = List.of("cnn", "resnet50", "vgg16");

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public CaptionOptions {
        java.util.Objects.requireNonNull(out, "out");
        java.util.Objects.requireNonNull(cell, "cell");
        java.util.Objects.requireNonNull(encoder, "encoder");
        require(
                ENCODERS.contains(encoder),
                "encoder must be one of " + ENCODERS + ", received: encoder=" + encoder);
        require(
                encoder.equals("cnn") || encoderWeights != null,
                "encoder="
                        + encoder
                        + " needs encoderWeights (a local DL4J model zip; no download)");
        require(imageSize >= 8, "imageSize must be >= 8, received: imageSize=" + imageSize);
        require(
                imageVectorSize >= 1,
                "imageVectorSize must be >= 1, received: imageVectorSize=" + imageVectorSize);
        require(
                embeddingSize >= 1,
                "embeddingSize must be >= 1, received: embeddingSize=" + embeddingSize);
        require(hiddenSize >= 1, "hiddenSize must be >= 1, received: hiddenSize=" + hiddenSize);
        require(numLayers >= 1, "numLayers must be >= 1, received: numLayers=" + numLayers);
        require(
                dropout >= 0 && dropout < 1,
                "dropout must be in [0, 1), received: dropout=" + dropout);
        require(minCount >= 1, "minCount must be >= 1, received: minCount=" + minCount);
        require(
                maxCaptionLength >= 2,
                "maxCaptionLength must be >= 2, received: maxCaptionLength=" + maxCaptionLength);
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
     * Returns whether the encoder is a frozen pretrained zoo network.
     *
     * @return true for {@code resnet50} and {@code vgg16}
     */
    public boolean frozenEncoder() {
        return !encoder.equals("cnn");
    }

    /**
     * Starts from the defaults: a three-block CNN on 32x32 images, an image vector of 128, word
     * embeddings of 64, one LSTM of 128, words seen 3 times, captions of at most 19 words, batches
     * of 32, at most 20 epochs (patience 4) selected by greedy BLEU-4 on 300 dev images, Adam 2e-3
     * decaying by 0.9 per epoch, beam 3 for the final scores.
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
        b.encoder = encoder;
        b.encoderWeights = encoderWeights;
        b.imageSize = imageSize;
        b.imageVectorSize = imageVectorSize;
        b.embeddingSize = embeddingSize;
        b.cell = cell;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.dropout = dropout;
        b.minCount = minCount;
        b.maxCaptionLength = maxCaptionLength;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.patience = patience;
        b.learningRate = learningRate;
        b.lrDecay = lrDecay;
        b.devFraction = devFraction;
        b.selectionSize = selectionSize;
        b.beamWidth = beamWidth;
        b.lengthPenalty = lengthPenalty;
        b.seed = seed;
        b.skipBadRows = skipBadRows;
        b.smoke = smoke;
        b.resume = resume;
        b.progressBar = progressBar;
        return b;
    }

    /** Builds {@link CaptionOptions}; a setter given {@code null} keeps the default. */
    public static final class Builder {
        private Path data = null;
        private Path dev = null;
        private Path out = Path.of("caption.zip");
        private String encoder = "cnn";
        private Path encoderWeights = null;
        private int imageSize = 32;
        private int imageVectorSize = 128;
        private int embeddingSize = 64;
        private CellType cell = CellType.LSTM;
        private int hiddenSize = 128;
        private int numLayers = 1;
        private double dropout = 0.0;
        private int minCount = 3;
        private int maxCaptionLength = 20;
        private int batchSize = 32;
        private int epochs = DEFAULT_EPOCHS;
        private int patience = 4;
        private double learningRate = 2e-3;
        private double lrDecay = 0.9;
        private double devFraction = 0.1;
        private int selectionSize = 300;
        private int beamWidth = 3;
        private double lengthPenalty = 0.0;
        private long seed = 42;
        private boolean skipBadRows = false;
        private boolean smoke = false;
        private boolean resume = false;
        private boolean progressBar = false;

        private Builder() {}

        /**
         * Sets {@link CaptionOptions#data()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder data(Path v) {
            data = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#dev()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder dev(Path v) {
            dev = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#out()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder out(Path v) {
            out = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#encoder()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder encoder(String v) {
            if (v != null) {
                encoder = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#encoderWeights()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder encoderWeights(Path v) {
            encoderWeights = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#imageSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder imageSize(Integer v) {
            if (v != null) {
                imageSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#imageVectorSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder imageVectorSize(Integer v) {
            if (v != null) {
                imageVectorSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#embeddingSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder embeddingSize(Integer v) {
            if (v != null) {
                embeddingSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#cell()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder cell(CellType v) {
            if (v != null) {
                cell = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#hiddenSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder hiddenSize(Integer v) {
            if (v != null) {
                hiddenSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#numLayers()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder numLayers(Integer v) {
            if (v != null) {
                numLayers = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#dropout()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder dropout(Double v) {
            if (v != null) {
                dropout = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#minCount()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder minCount(Integer v) {
            if (v != null) {
                minCount = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#maxCaptionLength()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder maxCaptionLength(Integer v) {
            if (v != null) {
                maxCaptionLength = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#batchSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder batchSize(Integer v) {
            if (v != null) {
                batchSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#epochs()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder epochs(Integer v) {
            if (v != null) {
                epochs = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#patience()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder patience(Integer v) {
            if (v != null) {
                patience = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#learningRate()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder learningRate(Double v) {
            if (v != null) {
                learningRate = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#lrDecay()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder lrDecay(Double v) {
            if (v != null) {
                lrDecay = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#devFraction()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder devFraction(Double v) {
            if (v != null) {
                devFraction = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#selectionSize()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder selectionSize(Integer v) {
            if (v != null) {
                selectionSize = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#beamWidth()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder beamWidth(Integer v) {
            if (v != null) {
                beamWidth = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#lengthPenalty()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder lengthPenalty(Double v) {
            if (v != null) {
                lengthPenalty = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#seed()}.
         *
         * @param v the value ({@code null} keeps the default)
         * @return this builder
         */
        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /**
         * Sets {@link CaptionOptions#skipBadRows()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder skipBadRows(boolean v) {
            skipBadRows = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#smoke()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder smoke(boolean v) {
            smoke = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#resume()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /**
         * Sets {@link CaptionOptions#progressBar()}.
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
        public CaptionOptions build() {
            return new CaptionOptions(
                    data,
                    dev,
                    out,
                    encoder,
                    encoderWeights,
                    imageSize,
                    imageVectorSize,
                    embeddingSize,
                    cell,
                    hiddenSize,
                    numLayers,
                    dropout,
                    minCount,
                    maxCaptionLength,
                    batchSize,
                    epochs,
                    patience,
                    learningRate,
                    lrDecay,
                    devFraction,
                    selectionSize,
                    beamWidth,
                    lengthPenalty,
                    seed,
                    skipBadRows,
                    smoke,
                    resume,
                    progressBar);
        }
    }
}
