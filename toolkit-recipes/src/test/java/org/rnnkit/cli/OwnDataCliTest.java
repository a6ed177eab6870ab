package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.RnnkitCliTest.resource;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.recipes.sentiment.SentimentModel;

/**
 * A user's own file, shaped like the Amazon Fine Food Reviews CSV (BOM, CRLF, quoted commas,
 * doubled quotes and newlines, accents and emoji, scores 1-5, a 3-star row, a truncated row, a
 * score outside the map), trains and evaluates with one command each.
 */
class OwnDataCliTest {

    @TempDir Path dir;

    private static final String MAP = "1,2=neg;4,5=pos;3=skip";

    private static String[] mapping(String... rest) {
        String[] base = {
            "--text-column",
            "Summary",
            "--text-column",
            "Text",
            "--label-column",
            "Score",
            "--label-map",
            MAP
        };
        String[] out = java.util.Arrays.copyOf(base, base.length + rest.length);
        System.arraycopy(rest, 0, out, base.length, rest.length);
        return out;
    }

    @Test
    void givenAmazonShapedCsv_whenTrainedAndEvaluated_thenMappedOnceAndCountsExact()
            throws IOException {
        Path data = resource("amazon-shaped.csv");
        Path model = dir.resolve("amazon.zip");
        String[] train = {
            "sentiment",
            "train",
            "--data",
            data.toString(),
            "--out",
            model.toString(),
            "--skip-bad-rows",
            "--epochs",
            "2",
            "--hidden",
            "8",
            "--embedding-size",
            "8",
            "--batch-size",
            "4",
            "--min-count",
            "1",
            "--no-progress"
        };
        Run trained = run(concat(train, mapping()));
        assertEquals(0, trained.exit(), trained.err());
        SentimentModel loaded = SentimentModel.load(model);
        assertEquals(java.util.List.of("neg", "pos"), loaded.labels());
        assertEquals(MAP, loaded.options().training().format().labelMap());
        assertEquals(
                java.util.List.of("Summary", "Text"),
                loaded.options().training().format().columns("text"));
        assertEquals(
                24,
                loaded.bundle().provenance().trainExamples()
                        + loaded.bundle().provenance().devExamples());

        // eval reads the same file shape from the bundle: no mapping flags needed
        Path json = dir.resolve("m.json");
        Run eval =
                run(
                        "sentiment",
                        "eval",
                        "--model",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--skip-bad-rows",
                        "--json",
                        json.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(
                eval.out().contains("24 examples (2 bad rows skipped) (1 rows dropped"),
                eval.out());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        assertTrue(
                metrics.get("accuracy").asDouble() >= 0 && metrics.get("accuracy").asDouble() <= 1);
    }

    @Test
    void givenAmazonShapedCsvWithoutSkipping_whenTrained_thenErrorNamesFileLineAndColumns() {
        Path model = dir.resolve("x.zip");
        assertFails(
                smoke(model, mapping()),
                "amazon-shaped.csv:17",
                "expected at least 10 comma-separated columns");
        assertTrue(!Files.exists(model));
        assertFails(
                smoke(
                        model,
                        "--label-column",
                        "Score",
                        "--text-column",
                        "Text",
                        "--label-map",
                        "1,2:neg"),
                "--label-map '1,2:neg'");
        assertFails(smoke(model), "--label-column and --text-column");
        assertFails(
                smoke(model, "--label-column", "Stars", "--text-column", "Text"),
                "--label-column Stars: no such column");
        Run ranges =
                smoke(
                        model,
                        "--text-column",
                        "10",
                        "--label-column",
                        "7",
                        "--label-map",
                        "1..2=neg;4..5=pos;3=skip",
                        "--skip-bad-rows");
        assertEquals(0, ranges.exit(), ranges.err());
        assertTrue(Files.exists(model));
    }

    private Run smoke(Path model, String... extra) {
        String[] base = {
            "sentiment",
            "train",
            "--data",
            resource("amazon-shaped.csv").toString(),
            "--out",
            model.toString(),
            "--smoke"
        };
        return run(concat(base, extra));
    }

    private static void assertFails(Run run, String... parts) {
        assertEquals(2, run.exit(), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "expected '" + part + "' in: " + run.err());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
