package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.translate.TranslateOptions;
import org.rnnkit.recipes.translate.TranslateOptionsBuilder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rnnkit translate train} beside {@link TrainingFlags} and {@link
 * EmbeddingFlags}, declared as a picocli mixin and mapped onto {@link TranslateOptions} by {@link
 * #apply}. Fields are null (or false) when not given, so the defaults stay in {@link
 * TranslateOptions#defaults()}.
 */
final class TranslateFlags {

    @Option(names = "--reverse", description = "Swap the columns.")
    boolean reverse;

    @Option(names = "--shared-vocab", description = "One vocabulary for both sides.")
    boolean sharedVocab;

    @Option(names = "--no-attention", description = "The context-vector model (no attention).")
    boolean noAttention;

    @Option(names = "--unidirectional", description = "Read the source left to right only.")
    boolean unidirectional;

    @Option(names = "--max-vocab", paramLabel = "N", description = "Most ids per side.")
    Integer maxVocab;

    @Option(names = "--max-target-length", paramLabel = "T", description = "Target tokens kept.")
    Integer maxTargetLength;

    @Option(names = "--beam", paramLabel = "K", description = "Beam width of the final scores.")
    Integer beam;

    @Option(
            names = "--length-penalty",
            paramLabel = "A",
            description = "Length-penalty exponent of beam search (default 0.6).")
    Double lengthPenalty;

    @Option(
            names = "--split-elisions",
            description = "Split French elisions off their word (l'homme -> l' homme).")
    boolean splitElisions;

    @Option(names = "--lr-decay", paramLabel = "F", description = "Learning-rate factor per epoch.")
    Double lrDecay;

    @Option(
            names = "--label-smoothing",
            paramLabel = "EPS",
            description =
                    "Share of each target token spread over the vocabulary in training"
                            + " (default 0.1; 0 trains on the references as they are).")
    Double labelSmoothing;

    @Option(
            names = "--weight-averaging",
            paramLabel = "D",
            description =
                    "Per-batch decay of a moving average of the weights, scored beside them after"
                            + " every epoch (default 0.998, about the last 500 batches; 0 turns it"
                            + " off).")
    Double weightAveraging;

    @Option(
            names = "--dev-fraction",
            paramLabel = "F",
            description = "Dev share without --dev (default 0.05).")
    Double devFraction;

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
        TrainingFlags.refuse(
                spec,
                common.skipBadRows,
                "translate train does not take --skip-bad-rows: malformed lines are errors");
        TrainingFlags.refuse(
                spec,
                unidirectional && common.bidirectional,
                "--bidirectional and --unidirectional exclude each other");
        TrainingOptions training = common.apply(TranslateOptions.defaults().training());
        TranslateOptionsBuilder b =
                TranslateOptions.builder()
                        .training(training.withBidirectional(!unidirectional))
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
