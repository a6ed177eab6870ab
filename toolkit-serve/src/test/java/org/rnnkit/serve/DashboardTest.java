package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.serve.Http.Answer;
import org.rnnkit.serve.TrainedBundles.Run;

/**
 * The dashboard's JSON behind {@code /v1/runs} and its files: a real training run (the sentiment
 * bundle's {@code sentiment-run/} beside its bundle) and a hand-written one in progress.
 */
class DashboardTest {

    @TempDir Path runs;

    /** A run in progress: three complete epochs and a fourth being written (no newline yet). */
    static Path writeRunInProgress(Path runs) throws IOException {
        Path live = runs.resolve("nested").resolve("live-run");
        Files.createDirectories(live);
        Files.writeString(
                live.resolve("metrics.jsonl"),
                metricsLine(1, 0.69, 0.55)
                        + metricsLine(2, 0.52, 0.75)
                        + metricsLine(3, 0.41, 0.70)
                        + "{\"epoch\":4,\"train_lo");
        return live;
    }

    static String metricsLine(int epoch, double loss, double accuracy) {
        return "{\"epoch\":"
                + epoch
                + ",\"train_loss\":"
                + loss
                + ",\"dev_accuracy\":"
                + accuracy
                + ",\"learning_rate\":0.001,\"seconds\":1.5,\"sequences_per_second\":100.0,"
                + "\"padding_efficiency\":0.9}\n";
    }

    /** Copies the trained sentiment bundle and its run directory under {@code runs}. */
    static void copyTrainedRun(Path runs) throws IOException {
        Path bundle = TrainedBundles.sentiment();
        Files.copy(bundle, runs.resolve("sentiment.zip"));
        Path run = bundle.resolveSibling("sentiment-run");
        Path copy = Files.createDirectories(runs.resolve("sentiment-run"));
        for (String file : List.of("metrics.jsonl", "checkpoint.zip")) {
            Files.copy(run.resolve(file), copy.resolve(file));
        }
    }

    static ServeOptions dashboardOnly(Path runs) {
        return new ServeOptions(
                List.of(), "127.0.0.1", 0, 64, 5, 256, 10 * 1024 * 1024, 256, 20_000, 10_000, runs);
    }

    @Test
    void givenTrainedAndLiveRuns_whenListed_thenEpochsBestEpochAndTask() throws IOException {
        copyTrainedRun(runs);
        writeRunInProgress(runs);
        try (ModelServer server = ModelServer.start(dashboardOnly(runs))) {
            Http http = new Http(server.port());
            Answer list = http.get("/v1/runs");
            assertEquals(200, list.status(), list.body());
            List<String> names = new ArrayList<>();
            list.json().path("runs").forEach(r -> names.add(r.path("name").asText()));
            assertEquals(List.of("nested/live-run", "sentiment-run"), names);

            JsonNode live = list.json().path("runs").get(0);
            assertEquals(3, live.path("epochs").asInt(), live.toString());
            assertEquals(2, live.path("bestEpoch").asInt(), live.toString());
            assertEquals("dev_accuracy", live.path("devMetric").asText());
            assertTrue(live.path("task").isNull(), live.toString());

            JsonNode trained = list.json().path("runs").get(1);
            assertEquals("sentiment", trained.path("task").asText(), trained.toString());
            assertEquals("sentiment.zip", trained.path("bundle").asText());
            assertEquals(1, trained.path("epochs").asInt(), trained.toString());
            assertEquals(1, trained.path("bestEpoch").asInt(), trained.toString());

            Answer one = http.get("/v1/runs/sentiment-run");
            assertEquals(200, one.status(), one.body());
            assertEquals(8, one.json().at("/options/training/hiddenSize").asInt(), one.body());
            assertEquals("sentiment", one.json().at("/provenance/task").asText(), one.body());
            assertEquals(1, one.json().path("metrics").size());

            Answer nested = http.get("/v1/runs/nested/live-run");
            assertEquals(200, nested.status(), nested.body());
            assertEquals(0.41, nested.json().at("/metrics/2/train_loss").asDouble(), 1e-12);
            assertTrue(nested.json().path("options").isNull(), nested.body());
        }
    }

