package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnkit.serve.Http.Answer;
import org.rnnkit.serve.TrainedBundles.Run;

/**
 * {@code POST /v1/models/{name}/predict} for a generate bundle writes what {@code rnnkit generate
 * predict} writes with the same seed and sampling settings, whatever else the worker batches.
 */
class GenerateServiceTest {

    private static final String PREDICT = "/v1/models/generate/predict";

    private static ModelServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        server = ModelServer.start(TrainedBundles.options(TrainedBundles.generate().toString()));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> texts(Answer a) {
        assertEquals(200, a.status(), a.body());
        List<String> texts = new ArrayList<>();
        a.json().path("texts").forEach(t -> texts.add(t.asText()));
        return texts;
    }

    @Test
    void givenSeedAndSettings_whenPredicted_thenTheTextsOfGeneratePredict() {
        Run cli =
                TrainedBundles.cli(
                        "generate",
                        "predict",
                        "--model",
                        TrainedBundles.generate().toString(),
                        "--seed",
                        "7",
                        "--length",
                        "40",
                        "--temperature",
                        "0.8",
                        "--top-k",
                        "5",
                        "--top-p",
                        "0.9",
                        "the",
                        "once upon a");
        assertEquals(0, cli.exit(), cli.err());
        Answer a =
                http.postJson(
                        PREDICT,
                        "{\"prompts\": [\"the\", \"once upon a\"], \"seed\": 7, \"length\": 40,"
                                + " \"temperature\": 0.8, \"topK\": 5, \"topP\": 0.9}");
        List<String> texts = texts(a);
        assertEquals(2, texts.size(), a.body());
        assertEquals(
                cli.lines(), texts.stream().map(t -> t.replace("\n", "\\n")).toList(), a.body());
        assertTrue(texts.get(0).startsWith("the"), texts.get(0));
        assertEquals(7, a.json().path("seed").asLong());
    }

    @Test
    void givenOpenApi_whenRead_thenGenerateRequestListsEveryField() {
        JsonNode schema =
                http.get("/openapi.json")
                        .json()
                        .at("/components/schemas/GenerateRequest/properties");
        List<String> documented = new ArrayList<>();
        schema.fieldNames().forEachRemaining(documented::add);
        assertEquals(
                GenerateService.FIELDS.stream().sorted().toList(),
                documented.stream().sorted().toList());
    }

    @Test
    void givenCount_whenPredicted_thenTheSeriesOfOneRandomSource() {
        List<String> counted =
                texts(
                        http.postJson(
                                PREDICT,
                                "{\"prompt\": \"the\", \"count\": 3, \"seed\": 11, \"length\": 30}"));
        List<String> repeated =
                texts(
                        http.postJson(
                                PREDICT,
                                "{\"prompts\": [\"the\", \"the\", \"the\"], \"seed\": 11,"
                                        + " \"length\": 30}"));
        assertEquals(repeated, counted);
        assertNotEquals(counted.get(0), counted.get(1), "samples in a row differ");
    }

    @Test
    void givenNoSeed_whenPredicted_thenTheReturnedSeedRepeatsTheText() {
        Answer first = http.postJson(PREDICT, "{\"length\": 30}");
        List<String> texts = texts(first);
        long seed = first.json().path("seed").asLong();
        Answer again = http.postJson(PREDICT, "{\"length\": 30, \"seed\": " + seed + "}");
        assertEquals(texts, texts(again));
    }

    @Test
    void givenParallelRequests_whenBatched_thenEachGetsItsSingleAnswer() throws Exception {
        JsonNode alone =
                http.postJson(PREDICT, "{\"prompt\": \"a\", \"seed\": 3, \"length\": 25}").json();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body =
                        i % 2 == 0
                                ? "{\"prompt\": \"a\", \"seed\": 3, \"length\": 25}"
                                : "{\"prompt\": \"b\", \"seed\": " + i + ", \"length\": 25}";
                answers.add(pool.submit(() -> http.postJson(PREDICT, body)));
            }
            for (int i = 0; i < answers.size(); i += 2) {
                Answer a = answers.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(alone.path("texts"), a.json().path("texts"), a.body());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
