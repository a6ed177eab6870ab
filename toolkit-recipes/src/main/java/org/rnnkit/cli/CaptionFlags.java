package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.nio.file.Path;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.caption.CaptionOptionsBuilder;
import org.rnnkit.recipes.caption.CenternetEncoder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Caption's own {@code train} flags, beside {@link TrainingFlags} and {@link EmbeddingFlags},
 * declared as a picocli mixin and mapped onto {@link CaptionOptions} by {@link #apply}, with the
 * {@link CaptionColumnFlags} in the training options' data format. Fields are null when not given,
 * so the defaults stay in {@link CaptionOptions#defaults()} (with {@code --encoder centernet}:
 * {@link CenternetEncoder#captionDefaults()}).
 */
final class CaptionFlags {

    @Option(
            names = "--encoder",
            paramLabel = "cnn|resnet50|vgg16|centernet",
            descriptionKey = "caption.encoder")
    String encoder;

    @Option(
            names = "--encoder-weights",
            paramLabel = "FILE",
            descriptionKey = "caption.encoder-weights")
    Path encoderWeights;

    @Option(names = "--image-size", paramLabel = "PX", descriptionKey = "caption.image-size")
    Integer imageSize;

    @Option(
            names = "--image-vector-size",
            paramLabel = "I",
            descriptionKey = "caption.image-vector-size")
    Integer imageVectorSize;

    @Option(names = "--attention-size", paramLabel = "A", descriptionKey = "caption.attention-size")
    Integer attentionSize;

    @Option(names = "--beam", paramLabel = "K", descriptionKey = "caption.beam")
    Integer beam;

    @Option(names = "--lr-decay", paramLabel = "F", descriptionKey = "caption.lr-decay")
    Double lrDecay;

    @Mixin CaptionColumnFlags columns;

    /**
     * Returns caption's options: the shared training flags, the embedding flags and these.
     *
     * @param common the shared training flags
     * @param embedding the embedding flags
     * @return the options
     * @throws IllegalArgumentException when a value is out of range
     */
    CaptionOptions apply(TrainingFlags common, EmbeddingFlags embedding) {
        CaptionOptions defaults =
                "centernet".equals(encoder)
                        ? CenternetEncoder.captionDefaults()
                        : CaptionOptions.defaults();
        CaptionOptionsBuilder b =
                CaptionOptionsBuilder.builder(defaults)
                        .training(common.apply(defaults.training(), columns::apply));
        set(encoder, b::encoder);
        set(encoderWeights, b::encoderWeights);
        set(imageSize, b::imageSize);
        set(imageVectorSize, b::imageVectorSize);
        set(attentionSize, b::attentionSize);
        set(embedding.embeddingSize, b::embeddingSize);
        set(embedding.minCount, b::minCount);
        set(beam, b::beamWidth);
        set(lrDecay, b::lrDecay);
        return b.build();
    }
}
