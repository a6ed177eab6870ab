package org.rnnkit.recipes.caption;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the image captioning recipe: the shared {@link TrainingOptions} plus its own.
 * Immutable; validated on construction; built by {@link CaptionOptionsBuilder} (generated) or
 * copied by the {@code withX} methods, e.g. {@code defaults().withImageSize(64)}.
 *
 * @param training the shared settings: {@code data} is a captions corpus (directory in the
 *     captions.txt, Flickr8k or COCO layout, or a COCO .json), {@code dev} a corpus whose images
 *     are all dev images ({@code null}: the corpus's {@code dev} split, else a seeded split);
 *     {@code maxLength} is the caption tokens kept plus EOS, also the decoding limit; the decoder
 *     reads forward, so {@code bidirectional} must be false
 * @param encoder {@code cnn} (a small CNN trained with the decoder), or a frozen pretrained encoder
 *     whose features are computed once: {@code resnet50}, {@code vgg16} (DL4J zoo) or {@code
 *     centernet} (the COCO detector of {@link CenternetEncoder})
 * @param encoderWeights the frozen encoder's weights (resnet50, vgg16: a DL4J model zip; centernet:
 *     its centernet.json, the .bin beside it, by default {@link
 *     CenternetEncoder#defaultModelFile()}); the bundle records path and SHA-256
 * @param imageSize side in pixels of the square images the CNN encoder reads (zoo encoders: 224)
 * @param imageVectorSize width of the image vector the decoder reads
 * @param attentionSize centernet: width of the projected 8x8 regions the decoder attends over at
 *     every step (0: no attention); the other encoders have no regions and ignore it
 * @param embeddingSize word embedding width
 * @param minCount fewest training occurrences for a word to get its own id
 * @param lrDecay the learning rate's factor per epoch
 * @param devFraction dev share of the images when neither {@code dev} nor the corpus gives a dev
 *     split
 * @param selectionSize dev images captioned greedily after each epoch to select the model by BLEU-4
 * @param beamWidth beam width of the final evaluation
 * @param lengthPenalty length-penalty exponent of beam search
 */
@RecordBuilder
public record CaptionOptions(
        TrainingOptions training,
        String encoder,
        Path encoderWeights,
        int imageSize,
        int imageVectorSize,
        int attentionSize,
        int embeddingSize,
        int minCount,
        double lrDecay,
        double devFraction,
        int selectionSize,
        int beamWidth,
        double lengthPenalty)
        implements RecipeOptions, CaptionOptionsBuilder.With {

    /** The default number of epochs. */
    public static final int DEFAULT_EPOCHS = 20;

    /** The image encoders. */
    public static final List<String> ENCODERS = List.of("cnn", "resnet50", "vgg16", "centernet");

    /**
     * Validates the settings; without {@code encoderWeights}, centernet reads the fetched model.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     * @throws NullPointerException when {@code training} or {@code encoder} is null
     */
    public CaptionOptions {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(encoder, "encoder");
        Recipes.require(!training.bidirectional(), "bidirectional", true, "false (reads forward)");
        Recipes.atLeast("maxLength", training.maxLength(), 2);
        Recipes.require(
                ENCODERS.contains(encoder),
                "encoder must be one of " + ENCODERS + ", received: encoder=" + encoder);
        if (encoderWeights == null && encoder.equals("centernet")) {
            encoderWeights = CenternetEncoder.defaultModelFile();
        }
        Recipes.require(
                encoder.equals("cnn") || encoderWeights != null,
                "encoder=" + encoder + " needs encoderWeights (a local DL4J model zip)");
        Recipes.atLeast("imageSize", imageSize, 8);
        Recipes.atLeast("imageVectorSize", imageVectorSize, 1);
        Recipes.atLeast("attentionSize", attentionSize, 0);
        Recipes.atLeast("embeddingSize", embeddingSize, 1);
        Recipes.atLeast("minCount", minCount, 1);
        Recipes.require(lrDecay > 0 && lrDecay <= 1, "lrDecay", lrDecay, "in (0, 1]");
        Recipes.require(
                devFraction > 0 && devFraction < 1, "devFraction", devFraction, "in (0, 1)");
        Recipes.atLeast("selectionSize", selectionSize, 1);
        Recipes.atLeast("beamWidth", beamWidth, 1);
        Recipes.require(lengthPenalty >= 0, "lengthPenalty", lengthPenalty, ">= 0");
    }

    /**
     * Returns the defaults: a 3-block CNN on 32x32 images, image vector 128, attention 256, words
     * 64 wide seen 3 times, one LSTM of 128, captions of at most 19 words, batches of 32, at most
     * 20 epochs (patience 4) selected on 300 dev images, Adam 2e-3 x 0.9 per epoch, beam 3.
     *
     * @return the defaults
     */
    public static CaptionOptions defaults() {
        TrainingOptions shared = TrainingOptions.defaults(CaptionModel.TASK);
        TrainingOptions training =
                shared.with(t -> t.epochs(DEFAULT_EPOCHS).batchSize(32).maxLength(20).patience(4));
        return new CaptionOptions(
                training, "cnn", null, 32, 128, 256, 64, 3, 0.9, 0.1, 300, 3, 0.0);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static CaptionOptionsBuilder builder() {
        return CaptionOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public CaptionOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }

    /**
     * Returns whether the decoder attends over image regions.
     *
     * @return true for {@code centernet} with {@code attentionSize > 0}
     */
    public boolean attention() {
        return encoder.equals("centernet") && attentionSize > 0;
    }

    /**
     * Returns whether the encoder is a frozen pretrained network.
     *
     * @return true for {@code resnet50}, {@code vgg16} and {@code centernet}
     */
    public boolean frozenEncoder() {
        return !encoder.equals("cnn");
    }
}
