package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.serve.Http.Answer;

/**
 * The dashboard in a real browser: Debian's headless {@code chromium} opens the page served with a
 * sentiment model and two runs, the charts draw every epoch, a new epoch appended to a run's log
 * appears without a reload, and the try-it form shows the label the API gives. A screenshot goes to
 * {@code -Drnnkit.dashboard.screenshot=FILE} (default {@code target/dashboard.png}).
 *
 * <p>Without chromium the test is skipped with the reason, unless {@code
 * -Drnnkit.browser.required=true} (set by {@code .ci/run}) makes that a failure.
 */
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir Path runs;

    @Test
    void givenServedModelAndRuns_whenOpenedInChromium_thenChartsGrowAndFormAnswers()
            throws Exception {
        Optional<Path> binary = HeadlessChromium.find();
        if (binary.isEmpty()) {
            String reason =
                    "chromium not found on PATH (apt-get install chromium, or"
                            + " -Drnnkit.chromium=PATH)";
            if (Boolean.getBoolean("rnnkit.browser.required")) {
                fail(reason + ", and -Drnnkit.browser.required=true asks for the browser test");
            }
            assumeTrue(false, reason + "; the dashboard browser test is skipped");
        }
        DashboardTest.copyTrainedRun(runs);
        Path live = DashboardTest.writeRunInProgress(runs);
        String text = "a wonderful film, not dull at all";
        try (ModelServer server =
                        ModelServer.start(
                                TrainedBundles.options(TrainedBundles.sentiment().toString())
                                        .withRuns(runs));
                HeadlessChromium chromium = HeadlessChromium.start(binary.get())) {
            Http http = new Http(server.port());
            chromium.open(http.base() + "/");

            JsonNode points =
                    chromium.waitFor(
                            "Object.fromEntries(Array.from(document.querySelectorAll('.run'))"
                                    + ".map(c => [c.dataset.run,"
                                    + " Number(c.querySelector('canvas').dataset.points)]))",
                            WAIT,
                            v -> v.size() == 2 && v.path("sentiment-run").asInt() > 0);
            assertEquals(3, points.path("nested/live-run").asInt(), points.toString());
            assertEquals(1, points.path("sentiment-run").asInt(), points.toString());
            JsonNode drawn =
                    chromium.evaluate(
                            "Array.from(document.querySelectorAll('.run canvas')).map(c => {"
                                    + " const chart = Chart.getChart(c);"
                                    + " return [chart.data.datasets.length,"
                                    + " chart.data.datasets[1].data.length,"
                                    + " chart.chartArea.width > 100 && chart.chartArea.height > 100]"
                                    + " })");
            assertEquals("[[2,3,true],[2,1,true]]", drawn.toString(), "datasets, points, drawn");
            assertEquals(
                    "best epoch: 2",
                    chromium.evaluate(
                                    "document.querySelector('.run[data-run=\"nested/live-run\"]"
                                            + " .best-epoch').textContent")
                            .asText());
            assertTrue(
                    chromium.evaluate(
                                    "document.querySelector('.run[data-run=\"sentiment-run\"]"
                                            + " .options').textContent")
                            .asText()
                            .contains("\"hiddenSize\": 8"));

            // A new epoch in the log shows without reloading the page.
            Files.writeString(
                    live.resolve("metrics.jsonl"),
                    DashboardTest.metricsLine(1, 0.69, 0.55)
                            + DashboardTest.metricsLine(2, 0.52, 0.75)
                            + DashboardTest.metricsLine(3, 0.41, 0.70)
                            + DashboardTest.metricsLine(4, 0.30, 0.80));
            chromium.waitFor(
                    "document.querySelector('.run[data-run=\"nested/live-run\"] canvas')"
                            + ".dataset.points",
                    WAIT,
                    v -> v.asText().equals("4"));
            assertEquals(
                    4,
                    chromium.evaluate(
                                    "Chart.getChart(document.querySelector("
                                            + "'.run[data-run=\"nested/live-run\"] canvas'))"
                                            + ".data.datasets[0].data.length")
                            .asInt());

            // The try-it form answers what the API answers for the same text.
            Answer api =
                    http.postJson(
                            "/v1/models/sentiment/predict",
                            "{\"texts\": [" + Http.json(text) + "]}");
            assertEquals(200, api.status(), api.body());
            String expected = api.json().at("/predictions/0/label").asText();
            chromium.evaluate(
                    "(() => { const form = document.querySelector('.model[data-model=\"sentiment\"]"
                            + " form'); form.querySelector('textarea').value = "
                            + Http.json(text)
                            + "; form.querySelector('button').click(); return true; })()");
            JsonNode label =
                    chromium.waitFor(
                            "document.querySelector('.model[data-model=\"sentiment\"]"
                                    + " form[data-answered] .label')?.textContent ?? ''",
                            WAIT,
                            v -> !v.asText().isEmpty());
            assertEquals(expected, label.asText());

            Path screenshot =
                    Path.of(
                            System.getProperty(
                                    "rnnkit.dashboard.screenshot", "target/dashboard.png"));
            chromium.screenshot(screenshot);
            assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
        }
    }
}
