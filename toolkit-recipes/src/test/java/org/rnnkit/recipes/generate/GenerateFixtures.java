package org.rnnkit.recipes.generate;

import java.io.IOException;
import java.nio.file.Path;

/** Small language models trained once per test class on a slice of the embedded stories. */
public final class GenerateFixtures {

    private GenerateFixtures() {}

    /**
     * Trains a small model: 200 stories (seed 1), one epoch, one LSTM layer, embedding 8, TBPTT 20,
     * dev read in chunks of 60.
     *
     * @param out the bundle to write
     * @param level character or word tokens
     * @param hidden the LSTM size
     * @return {@code out}
     * @throws IOException when the bundle cannot be written
     */
    public static Path smallModel(Path out, TextLevel level, int hidden) throws IOException {
        GenerateOptions options =
                GenerateOptions.defaults()
                        .withTraining(
                                t ->
                                        t.out(out)
                                                .epochs(1)
                                                .hiddenSize(hidden)
                                                .maxLength(60)
                                                .progressBar(false))
                        .withLevel(level)
                        .withTbpttLength(20)
                        .withEmbeddingSize(8);
        return GenerateRecipe.train(options, TextDataGenerator.generate(200, 1), null).bundle();
    }
}
