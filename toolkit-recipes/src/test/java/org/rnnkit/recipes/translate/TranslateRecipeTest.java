package org.rnnkit.recipes.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.eval.Bleu;
import org.rnnkit.recipes.OldBundles;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SharedDatasets;
import org.rnnkit.recipes.translate.TranslateModel.Translation;

class TranslateRecipeTest {

    @TempDir Path dir;

    @Test
    void givenGeneratedDates_whenTrained_thenBleuIsHighAndTheBundleTranslatesTheSame()
            throws IOException {
        Path data = dir.resolve("dates.tsv");
        TranslateDataGenerator.write(data, 3000, 7);
        TranslateOptions options =
                TranslateOptions.defaults()
                        .withTraining(
                                t ->
                                        t.data(data)
                                                .hiddenSize(64)
                                                .batchSize(32)
                                                .learningRate(4e-3)
                                                .epochs(4)
                                                .out(dir.resolve("t.zip")))
                        .with(b -> b.embeddingSize(32).devFraction(0.05).selectionSize(100))
                        .withBeamWidth(3);
        RecipeResult r = TranslateRecipe.train(options);
        assertTrue(r.metrics().get("bleu") > 60, r.report());
        assertTrue(r.metrics().get("chrf") > 60, r.report());
        assertTrue(r.report().contains("re-running the graph"), r.report());

        List<String> sentences = List.of("the third of march two thousand and seven", "5 may 1999");
        List<Translation> loaded = TranslateRecipe.predict(options.training().out(), sentences, 3);
        assertEquals(2, loaded.size());
        assertTrue(loaded.get(1).text().matches("[0-9 -]+"), loaded.get(1).text());

        // padding invariance: a sentence decoded alone and next to a longer one gives the same
        TranslateModel model = TranslateModel.load(options.training().out());
        SequenceDecoder decoder = SequenceDecoder.builder().optBeamWidth(3).build();
        Translation alone = model.translate(List.of("5 may 1999"), decoder, true, true).get(0);
        Translation padded = model.translate(sentences, decoder, true, true).get(1);
        assertArrayEquals(alone.hypothesis().tokens(), padded.hypothesis().tokens());
        assertEquals(
                alone.hypothesis().logProbability(), padded.hypothesis().logProbability(), 1e-4);
        assertEquals(loaded.get(1).text(), alone.text());

        // cached-state decoding equals re-running the graph, on the recipe's model
        Translation rerun = model.translate(List.of("5 may 1999"), decoder, true, false).get(0);
        assertArrayEquals(alone.hypothesis().tokens(), rerun.hypothesis().tokens());
        assertEquals(
                alone.hypothesis().logProbability(), rerun.hypothesis().logProbability(), 1e-4);

        RecipeResult eval = TranslateRecipe.evaluate(options.training().out(), data, 1, null);
        assertEquals(eval.metrics().get("bleu"), eval.metrics().get("bleu_greedy"), 1e-9);
        assertTrue(eval.metrics().containsKey("bleu_multi_reference"));
    }

    @Test
    void givenSeveralTranslationsOfOneSource_whenGroupedBySource_thenAnyOfThemCounts() {
        Bleu bleu = Bleu.builder().build();
        List<String> sources = List.of("We won.", "We won.", "I ran away quickly.");
        List<String> hyps =
                List.of("Nous avons gagné .", "Nous avons gagné .", "Je me suis enfui vite .");
        List<String> refs =
                List.of("Nous gagnâmes.", "Nous avons gagné.", "Je me suis enfui vite.");
        // pair by pair the first output misses its reference; grouped, each source has its match
        assertTrue(bleu.corpusSingleReference(hyps, refs).score() < 100);
        assertEquals(
                100.0, TranslateRecipe.groupedBySource(bleu, sources, hyps, refs).score(), 1e-9);
        // the same as scoring the distinct sources with their reference lists
        List<String> other = List.of("Nous gagnâmes .", "Nous gagnâmes .", "Je suis parti vite .");
        assertEquals(
                bleu.corpus(
                                List.of(other.get(0), other.get(2)),
                                List.of(List.of(refs.get(0), refs.get(1)), List.of(refs.get(2))))
                        .score(),
                TranslateRecipe.groupedBySource(bleu, sources, other, refs).score(),
                1e-9);
    }

