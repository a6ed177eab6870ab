package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import org.rnnkit.recipes.translate.TranslateOptions;
import org.rnnkit.recipes.translate.TranslateOptionsBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rnnkit translate train} beside {@link TrainingFlags} and {@link
 * EmbeddingFlags}, declared as a picocli mixin and mapped onto {@link TranslateOptions} by {@link
 * #apply}, with the {@link TranslateColumnFlags} in the training options' data format. Fields are
 * null (or false) when not given, so the defaults stay in {@link TranslateOptions#defaults()}.
 */
final class TranslateFlags {

    @Option(names = "--reverse", descriptionKey = "translate.reverse")
    boolean reverse;

    @Option(names = "--shared-vocab", descriptionKey = "translate.shared-vocab")
    boolean sharedVocab;

    @Option(names = "--no-attention", descriptionKey = "translate.no-attention")
    boolean noAttention;

    @Option(names = "--unidirectional", descriptionKey = "translate.unidirectional")
    boolean unidirectional;

    @Option(names = "--max-vocab", paramLabel = "N", descriptionKey = "translate.max-vocab")
    Integer maxVocab;

    @Option(
            names = "--max-target-length",
            paramLabel = "T",
            descriptionKey = "translate.max-target-length")
    Integer maxTargetLength;

    @Option(names = "--beam", paramLabel = "K", descriptionKey = "translate.beam")
    Integer beam;

    @Option(
            names = "--length-penalty",
            paramLabel = "A",
            descriptionKey = "translate.length-penalty")
    Double lengthPenalty;

    @Option(names = "--split-elisions", descriptionKey = "translate.split-elisions")
    boolean splitElisions;

    @Option(names = "--lr-decay", paramLabel = "F", descriptionKey = "translate.lr-decay")
    Double lrDecay;

    @Option(
            names = "--label-smoothing",
            paramLabel = "EPS",
            descriptionKey = "translate.label-smoothing")
    Double labelSmoothing;

    @Option(
            names = "--weight-averaging",
            paramLabel = "D",
            descriptionKey = "translate.weight-averaging")
    Double weightAveraging;

    @Option(names = "--dev-fraction", paramLabel = "F", descriptionKey = "translate.dev-fraction")
    Double devFraction;

    @Mixin TranslateColumnFlags columns;

    /**
     * Returns the translate options of the command line: the recipe's defaults with the training,
     * embedding and translate flags applied. The encoder is bidirectional unless {@code
     * --unidirectional}; {@code --skip-bad-rows} is refused (malformed lines are errors).
     *
     * @param spec the command, named in usage errors
     * @param common the training flags
     * @param embedding the embedding flags
     * @return the options
     * @throws picocli.CommandLine.ParameterException for {@code --skip-bad-rows}, or {@code
     *     --bidirectional} with {@code --unidirectional} (exit status 2)
     * @throws IllegalArgumentException when a value is out of range
     */
    TranslateOptions apply(CommandSpec spec, TrainingFlags common, EmbeddingFlags embedding) {
        CommandOutput.refuse(
                spec,
                common.skipBadRows,
                "translate train does not take --skip-bad-rows: malformed lines are errors");
        CommandOutput.refuse(
                spec,
                unidirectional && common.bidirectional,
                "--bidirectional and --unidirectional exclude each other");
        TranslateOptionsBuilder b =
                TranslateOptions.builder()
                        .training(
                                common.apply(TranslateOptions.defaults().training(), columns::apply)
                                        .withBidirectional(!unidirectional))
                        .reverse(reverse)
                        .sharedVocabulary(sharedVocab)
                        .splitElisions(splitElisions)
                        .attention(!noAttention);
        set(embedding.embeddingSize, b::embeddingSize);
        set(embedding.minCount, b::minCount);
        set(maxVocab, b::maxVocabulary);
        set(maxTargetLength, b::maxTargetLength);
        set(beam, b::beamWidth);
        set(lengthPenalty, b::lengthPenalty);
        set(lrDecay, b::lrDecay);
        set(labelSmoothing, b::labelSmoothing);
        set(weightAveraging, b::weightAveraging);
        set(devFraction, b::devFraction);
        return b.build();
    }
}
