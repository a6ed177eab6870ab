package org.rnnkit.recipes.postag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.recipes.OldBundles;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SharedDatasets;

class PostagRecipeTest {

    @TempDir Path dir;

    private Path wordTag(String name, List<TaggedSentence> sentences) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, PostagDataGenerator.wordTagLines(sentences), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void givenAmbiguousGeneratedSentences_whenTrained_thenTaggerBeatsMostFrequentTagAndBundleTags()
            throws IOException {
        Path train = wordTag("train.txt", PostagDataGenerator.generate(600, 1));
        Path dev = wordTag("dev.txt", PostagDataGenerator.generate(150, 2));
        RecipeResult r =
                PostagRecipe.train(
                        PostagOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(train)
                                                        .dev(dev)
                                                        .epochs(4)
                                                        .hiddenSize(32)
                                                        .numLayers(1)
                                                        .batchSize(16)
                                                        .out(dir.resolve("t.zip")))
                                .withEmbeddingSize(16));
        double tagger = r.metrics().get("accuracy");
        double baseline = r.metrics().get("baseline_accuracy");
        assertTrue(tagger > 0.98, "tagger accuracy " + tagger);
        assertTrue(baseline < 0.93, "baseline accuracy " + baseline);
        PostagModel m = PostagModel.load(r.bundle());
        assertEquals(
                List.of(
                        List.of("PRON", "VERB", "DET", "NOUN"),
                        List.of("DET", "NOUN", "AUX", "ADJ")),
                m.predict(
                        List.of(
                                List.of("they", "book", "a", "flight"),
                                List.of("the", "book", "is", "old"))));
        // evaluation of the saved bundle reproduces the dev metrics
        RecipeResult again = PostagRecipe.evaluate(r.bundle(), dev);
        assertEquals(tagger, again.metrics().get("accuracy"), 1e-9);
        // unknown tags in evaluation data name the file and line
        Path odd = dir.resolve("odd.txt");
        Files.writeString(odd, "they/PRON book/VERB\nthe/DET zzz/WEIRD\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class, () -> PostagRecipe.evaluate(r.bundle(), odd));
        assertTrue(
                e.getMessage().contains("odd.txt:2:") && e.getMessage().contains("WEIRD"),
                e.getMessage());
    }

    @Test
    void givenLongWords_whenEncoded_thenCharactersKeepBeginningAndEnd() {
        PostagEncoder enc =
                PostagEncoder.fit(
                        List.of(new TaggedSentence(List.of("Abcdefghij"), List.of("X"), 1)), 1, 8);
        try (var batch = enc.batch(List.of(List.of("Abcdefghij", "ok")), null)) {
            float[] chars = batch.extraInputs()[0].reshape(-1).toFloatVector();
            float[] mask = batch.extraMasks()[0].reshape(-1).toFloatVector();
            assertEquals(16, chars.length);
            // word 0: slots 1..6 hold "Abc" + "hij"; slots 0 and 7 are padding
            StringBuilder kept = new StringBuilder();
            for (int s = 1; s <= 6; s++) {
                kept.append(enc.chars().token((int) chars[s]));
            }
            assertEquals("Abchij", kept.toString());
            assertEquals(0f, mask[0]);
            assertEquals(0f, mask[7]);
            // word 1: "ok" has unseen characters -> UNK ids, masked in
            assertEquals(1f, mask[9]);
            assertEquals(1f, mask[10]);
            assertEquals(0f, mask[11]);
        }
    }

    @Test
    void givenBundleWrittenBy8340b8e_whenLoadedAndRetrained_thenSameOptionsAndMetrics()
            throws IOException {
        PostagModel old = PostagModel.load(OldBundles.of("postag"));
        PostagOptions options = old.options();
        assertEquals(7, options.training().seed());
        assertEquals(8, options.training().hiddenSize());
        assertTrue(options.training().bidirectional());
        assertEquals(8, options.embeddingSize());
        assertEquals(16, options.charSlots());
        List<List<String>> tags = old.predict(List.of(List.of("they", "book", "a", "flight")));
        assertEquals(4, tags.get(0).size());
        assertTrue(old.tags().containsAll(tags.get(0)), tags.toString());
        RecipeResult again =
                PostagRecipe.train(options.withTraining(t -> t.out(dir.resolve("again.zip"))));
        OldBundles.assertSameMetrics(old.bundle().metrics(), again.metrics());
    }

    @Test
    void givenDefaultsOf8340b8e_whenRead_thenEqualToToday() throws IOException {
        assertEquals(
                PostagOptions.defaults(),
                OptionsJson.read(
                        OldBundles.defaults("postag"),
                        PostagOptions.class,
                        PostagOptions.defaults(),
                        Map.of(),
                        dir.resolve("defaults.zip")));
    }

    @Test
    @Tag("slow")
    void givenUdEwt_whenTrainedWithDefaults_thenDevUposAccuracyAtLeast955() throws IOException {
        Path data = SharedDatasets.require("ud-ewt", "UD English-EWT");
        RecipeResult r =
                PostagRecipe.train(
                        PostagOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(data.resolve("en_ewt-ud-train.conllu"))
                                                        .dev(data.resolve("en_ewt-ud-dev.conllu"))
                                                        .out(dir.resolve("ewt.zip"))));
        assertTrue(
                r.metrics().get("accuracy") >= 0.955,
                "dev UPOS accuracy " + r.metrics().get("accuracy"));
    }
}
