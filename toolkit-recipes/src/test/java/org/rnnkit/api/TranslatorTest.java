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
import org.rnnkit.recipes.translate.TranslateModel;

class TranslatorTest {

    @TempDir Path dir;

    /** Two-word English phrases and their French word-for-word translations (25 pairs). */
    static final List<String> SOURCES = new ArrayList<>();

    static final List<String> TARGETS = new ArrayList<>();

    static {
        String[][] words = {
            {"one", "un"}, {"two", "deux"}, {"three", "trois"}, {"four", "quatre"}, {"five", "cinq"}
        };
        for (String[] a : words) {
            for (String[] b : words) {
                SOURCES.add(a[0] + " " + b[0]);
                TARGETS.add(a[1] + " " + b[1]);
            }
        }
    }

    private static Translator.Builder tiny() {
        return Translator.builder()
                .epochs(3)
                .hiddenSize(8)
                .embeddingSize(8)
                .minCount(1)
                .batchSize(8)
                .beamWidth(2)
                .progressBar(false);
    }

    @Test
    void givenPairs_whenFitTranslateSaveLoad_thenReloadTranslatesTheSame() throws IOException {
        Translator translator = tiny().build();
        RecipeResult fit = translator.fit(SOURCES, TARGETS);
        assertTrue(fit.metrics().containsKey("bleu"), fit.metrics().toString());
        assertTrue(fit.report().startsWith("dev set: "), fit.report());

        List<String> before = translator.translate(SOURCES);
        assertEquals(SOURCES.size(), before.size());
        Path file = dir.resolve("translate.zip");
        translator.save(file);
        Translator loaded = Translator.load(file);
        assertEquals(before, loaded.translate(SOURCES));
        assertEquals(before.get(3), loaded.translate(SOURCES.get(3)));
        // the same bundle the command line reads
        assertEquals(TranslateModel.TASK, TranslateModel.load(file).bundle().task());
        RecipeResult evaluation = loaded.evaluate(SOURCES, TARGETS);
        assertTrue(
                evaluation.report().startsWith("pairs (in memory): 25 pairs"), evaluation.report());
    }

    @Test
    void givenFile_whenFitAndEvaluated_thenSameFlowAsTheCommandLine() throws IOException {
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < SOURCES.size(); i++) {
            tsv.append(SOURCES.get(i)).append('\t').append(TARGETS.get(i)).append('\n');
        }
        Path data = Files.writeString(dir.resolve("pairs.tsv"), tsv.toString());
        Translator translator = tiny().epochs(1).build();
        translator.fit(data, data);
        RecipeResult evaluation = translator.evaluate(data);
        assertTrue(evaluation.report().startsWith(data + ": 25 pairs"), evaluation.report());
        assertTrue(evaluation.metrics().containsKey("bleu"), evaluation.metrics().toString());
    }

    @Test
    void givenEmptySource_whenFit_thenMessageNamesTheCallersIndex() {
        List<String> sources = new ArrayList<>(SOURCES);
        sources.set(17, "");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> tiny().build().fit(sources, TARGETS));
        assertEquals(
                "source 17 is empty; every source needs at least one non-space character",
                e.getMessage());
    }

    @Test
    void givenMismatchedDevLists_whenFit_thenMessageNamesBothSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(SOURCES, TARGETS, SOURCES, TARGETS.subList(0, 2)));
        assertEquals(
                "expected one element of devTargets per element of devSources, received:"
                        + " devSources.size()=25, devTargets.size()=2",
                e.getMessage());
    }

    @Test
    void givenNoModel_whenTranslated_thenIllegalState() {
        assertThrows(IllegalStateException.class, () -> tiny().build().translate("one two"));
    }
}
