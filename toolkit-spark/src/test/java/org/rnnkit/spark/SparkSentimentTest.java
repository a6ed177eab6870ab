package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SparkOptions;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentRecipe;

/**
 * The sentiment recipe trains on Spark local[2] with both training masters and learns what the
 * bag-of-words baseline cannot (the generated reviews' labels depend on word order).
 */
class SparkSentimentTest {

    @TempDir Path dir;

    private RecipeResult train(SparkOptions spark, String name) throws IOException {
        Path train = dir.resolve("train.tsv");
        Path dev = dir.resolve("dev.tsv");
        if (!Files.exists(train)) {
            SentimentDataGenerator.write(train, 1600, 2);
            SentimentDataGenerator.write(dev, 400, 3);
        }
        return SentimentRecipe.train(
                SentimentOptions.defaults()
                        .withTraining(
                                t ->
                                        t.data(train)
                                                .dev(dev)
                                                .epochs(6)
                                                .patience(6)
                                                .hiddenSize(32)
                                                .batchSize(16)
                                                .spark(spark)
                                                .out(dir.resolve(name)))
                        .withEmbeddingSize(16));
    }

    @Test
    void givenLocalSpark_whenTrainedWithEitherMaster_thenLearnsBeyondTheBaseline() throws IOException {
        for (SparkOptions.Mode mode : SparkOptions.Mode.values()) {
            RecipeResult r =
                    train(new SparkOptions("local[2]", mode, 2, 2, 1e-3), mode + ".zip");
            double rnn = r.metrics().get("accuracy");
            double bow = r.metrics().get("baseline_accuracy");
            assertTrue(rnn > bow + 0.1, mode + ": RNN " + rnn + " vs bag-of-words " + bow);
            SentimentModel model = SentimentModel.load(r.bundle());
            assertEquals(
                    List.of("pos", "neg"),
                    model.predict(List.of("the plot was not bad", "the plot was not good")).stream()
                            .map(SentimentModel.Prediction::label)
                            .toList(),
                    mode.toString());
        }
    }
}
