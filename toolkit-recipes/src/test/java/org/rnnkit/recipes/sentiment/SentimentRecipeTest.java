package org.rnnkit.recipes.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.testing.Fixtures;

class SentimentRecipeTest {

    @TempDir Path dir;

    private Path generated(String name, int size, long seed) throws IOException {
        StringBuilder sb = new StringBuilder("label\ttext\n");
        for (LabeledText e : SentimentDataGenerator.generate(size, seed).examples()) {
            sb.append(e.label()).append('\t').append(e.text()).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void givenSameSeed_whenTrainedTwice_thenSameMetrics() throws IOException {
        Path data = generated("d.tsv", 300, 1);
        SentimentOptions options =
                SentimentOptions.builder()
                        .data(data)
                        .epochs(2)
                        .hiddenSize(8)
                        .embeddingSize(8)
                        .batchSize(32)
                        .build();
        RecipeResult a =
                SentimentRecipe.train(options.toBuilder().out(dir.resolve("a.zip")).build());
        RecipeResult b =
                SentimentRecipe.train(options.toBuilder().out(dir.resolve("b.zip")).build());
        assertEquals(a.metrics(), b.metrics());
        assertEquals(
                ModelBundle.load(a.bundle()).network().params(),
                ModelBundle.load(b.bundle()).network().params());
    }

    @Test
    void givenOrderDependentReviews_whenTrained_thenRnnBeatsBagOfWords() throws IOException {
        Path train = generated("train.tsv", 1600, 2);
        Path dev = generated("dev.tsv", 400, 3);
        RecipeResult r =
                SentimentRecipe.train(
                        SentimentOptions.builder()
                                .data(train)
                                .dev(dev)
                                .epochs(10)
                                .hiddenSize(32)
                                .dropout(0.0)
                                .embeddingSize(16)
                                .batchSize(16)
                                .out(dir.resolve("m.zip"))
                                .build());
        double rnn = r.metrics().get("accuracy");
        double bow = r.metrics().get("baseline_accuracy");
        assertTrue(rnn > 0.9, "RNN accuracy " + rnn);
        assertTrue(bow < 0.8, "bag-of-words accuracy " + bow);
        SentimentModel model = SentimentModel.load(r.bundle());
        List<SentimentModel.Prediction> p =
                model.predict(
                        List.of(
                                "the plot was not bad",
                                "the plot was not good",
                                "great acting but a dull plot",
                                "dull acting but a great plot"));
        assertEquals(
                List.of("pos", "neg", "neg", "pos"),
                p.stream().map(SentimentModel.Prediction::label).toList());
    }

    @Test
    void givenTrainedModel_whenPaddedInBatch_thenSameProbabilitiesAsAlone() throws IOException {
        Path data = generated("d.tsv", 200, 4);
        RecipeResult r =
                SentimentRecipe.train(
                        SentimentOptions.builder()
                                .data(data)
                                .smoke(true)
                                .hiddenSize(8)
                                .bidirectional(true)
                                .out(dir.resolve("m.zip"))
                                .build());
        SentimentModel model = SentimentModel.load(r.bundle());
        List<int[]> ids =
                model.encode(List.of("bad", "the movie was not good at all", "fine but dull"));
        Fixtures.assertPaddingInvariant(model.bundle().network(), ids, 1e-5);
    }

    @Test
    void givenOptions_whenJsonRoundTripped_thenEqual() throws IOException {
        SentimentOptions options =
                SentimentOptions.builder()
                        .data(dir.resolve("x.tsv"))
                        .embeddings(dir.resolve("vectors.txt.gz"))
                        .bidirectional(true)
                        .dropout(0.25)
                        .build();
        String json = ModelBundle.json().writeValueAsString(options);
        assertEquals(options, ModelBundle.json().readValue(json, SentimentOptions.class));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SentimentOptions.builder().batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
    }

    @Test
    void givenGenerator_whenRun_thenBalancedDeterministicAndOrderDependent() {
        LabeledTextDataset a = SentimentDataGenerator.generate(100, 5);
        assertEquals(a.examples(), SentimentDataGenerator.generate(100, 5).examples());
        assertEquals(50, a.examples().stream().filter(e -> e.label().equals("pos")).count());
    }

    @Test
    @Tag("slow")
    void givenImdb_whenTrainedWithDefaults_thenDevAccuracyAtLeast89() throws IOException {
        Path imdb = Path.of("../../shared/datasets/imdb/train.tsv.gz");
        if (!Files.exists(imdb)) {
            imdb = Path.of("../shared/datasets/imdb/train.tsv.gz");
        }
        assumeTrue(Files.exists(imdb), "IMDB data not available");
        RecipeResult r =
                SentimentRecipe.train(
                        SentimentOptions.builder().data(imdb).out(dir.resolve("imdb.zip")).build());
        assertTrue(
                r.metrics().get("accuracy") >= 0.89, "dev accuracy " + r.metrics().get("accuracy"));
    }
}
