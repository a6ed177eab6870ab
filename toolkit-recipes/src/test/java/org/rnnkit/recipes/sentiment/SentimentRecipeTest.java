package org.rnnkit.recipes.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.recipes.OldBundles;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SharedDatasets;
import org.rnnkit.recipes.TrainingOptionsBuilder;
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
                SentimentOptions.defaults()
                        .withTraining(t -> t.data(data).epochs(2).hiddenSize(8).batchSize(32))
                        .withEmbeddingSize(8);
        RecipeResult a =
                SentimentRecipe.train(options.withTraining(t -> t.out(dir.resolve("a.zip"))));
        RecipeResult b =
                SentimentRecipe.train(options.withTraining(t -> t.out(dir.resolve("b.zip"))));
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
                        SentimentOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(train)
                                                        .dev(dev)
                                                        .epochs(10)
                                                        .hiddenSize(32)
                                                        .dropout(0.0)
                                                        .batchSize(16)
                                                        .out(dir.resolve("m.zip")))
                                .withEmbeddingSize(16));
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
                        SentimentOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(data)
                                                        .smoke(true)
                                                        .hiddenSize(8)
                                                        .bidirectional(true)
                                                        .out(dir.resolve("m.zip"))));
        SentimentModel model = SentimentModel.load(r.bundle());
        List<int[]> ids =
                model.encode(List.of("bad", "the movie was not good at all", "fine but dull"));
        Fixtures.assertPaddingInvariant(model.bundle().network(), ids, 1e-5);
    }

    @Test
    void givenOptions_whenJsonRoundTripped_thenEqual() throws IOException {
        SentimentOptions options =
                SentimentOptions.builder()
                        .training(
                                TrainingOptionsBuilder.builder(
                                                SentimentOptions.defaults().training())
                                        .data(dir.resolve("x.tsv"))
                                        .bidirectional(true)
                                        .dropout(0.25)
                                        .build())
                        .embeddings(dir.resolve("vectors.txt.gz"))
                        .build();
        ObjectNode json = OptionsJson.write(options);
        assertEquals(OptionsJson.FORMAT_VERSION, json.get(OptionsJson.VERSION_KEY).asInt());
        assertEquals(
                options,
                OptionsJson.read(
                        json,
                        SentimentOptions.class,
                        SentimentOptions.defaults(),
                        Map.of(),
                        dir.resolve("m.zip")));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SentimentOptions.defaults().withTraining(t -> t.batchSize(0)));
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
    }

    @Test
    void givenBundleWrittenBy8340b8e_whenLoadedAndRetrained_thenSameOptionsAndMetrics()
            throws IOException {
        SentimentModel old = SentimentModel.load(OldBundles.of("sentiment"));
        SentimentOptions options = old.options();
        assertEquals(7, options.training().seed());
        assertEquals(8, options.training().hiddenSize());
        assertEquals(200, options.maxVocabulary());
        assertEquals(2, old.predict(List.of("a great film", "a dull plot")).size());
        RecipeResult again =
                SentimentRecipe.train(options.withTraining(t -> t.out(dir.resolve("again.zip"))));
        OldBundles.assertSameMetrics(old.bundle().metrics(), again.metrics());
    }

    @Test
    void givenDefaultsOf8340b8e_whenRead_thenEqualToToday() throws IOException {
        assertEquals(
                SentimentOptions.defaults(),
                OptionsJson.read(
                        OldBundles.defaults("sentiment"),
                        SentimentOptions.class,
                        SentimentOptions.defaults(),
                        Map.of(),
                        dir.resolve("defaults.zip")));
    }

    @Test
    void givenOptionsOfANewerFormat_whenRead_thenRefusedNamingBothVersions() {
        ObjectNode json = OptionsJson.write(SentimentOptions.defaults());
        json.put(OptionsJson.VERSION_KEY, OptionsJson.FORMAT_VERSION + 1);
        BundleFormatException e =
                assertThrows(
                        BundleFormatException.class,
                        () ->
                                OptionsJson.read(
                                        json,
                                        SentimentOptions.class,
                                        SentimentOptions.defaults(),
                                        Map.of(),
                                        dir.resolve("future.zip")));
        assertTrue(e.getMessage().contains("future.zip"), e.getMessage());
        assertTrue(
                e.getMessage().contains("version " + (OptionsJson.FORMAT_VERSION + 1)),
                e.getMessage());
        assertTrue(e.getMessage().contains("upgrade rnnkit"), e.getMessage());
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
        Path data = SharedDatasets.require("imdb/train.tsv.gz", "IMDB data");
        RecipeResult r =
                SentimentRecipe.train(
                        SentimentOptions.defaults()
                                .withTraining(t -> t.data(data).out(dir.resolve("imdb.zip"))));
        assertTrue(
                r.metrics().get("accuracy") >= 0.89, "dev accuracy " + r.metrics().get("accuracy"));
    }
}
