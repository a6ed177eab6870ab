package org.rnnkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.GenerateOptions;
import org.rnnkit.recipes.generate.TextDataGenerator;

class TextGeneratorTest {

    @TempDir static Path shared;

    @TempDir Path dir;

    /** A slice of the embedded stories: short generated documents. */
    static final List<String> TEXTS = TextDataGenerator.generate(120, 1);

    private static TextGenerator fitted;
    private static RecipeResult fit;

    private static TextGenerator.Builder tiny() {
        return TextGenerator.builder()
                .epochs(2)
                .hiddenSize(32)
                .embeddingSize(8)
                .batchSize(16)
                .maxLength(60)
                .tbpttLength(20)
                .progressBar(false);
    }

    @BeforeAll
    static void fitOnce() throws IOException {
        fitted = tiny().build();
        fit = fitted.fit(TEXTS);
    }

    @Test
    void givenTexts_whenFit_thenBeatsTheUnigramBaselineAndReportsIt() {
        assertTrue(fit.metrics().containsKey("bits_per_char"), fit.metrics().toString());
        assertTrue(
                fit.metrics().get("bits_per_char") < fit.metrics().get("unigram_bits_per_char"),
                fit.report());
        assertTrue(fit.report().contains("unigram"), fit.report());
        RecipeResult evaluation = fitted.evaluate(TEXTS.subList(0, 10));
        assertTrue(
                evaluation.report().startsWith("texts (in memory): 10 documents"),
                evaluation.report());
        assertTrue(
                evaluation.metrics().get("bits_per_char")
                        < evaluation.metrics().get("unigram_bits_per_char"),
                evaluation.report());
    }

    @Test
    void givenSeed_whenGenerated_thenRepeatableAndTheSameAfterSaveAndLoad() throws IOException {
        TokenSampler sampler = new TokenSampler(0.8, 10, 0.95);
        String a = fitted.generate("The ", 60, sampler, 17L);
        assertTrue(a.startsWith("The "), a);
        assertEquals(a, fitted.generate("The ", 60, sampler, 17L));

        Path file = dir.resolve("generate.zip");
        fitted.save(file);
        TextGenerator loaded = TextGenerator.load(file);
        // the bundle records where it was saved, not the deleted temporary run
        assertEquals(file, loaded.options().training().out());
        assertEquals(a, loaded.generate("The ", 60, sampler, 17L));
        // the same bundle the command line's sample reads, with the same draws
        assertEquals(a, GenerateModel.load(file).sample("The ", 60, sampler, 17L));
        assertEquals(
                fitted.evaluate(TEXTS).metrics().get("bits_per_char"),
                loaded.evaluate(TEXTS).metrics().get("bits_per_char"),
                1e-9);
    }

    @Test
    void givenCount_whenSampled_thenTheCommandLinesTexts() throws IOException {
        Path file = dir.resolve("generate.zip");
        fitted.save(file);
        TokenSampler sampler = new TokenSampler(1.0, 0, 1.0);
        List<String> texts = fitted.sample("A ", 3, 30, sampler, 5L);
        assertEquals(3, texts.size());
        assertNotEquals(texts.get(0), texts.get(1), "one random source: the texts differ");
        // the same drawing order as a list of prompts
        assertEquals(texts, fitted.generate(List.of("A ", "A ", "A "), 30, sampler, 5L));
        StringWriter out = new StringWriter();
        int exit =
                RnnkitCli.execute(
                        new PrintWriter(out),
                        new PrintWriter(new StringWriter()),
                        "generate",
                        "sample",
                        "--model",
                        file.toString(),
                        "--prompt",
                        "A ",
                        "--count",
                        "3",
                        "--length",
                        "30",
                        "--seed",
                        "5");
        assertEquals(0, exit);
        assertEquals(String.join("\n\n", texts) + "\n", out.toString());
    }

    @Test
    void givenFiles_whenFitAndEvaluated_thenSameFlowAsTheCommandLine() throws IOException {
        Path data =
                Files.writeString(
                        dir.resolve("stories.txt"), String.join("\n\n", TEXTS.subList(0, 40)));
        TextGenerator generator = tiny().epochs(1).build();
        RecipeResult trained = generator.fit(data, data);
        assertTrue(trained.report().startsWith("dev set: 40 documents"), trained.report());
        RecipeResult evaluation = generator.evaluate(data);
        assertTrue(evaluation.report().startsWith(data + ": 40 documents"), evaluation.report());
        assertEquals(
                trained.metrics().get("bits_per_char"),
                evaluation.metrics().get("bits_per_char"),
                1e-6);
    }

    @Test
    void givenOptions_whenFitAndSave_thenBundleAndRunDirectoryStayAtOut() throws IOException {
        Path out = dir.resolve("run").resolve("generate.zip");
        Path data = Files.writeString(dir.resolve("s.txt"), String.join("\n\n", TEXTS));
        GenerateOptions options = tiny().epochs(1).out(out).training(t -> t.data(data)).options();
        TextGenerator generator = TextGenerator.builder().options(options).build();
        RecipeResult result = generator.fitAndSave();
        assertEquals(out, result.bundle());
        assertTrue(Files.isRegularFile(out));
        assertTrue(generator.isFitted());
        try (var files = Files.list(out.getParent())) {
            assertTrue(files.count() > 1, "checkpoints and metrics log are kept beside the bundle");
        }
        // the model in memory is the saved one
        assertEquals(
                generator.evaluate(data).metrics().get("bits_per_char"),
                TextGenerator.load(out).evaluate(data).metrics().get("bits_per_char"),
                1e-9);
    }

    @Test
    void givenEmptyText_whenFit_thenMessageNamesTheCallersIndex() {
        List<String> texts = new ArrayList<>(TEXTS);
        texts.set(3, "");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tiny().build().fit(texts));
        assertEquals(
                "text 3 is empty; every text needs at least one non-space character",
                e.getMessage());
        List<String> dev = new ArrayList<>(TEXTS);
        dev.set(2, null);
        NullPointerException n =
                assertThrows(NullPointerException.class, () -> tiny().build().fit(TEXTS, dev));
        assertEquals("dev text 2 is null", n.getMessage());
    }

    @Test
    void givenNoModel_whenGenerateOrSave_thenIllegalState() {
        TextGenerator generator = tiny().build();
        assertFalse(generator.isFitted());
        assertThrows(IllegalStateException.class, () -> generator.generate("The", 5, 1L));
        assertThrows(IllegalStateException.class, () -> generator.save(dir.resolve("x.zip")));
    }

    @Test
    void givenBadSetting_whenSet_thenFailsAtOnceNamingIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TextGenerator.builder().tbpttLength(0));
        assertEquals("tbpttLength must be >= 1, received: tbpttLength=0", e.getMessage());
        IllegalArgumentException b =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TextGenerator.builder().bidirectional(true));
        assertTrue(b.getMessage().contains("bidirectional must be false"), b.getMessage());
        IllegalArgumentException c =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> fitted.sample("The", 0, 5, new TokenSampler(1.0, 0, 1.0), 1L));
        assertEquals("count must be >= 1, received: count=0", c.getMessage());
    }
}
