package org.rnnkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.caption.CaptionModel;
import org.rnnkit.recipes.forecast.ForecastModel;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.postag.PostagModel;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.translate.TranslateModel;

/** Runs every example program as a user would, so that none of them can rot. */
class ExamplesTest {

    @TempDir Path dir;

    /** Runs a main method and returns what it printed. */
    private static String run(ThrowingMain main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void givenReadme_whenRead_thenShowsTheSentimentExampleInFull() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String example =
                Files.readString(
                        Path.of("src/main/java/org/rnnkit/examples/SentimentExample.java"),
                        StandardCharsets.UTF_8);
        assertTrue(
                readme.contains("```java\n" + example + "```\n"),
                "README.md's Library section must show SentimentExample.java verbatim");
    }

    @Test
    void givenSentimentExample_whenRun_thenPredictsBothLabelsAndSavesABundleTheCliReads()
            throws Exception {
        Path bundle = dir.resolve("sentiment.zip");
        String out = run(SentimentExample::main, bundle.toString());
        assertTrue(out.contains("pos\t") && out.contains("\tthe plot was great"), out);
        assertTrue(out.contains("neg\t") && out.contains("\tthe plot was awful"), out);
        assertTrue(out.matches("(?s).*pos\t[0-9.]+\tthe plot was great.*"), out);
        assertTrue(out.matches("(?s).*neg\t[0-9.]+\tthe plot was awful.*"), out);
        assertTrue(Files.isRegularFile(bundle));
        SentimentModel.load(bundle);
    }

    @Test
    void givenForecastExample_whenRun_thenPrintsTheSameForecastBeforeAndAfterLoading()
            throws Exception {
        Path bundle = dir.resolve("forecast.zip");
        String[] lines = run(ForecastExample::main, bundle.toString()).strip().split("\n");
        String before = lines[lines.length - 2];
        String after = lines[lines.length - 1];
        assertTrue(before.matches("\\[[-0-9.E]+, [-0-9.E]+, [-0-9.E]+\\]"), before);
        assertEquals(before, after);
        ForecastModel.load(bundle);
    }

    @Test
    void givenPostagExample_whenRun_thenTagsBeforeAndAfterLoading() throws Exception {
        Path bundle = dir.resolve("postag.zip");
        String[] lines = run(PostagExample::main, bundle.toString()).strip().split("\n");
        assertEquals("[DET, NOUN, VERB]", lines[lines.length - 2]);
        assertEquals("[DET, NOUN, VERB]", lines[lines.length - 1]);
        PostagModel.load(bundle);
    }

    @Test
    void givenTranslateExample_whenRun_thenTheSameTranslationBeforeAndAfterLoading()
            throws Exception {
        Path bundle = dir.resolve("translate.zip");
        String[] lines = run(TranslateExample::main, bundle.toString()).strip().split("\n");
        String before = lines[lines.length - 2];
        assertTrue(!before.isBlank(), String.join("\n", lines));
        assertEquals(before, lines[lines.length - 1]);
        TranslateModel.load(bundle);
    }

    @Test
    void givenCaptionExample_whenRun_thenTheSameCaptionBeforeAndAfterLoading() throws Exception {
        Path bundle = dir.resolve("caption.zip");
        String[] lines = run(CaptionExample::main, bundle.toString()).strip().split("\n");
        String before = lines[lines.length - 2];
        assertTrue(!before.isBlank(), String.join("\n", lines));
        assertEquals(before, lines[lines.length - 1]);
        CaptionModel.load(bundle);
    }

    @Test
    void givenGenerateExample_whenRun_thenTheSameTextBeforeAndAfterLoading() throws Exception {
        Path bundle = dir.resolve("generate.zip");
        String out = run(GenerateExample::main, bundle.toString());
        assertTrue(out.contains("unigram"), out);
        List<String> lines = out.lines().toList();
        String before = lines.get(lines.size() - 2);
        // a few words of the pattern, ending with the full stop the documents end with
        assertTrue(before.matches("the [a-z .]+"), out);
        assertEquals(before, lines.get(lines.size() - 1));
        GenerateModel.load(bundle);
    }
}
