package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnkit <task> inspect} on the command line. */
class InspectCliTest {

    @TempDir Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RnnkitCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void givenOut_whenSentimentInspected_thenReportPrintedAndFilesWritten() throws Exception {
        Path out = dir.resolve("report");
        Run r = run("sentiment", "inspect", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("sentiment inspect: embedded"), r.out());
        assertTrue(r.out().contains("suggested"), r.out());
        assertTrue(Files.size(out.resolve("lengths.png")) > 1000);
        assertTrue(Files.exists(out.resolve("report.json")));
    }

    @Test
    void givenJson_whenTranslateInspected_thenOneJsonDocument() throws Exception {
        Run r = run("translate", "inspect", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("translate", json.get("task").asText());
        assertTrue(json.get("sections").get("rows").get("read").asLong() > 0);
    }

    @Test
    void givenDelimiter_whenForecastInspected_thenUsageError() {
        Run r = run("forecast", "inspect", "--delimiter", "comma");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not take --delimiter"), r.err());
    }

    @Test
    void givenColumnFlags_whenTranslateInspected_thenReadsTheNamedColumns(@TempDir Path dir)
            throws Exception {
        Path csv = dir.resolve("pairs.csv");
        Files.writeString(
                csv, "id,English,French\n1,hello,bonjour\n2,\"thanks, friend\",merci\n3,yes,oui\n");
        Run r = inspectPairs(csv, "English", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(3, json.get("sections").get("rows").get("read").asLong(), r.out());
        Run wrong = inspectPairs(csv, "German");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--source-column German: no such column"), wrong.err());
    }

    @Test
    void givenEachRecipe_whenInspectedWithoutData_thenSucceeds() {
        for (String task : new String[] {"postag", "caption", "forecast"}) {
            Run r = run(task, "inspect");
            assertEquals(0, r.code(), task + ": " + r.err());
            assertTrue(r.out().startsWith(task + " inspect: embedded"), r.out());
        }
    }

    /** Runs {@code translate inspect} on a CSV with the French column as target. */
    private static Run inspectPairs(Path csv, String sourceColumn, String... extra) {
        String[] base = {
            "translate",
            "inspect",
            "--data",
            csv.toString(),
            "--source-column",
            sourceColumn,
            "--target-column",
            "French"
        };
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }
}
