package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.rnnkit.data.Tagset;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.postag.PostagOptionsBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rnnkit postag train} that are the recipe's own (beside {@link TrainingFlags}
 * and {@link EmbeddingFlags}), declared as a picocli mixin, with the {@link PostagColumnFlags} in
 * the training options' data format. Fields are null (or false) when not given, so the defaults
 * stay in {@code PostagOptions}.
 */
final class PostagFlags {

    @Option(names = "--tagset", paramLabel = "upos|xpos", descriptionKey = "postag.tagset")
    String tagset;

    @Option(names = "--unidirectional", descriptionKey = "postag.unidirectional")
    boolean unidirectional;

    @Option(names = "--embeddings", paramLabel = "PATH", descriptionKey = "postag.embeddings")
    Path embeddings;

    @Option(
            names = "--embeddings-limit",
            paramLabel = "N",
            descriptionKey = "postag.embeddings-limit")
    Integer embeddingsLimit;

    @Option(names = "--frozen-embeddings", descriptionKey = "postag.frozen-embeddings")
    boolean frozenEmbeddings;

    @Option(names = "--char-slots", paramLabel = "N", descriptionKey = "postag.char-slots")
    Integer charSlots;

    @Option(names = "--lr-decay", paramLabel = "F", descriptionKey = "postag.lr-decay")
    Double lrDecay;

    @Option(names = "--word-dropout", paramLabel = "ALPHA", descriptionKey = "postag.word-dropout")
    Double wordDropout;

    @Option(names = "--dev-fraction", paramLabel = "F", descriptionKey = "postag.dev-fraction")
    Double devFraction;

    @Mixin PostagColumnFlags columns;

    /**
     * Returns the tag column of {@code --tagset}, case-insensitively.
     *
     * @return the tagset, or null when not given
     * @throws IllegalArgumentException when the name is neither upos nor xpos
     */
    Tagset tagset() {
        if (tagset == null) {
            return null;
        }
        try {
            return Tagset.valueOf(tagset.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "tagset must be one of [upos, xpos], received: tagset=" + tagset);
        }
    }

    /**
     * Returns postag's options: the shared training flags (bidirectional unless {@code
     * --unidirectional}), the embedding flags and these.
     *
     * @param spec the command, named in usage errors
     * @param common the shared training flags
     * @param embedding the embedding flags
     * @param out where a chosen embedding size is reported
     * @return the options
     * @throws CommandLine.ParameterException for flags postag refuses or that need another
     * @throws IOException when the vectors file cannot be read
     */
    PostagOptions apply(
            CommandSpec spec, TrainingFlags common, EmbeddingFlags embedding, PrintWriter out)
            throws IOException {
        CommandOutput.refuse(
                spec,
                common.skipBadRows || common.maxLength != null,
                "postag train does not take --skip-bad-rows or --max-length: sentences are"
                        + " tagged whole and malformed lines are errors");
        CommandOutput.refuse(
                spec,
                unidirectional && common.bidirectional,
                "--bidirectional and --unidirectional exclude each other");
        CommandOutput.refuse(
                spec,
                embeddingsLimit != null && embeddings == null,
                "--embeddings-limit needs --embeddings");
        CommandOutput.refuse(
                spec,
                frozenEmbeddings && embeddings == null,
                "--frozen-embeddings needs --embeddings");
        PostagOptionsBuilder b =
                PostagOptions.builder()
                        .training(
                                common.apply(PostagOptions.defaults().training(), columns::apply)
                                        .withBidirectional(!unidirectional));
        set(tagset(), b::tagset);
        set(embedding.embeddingSize(frozenEmbeddings ? null : embeddings, out), b::embeddingSize);
        set(embeddings, b::embeddings);
        set(embeddingsLimit, b::embeddingsLimit);
        set(embedding.minCount, b::minCount);
        set(charSlots, b::charSlots);
        set(lrDecay, b::lrDecay);
        set(wordDropout, b::wordDropout);
        set(devFraction, b::devFraction);
        return b.frozenEmbeddings(frozenEmbeddings).build();
    }
}
