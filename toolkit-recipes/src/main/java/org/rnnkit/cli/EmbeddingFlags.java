package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.rnnkit.recipes.LanguageModelWeights;
import org.rnnkit.text.WordVectors;
import picocli.CommandLine.Option;

/**
 * The token-embedding flags of the recipes that read words (sentiment, postag, translate, caption),
 * declared once as a picocli mixin. Fields are null when not given.
 */
final class EmbeddingFlags {

    @Option(
            names = "--embedding-size",
            paramLabel = "E",
            descriptionKey = "embedding.embedding-size")
    Integer embeddingSize;

    @Option(names = "--min-count", paramLabel = "N", descriptionKey = "embedding.min-count")
    Integer minCount;

    /**
     * Returns the embedding size: {@code --embedding-size} when given, else the dimension of the
     * pretrained vectors (and says so on {@code out}), else null (the recipe's default).
     *
     * @param vectors pretrained word vectors whose dimension the embedding must take, or null
     * @param out where the chosen size is reported
     * @return the size, or null
     * @throws IOException when the vectors file cannot be read
     */
    Integer embeddingSize(Path vectors, PrintWriter out) throws IOException {
        if (embeddingSize != null || vectors == null) {
            return embeddingSize;
        }
        int dimension = WordVectors.read(vectors, 1).dimension();
        out.printf(
                Locale.ROOT, "embedding size set to %d, the dimension of %s%n", dimension, vectors);
        return dimension;
    }

    /**
     * Returns the embedding size as {@link #embeddingSize(Path, PrintWriter)} does, else, when the
     * embedding starts from a {@code generate} language model, that model's embedding size.
     *
     * @param vectors pretrained word vectors, or null
     * @param languageModel a {@code generate} bundle to start from, or null
     * @param out where the chosen size is reported
     * @return the size, or null
     * @throws IOException when the vectors or the bundle cannot be read
     */
    Integer embeddingSize(Path vectors, Path languageModel, PrintWriter out) throws IOException {
        if (embeddingSize != null || vectors != null || languageModel == null) {
            return embeddingSize(vectors, out);
        }
        int dimension = LanguageModelWeights.load(languageModel).embeddings().dimension();
        out.printf(
                Locale.ROOT,
                "embedding size set to %d, the embedding size of %s%n",
                dimension,
                languageModel);
        return dimension;
    }
}