    @Test
    void givenRunWithoutBundle_whenRead_thenOptionsComeFromTheCheckpoint() throws IOException {
        copyTrainedRun(runs);
        Files.delete(runs.resolve("sentiment.zip"));
        try (ModelServer server = ModelServer.start(dashboardOnly(runs))) {
            Answer one = new Http(server.port()).get("/v1/runs/sentiment-run");
            assertEquals(200, one.status(), one.body());
            assertEquals(8, one.json().at("/options/training/hiddenSize").asInt(), one.body());
            assertTrue(one.json().path("provenance").isNull(), one.body());
            assertEquals(1, one.json().path("bestEpoch").asInt(), one.body());
        }
    }

    @Test
    void givenEpochAppended_whenReadAgain_thenTheNewEpochShows() throws IOException {
        Path live = writeRunInProgress(runs);
        try (ModelServer server = ModelServer.start(dashboardOnly(runs))) {
            Http http = new Http(server.port());
            assertEquals(3, http.get("/v1/runs").json().at("/runs/0/epochs").asInt());
            Files.writeString(
                    live.resolve("metrics.jsonl"),
                    metricsLine(1, 0.69, 0.55)
                            + metricsLine(2, 0.52, 0.75)
                            + metricsLine(3, 0.41, 0.70)
                            + metricsLine(4, 0.30, 0.80));
            JsonNode run = http.get("/v1/runs/nested/live-run").json();
            assertEquals(4, run.path("epochs").asInt(), run.toString());
            assertEquals(4, run.path("bestEpoch").asInt(), run.toString());
        }
    }

    @Test
    void givenUnknownRunOrFile_whenAsked_then404Json() throws IOException {
        try (ModelServer server = ModelServer.start(dashboardOnly(runs))) {
            Http http = new Http(server.port());
            Answer run = http.get("/v1/runs/nope-run");
            assertEquals(404, run.status(), run.body());
            assertEquals("name", run.json().path("field").asText());
            Answer escape = http.get("/v1/runs/..%2F..%2Fetc");
            assertEquals(404, escape.status(), escape.body());
            Answer file = http.get("/dashboard/secret.txt");
            assertEquals(404, file.status(), file.body());
            assertEquals("file", file.json().path("field").asText());
            assertEquals(0, http.get("/v1/runs").json().path("runs").size());
        }
    }

    @Test
    void givenDashboard_whenPageAndScriptsAsked_thenServedWithoutCdn() throws IOException {
        try (ModelServer server = ModelServer.start(dashboardOnly(runs))) {
            Http http = new Http(server.port());
            Answer page = http.get("/");
            assertEquals(200, page.status());
            assertTrue(
                    page.raw()
                            .headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("text/html"));
            assertTrue(page.body().contains("/dashboard/chart.umd.js"), page.body());
            assertTrue(
                    !page.body().contains("https://"), "the page loads nothing from the network");
            Answer chart = http.get("/dashboard/chart.umd.js");
            assertEquals(200, chart.status());
            assertTrue(chart.body().contains("Chart.js v" + DashboardAssets.chartJsVersion()));
            assertEquals(0, http.get("/v1/models").json().path("models").size());
            assertEquals(200, http.get("/dashboard/dashboard.js").status());
            JsonNode paths = http.get("/openapi.json").json().path("paths");
            assertTrue(paths.has("/v1/runs") && paths.has("/v1/runs/{run}"), paths.toString());
        }
    }

    @Test
    void givenNoModelAndNoRuns_whenOptionsBuilt_thenRefusedNamingModel() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ServeOptions(
                                        List.of(), "127.0.0.1", 0, 1, 1, 1, 1024, 1, 1, 1, null));
        assertTrue(e.getMessage().contains("--model"), e.getMessage());
    }

    @Test
    void givenMissingRunsDirectory_whenDashboardRun_thenExit2NamingIt() {
        Run run = TrainedBundles.cli("dashboard", "--runs", runs.resolve("gone").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--runs"), run.err());
    }
}
