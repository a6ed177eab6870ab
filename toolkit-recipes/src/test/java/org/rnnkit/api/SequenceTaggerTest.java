package org.rnnkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.postag.PostagModel;

class SequenceTaggerTest {

    @TempDir Path dir;

    /** Determiner, noun, verb sentences: "the dog runs", "a cat sleeps", ... (16 sentences). */
    static final List<List<String>> SENTENCES = new ArrayList<>();

    static final List<List<String>> TAGS = new ArrayList<>();

    static {
        for (String det : List.of("the", "a")) {
            for (String noun : List.of("dog", "cat", "bird", "fish")) {
                for (String verb : List.of("runs", "sleeps")) {
                    SENTENCES.add(List.of(det, noun, verb));
                    TAGS.add(List.of("DET", "NOUN", "VERB"));
                }
            }
        }
    }

    private static SequenceTagger.Builder tiny() {
        return SequenceTagger.builder()
                .epochs(8)
                .patience(8)
                .hiddenSize(8)
                .numLayers(1)
                .dropout(0.0)
                .embeddingSize(8)
                .minCount(1)
                .wordDropout(0.0)
                .batchSize(4)
                .learningRate(0.02)
                .progressBar(false);
    }

    @Test
    void givenSentences_whenFitPredictSaveLoad_thenLearnsAndReloadTagsTheSame() throws IOException {
        SequenceTagger tagger = tiny().build();
        RecipeResult fit = tagger.fit(SENTENCES, TAGS);
        assertTrue(fit.metrics().containsKey("accuracy"), fit.metrics().toString());

        List<String> sentence = List.of("a", "bird", "sleeps");
        assertEquals(List.of("DET", "NOUN", "VERB"), tagger.tag(sentence));
        Path file = dir.resolve("postag.zip");
        tagger.save(file);
        SequenceTagger loaded = SequenceTagger.load(file);
        assertEquals(tagger.predict(SENTENCES), loaded.predict(SENTENCES));
        // the same bundle the command line reads
        assertEquals(
                List.of(tagger.tag(sentence)), PostagModel.load(file).predict(List.of(sentence)));
        assertEquals(1.0, loaded.evaluate(SENTENCES, TAGS).metrics().get("accuracy"), 1e-9);
    }

    @Test
    void givenWordTagFile_whenFitAndEvaluated_thenSameFlowAsTheCommandLine() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SENTENCES.size(); i++) {
            for (int j = 0; j < SENTENCES.get(i).size(); j++) {
                text.append(j == 0 ? "" : " ")
                        .append(SENTENCES.get(i).get(j))
                        .append('/')
                        .append(TAGS.get(i).get(j));
            }
            text.append('\n');
        }
        Path data = Files.writeString(dir.resolve("train.txt"), text.toString());
        SequenceTagger tagger = tiny().epochs(1).build();
        RecipeResult fit = tagger.fit(data, data);
        RecipeResult evaluation = tagger.evaluate(data);
        assertTrue(evaluation.report().startsWith(data + ": 16 sentences"), evaluation.report());
        assertEquals(fit.metrics().get("accuracy"), evaluation.metrics().get("accuracy"), 1e-9);
    }

    @Test
    void givenSentenceWithTooFewTags_whenFit_thenMessageNamesTheCallersIndex() {
        List<List<String>> tags = new ArrayList<>(TAGS);
        tags.set(11, List.of("DET", "NOUN"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> tiny().build().fit(SENTENCES, tags));
        assertEquals(
                "sentence 11 has 3 words but 2 tags; expected one tag per word", e.getMessage());
    }

    @Test
    void givenEmptySentence_whenPredicted_thenMessageNamesItsIndex() throws IOException {
        SequenceTagger tagger = tiny().epochs(1).build();
        tagger.fit(SENTENCES, TAGS);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tagger.predict(List.of(List.of("a", "dog"), List.of())));
        assertEquals("sentence 1 is empty; every sentence needs a word", e.getMessage());
    }

    @Test
    void givenUnknownDevTag_whenFit_thenMessageNamesTheDevIndex() {
        List<List<String>> devTags = new ArrayList<>(TAGS);
        devTags.set(4, List.of("DET", "ADJ", "VERB"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(SENTENCES, TAGS, SENTENCES, devTags));
        assertEquals(
                "tag 1 of dev sentence 4 is 'ADJ'; expected one of the tags seen in training"
                        + " [DET, NOUN, VERB]",
                e.getMessage());
    }

    @Test
    void givenMismatchedLists_whenFit_thenMessageNamesBothSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(SENTENCES, TAGS.subList(0, 3)));
        assertEquals(
                "expected one element of tags per element of sentences, received:"
                        + " sentences.size()=16, tags.size()=3",
                e.getMessage());
    }

    @Test
    void givenNoModel_whenTagged_thenIllegalState() {
        assertThrows(IllegalStateException.class, () -> tiny().build().tag(List.of("a", "dog")));
    }
}
