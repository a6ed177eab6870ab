package org.rnnkit.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.rnnkit.data.Tagset;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rnnkit postag train} that are the recipe's own (beside {@link TrainingFlags}
 * and {@link EmbeddingFlags}), declared as a picocli mixin. Fields are null (or false) when not
 * given, so the defaults stay in {@code PostagOptions}.
 */
final class PostagFlags {

    @Option(names = "--tagset", paramLabel = "upos|xpos", description = "CoNLL-U tag column.")
    String tagset;

    @Option(names = "--unidirectional", description = "Read sentences left to right only.")
    boolean unidirectional;

    @Option(
            names = "--embeddings",
            paramLabel = "PATH",
            description =
                    "Pretrained word vectors (GloVe or word2vec text, optionally .gz) to start the"
                            + " word embedding from; the file's first --embeddings-limit words"
                            + " (lower-cased) join the training words in the vocabulary. Without"
                            + " --embedding-size the size is taken from the file.")
    Path embeddings;

    @Option(
            names = "--embeddings-limit",
            paramLabel = "N",
            description =
                    "How many words from the start of the --embeddings file join the vocabulary"
                            + " (default 100000).")
    Integer embeddingsLimit;

    @Option(
            names = "--frozen-embeddings",
            description =
                    "Keep the --embeddings vectors unchanged in a table of their own, beside a"
                            + " trainable embedding (--embedding-size, default 100) for the"
                            + " training words: unseen words with a vector then look like rare"
                            + " training words do after word dropout.")
    boolean frozenEmbeddings;

    @Option(
            names = "--char-slots",
            paramLabel = "N",
            description = "Character slots per word, incl. one padding slot at each end.")
    Integer charSlots;

    @Option(
            names = "--lr-decay",
            paramLabel = "F",
            description = "Learning-rate factor per epoch (default 0.9).")
    Double lrDecay;

    @Option(
            names = "--word-dropout",
            paramLabel = "ALPHA",
            description =
                    "Replace a word seen n times by <unk> with probability ALPHA/(ALPHA+n)"
                            + " while training (default 0.25; 0 turns it off).")
    Double wordDropout;

    @Option(
            names = "--dev-fraction",
            paramLabel = "F",
            description = "Share held out as dev set without --dev.")
    Double devFraction;

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
}