    @Test
    void givenFrenchElisions_whenTokenized_thenSplitAndJoinedBackUnlessDisabled()
            throws IOException {
        TranslateOptions whole = TranslateOptions.defaults();
        TranslateOptions split = whole.withSplitElisions(true);
        assertFalse(whole.splitElisions(), "off by default");
        String text = "Je pense qu'il l'aime aujourd'hui.";
        List<String> tokens = TranslateModel.tokenize(text, split);
        assertEquals(List.of("Je", "pense", "qu'", "il", "l'", "aime", "aujourd'hui", "."), tokens);
        assertEquals(
                "Je pense qu'il l'aime aujourd'hui .", TranslateModel.detokenize(tokens, split));
        assertEquals(
                Bleu.builder().build().tokenize(text),
                Bleu.builder().build().tokenize(TranslateModel.detokenize(tokens, split)));
        assertEquals(
                List.of("Je", "pense", "qu'il", "l'aime", "aujourd'hui", "."),
                TranslateModel.tokenize(text, whole));

        // the options survive their JSON; a bundle written before the setting existed (format 1,
        // no splitElisions) keeps its whole-token vocabulary
        ObjectNode json = OptionsJson.write(split);
        assertTrue(json.get("splitElisions").asBoolean());
        assertEquals(split, read(json));
        ObjectNode veryOld = OldBundles.defaults("translate");
        veryOld.remove("splitElisions");
        assertEquals(whole, read(veryOld));
    }

    @Test
    void givenBundleWrittenBy8340b8e_whenLoadedAndRetrained_thenSameOptionsAndMetrics()
            throws IOException {
        TranslateModel old = TranslateModel.load(OldBundles.of("translate"));
        TranslateOptions options = old.options();
        assertEquals(7, options.training().seed());
        assertEquals(8, options.training().hiddenSize());
        assertEquals(8, options.embeddingSize());
        assertEquals(40, options.training().maxLength(), "the old maxSourceLength");
        assertEquals(50, options.maxTargetLength());
        assertTrue(options.training().bidirectional());
        assertTrue(options.training().smoke());
        List<Translation> translated =
                TranslateRecipe.predict(OldBundles.of("translate"), List.of("5 may 1999"), 2);
        assertEquals(1, translated.size());
        RecipeResult again =
                TranslateRecipe.train(options.withTraining(t -> t.out(dir.resolve("again.zip"))));
        OldBundles.assertSameMetrics(old.bundle().metrics(), again.metrics());
    }

    @Test
    void givenDefaultsOf8340b8e_whenRead_thenEqualToToday() throws IOException {
        assertEquals(TranslateOptions.defaults(), read(OldBundles.defaults("translate")));
    }

    @Test
    void givenFormat1WithMaxSourceLength_whenRead_thenItIsTheTrainingMaxLength()
            throws IOException {
        ObjectNode old = OldBundles.defaults("translate").put("maxSourceLength", 25);
        TranslateOptions options = read(old);
        assertEquals(25, options.training().maxLength());
        assertEquals(TranslateOptions.defaults().withTraining(t -> t.maxLength(25)), options);
    }

    @Test
    @Tag("slow")
    void givenFrenchEnglish_whenTrainedWithTheBenchmarkSettings_thenDevBleuAtLeast35()
            throws IOException {
        Path data = SharedDatasets.require("fra-eng/fra-train.txt", "fra-eng");
        RecipeResult r =
                TranslateRecipe.train(
                        TranslateOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(data)
                                                        .maxLength(25)
                                                        .batchSize(128)
                                                        .epochs(7)
                                                        .out(dir.resolve("fra.zip")))
                                .with(b -> b.maxVocabulary(8000).maxTargetLength(30)));
        assertTrue(r.metrics().get("bleu") >= 35, "dev BLEU " + r.metrics().get("bleu"));
    }

    private TranslateOptions read(ObjectNode json) throws IOException {
        return TranslateModel.readOptions(json, dir.resolve("options.zip"));
    }
}
