package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.serve.Http.Answer;

/**
 * Requests meant to break the server: every one gets a 4xx (or 503) with a JSON error, and the
 * server still answers afterwards.
 */
class HostileRequestTest {

    private static ModelServer server;
    private static Http http;

    /** One hostile request and the status it must get. */
    private record Case(
            String name,
            String method,
            String path,
            String contentType,
            byte[] body,
            int status,
            String field) {}

    @BeforeAll
    static void start() throws IOException {
        ServeOptions d =
                TrainedBundles.options(
                        TrainedBundles.sentiment().toString(),
                        TrainedBundles.translate().toString(),
                        TrainedBundles.forecast().toString(),
                        TrainedBundles.caption().toString(),
                        TrainedBundles.generate().toString());
        server =
                ModelServer.start(
                        new ServeOptions(
                                d.models(),
                                "127.0.0.1",
                                0,
                                d.maxBatchSize(),
                                d.maxWaitMillis(),
                                d.queueCapacity(),
                                256 * 1024,
                                8,
                                1000,
                                3000,
                                null));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static final String SENTIMENT = "/v1/models/sentiment/predict";
    private static final String GENERATE = "/v1/models/generate/predict";
    private static final String JSON = "application/json";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Case post(String name, String path, String body, int status, String field) {
        return new Case(name, "POST", path, JSON, utf8(body), status, field);
    }

    private static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.add(post("truncated JSON", SENTIMENT, "{\"texts\": [\"good", 400, "body"));
        all.add(
                new Case(
                        "huge body (1 MiB)",
                        "POST",
                        SENTIMENT,
                        JSON,
                        utf8("{\"texts\": [\"" + "a".repeat(1 << 20) + "\"]}"),
                        413,
                        null));
        all.add(post("texts is a string", SENTIMENT, "{\"texts\": \"good\"}", 400, "texts"));
        all.add(post("texts are numbers", SENTIMENT, "{\"texts\": [1, 2]}", 400, "texts[0]"));
        all.add(post("empty inputs", SENTIMENT, "{\"texts\": []}", 400, "texts"));
        all.add(
                post(
                        "100k-character text",
                        SENTIMENT,
                        "{\"texts\": [\"" + "word ".repeat(20_000) + "\"]}",
                        400,
                        "texts[0]"));
        all.add(
                post(
                        "too many inputs",
                        SENTIMENT,
                        "{\"texts\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}",
                        400,
                        "texts"));
        all.add(
                post(
                        "unknown model",
                        "/v1/models/nope/predict",
                        "{\"texts\": [\"a\"]}",
                        404,
                        "name"));
        all.add(new Case("wrong method (GET predict)", "GET", SENTIMENT, null, null, 405, null));
        all.add(
                new Case(
                        "wrong method (DELETE models)",
                        "DELETE",
                        "/v1/models",
                        null,
                        null,
                        405,
                        null));
        all.add(
                new Case(
                        "missing content type",
                        "POST",
                        SENTIMENT,
                        null,
                        utf8("{\"texts\": [\"good\"]}"),
                        415,
                        null));
        all.add(
                new Case(
                        "form content type",
                        "POST",
                        SENTIMENT,
                        "application/x-www-form-urlencoded",
                        utf8("texts=good"),
                        415,
                        null));
        all.add(post("null field", SENTIMENT, "{\"texts\": null}", 400, "texts"));
        all.add(post("null element", SENTIMENT, "{\"texts\": [null]}", 400, "texts[0]"));
        all.add(post("blank text", SENTIMENT, "{\"texts\": [\"   \"]}", 400, "texts[0]"));
        all.add(
                post(
                        "nested garbage (depth 5000)",
                        SENTIMENT,
                        "{\"texts\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                        400,
                        "body"));
        all.add(
                post(
                        "nested object element",
                        SENTIMENT,
                        "{\"texts\": [{\"a\": {\"b\": [1]}}]}",
                        400,
                        "texts[0]"));
        all.add(post("unknown field", SENTIMENT, "{\"texts\": [\"a\"], \"evil\": 1}", 400, "evil"));
        all.add(post("body is not an object", SENTIMENT, "\"good\"", 400, "body"));
        all.add(post("empty body", SENTIMENT, "", 400, "body"));
        all.add(
                new Case(
                        "invalid UTF-8",
                        "POST",
                        SENTIMENT,
                        JSON,
                        new byte[] {
                            '{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                        },
                        400,
                        "body"));
        String translate = "/v1/models/translate/predict";
        all.add(
                post(
                        "negative beam",
                        translate,
                        "{\"sources\": [\"a b\"], \"beam\": -1}",
                        400,
                        "beam"));
        all.add(
                post(
                        "huge beam",
                        translate,
                        "{\"sources\": [\"a b\"], \"beam\": 1000000000000}",
                        400,
                        "beam"));
        all.add(
                post(
                        "beam as text",
                        translate,
                        "{\"sources\": [\"a b\"], \"beam\": \"5\"}",
                        400,
                        "beam"));
        all.add(
                post(
                        "source is an array",
                        translate,
                        "{\"sources\": [\"a b\", [\"c\"]]}",
                        400,
                        "sources[1]"));
        String forecast = "/v1/models/forecast/predict";
        all.add(
                post(
                        "history of strings",
                        forecast,
                        "{\"history\": {\"load\": [\"x\"]}}",
                        400,
                        "history.load[0]"));
        all.add(
                post(
                        "history too short",
                        forecast,
                        "{\"csv\": \"time,load\\n2020-01-01 00:00:00,1\\n\"}",
                        400,
                        null));
        all.add(
                post(
                        "csv and history",
                        forecast,
                        "{\"csv\": \"a\", \"history\": {}}",
                        400,
                        "history"));
        String caption = "/v1/models/caption/predict";
        all.add(post("image not base64", caption, "{\"images\": [\"%%%\"]}", 400, "images[0]"));
        all.add(
                post(
                        "image not a picture",
                        caption,
                        "{\"images\": [\"aGVsbG8=\"]}",
                        400,
                        "images[0]"));
        all.add(
                new Case(
                        "broken multipart",
                        "POST",
                        caption,
                        "multipart/form-data; boundary=xyz",
                        utf8("--xyz\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc"),
                        400,
                        null));
        all.add(
                new Case(
                        "very long model name",
                        "POST",
                        "/v1/models/" + "m".repeat(20_000) + "/predict",
                        JSON,
                        utf8("{}"),
                        414,
                        null));
        all.addAll(generateCases());
        return all;
    }

    /** The generate endpoint's sampling settings, each out of range or of the wrong type. */
    private static List<Case> generateCases() {
        return List.of(
                post("generate: prompt is a number", GENERATE, "{\"prompt\": 3}", 400, "prompt"),
                post("generate: empty prompts", GENERATE, "{\"prompts\": []}", 400, "prompts"),
                post(
                        "generate: prompt and prompts",
                        GENERATE,
                        "{\"prompt\": \"a\", \"prompts\": [\"b\"]}",
                        400,
                        "prompts"),
                post(
                        "generate: 100k-character prompt",
                        GENERATE,
                        "{\"prompt\": \"" + "a".repeat(100_000) + "\"}",
                        400,
                        "prompt"),
                post(
                        "generate: temperature 0",
                        GENERATE,
                        "{\"temperature\": 0}",
                        400,
                        "temperature"),
                post(
                        "generate: temperature a string",
                        GENERATE,
                        "{\"temperature\": \"hot\"}",
                        400,
                        "temperature"),
                post("generate: topP 1.5", GENERATE, "{\"topP\": 1.5}", 400, "topP"),
                post("generate: topK -1", GENERATE, "{\"topK\": -1}", 400, "topK"),
                post("generate: length 0", GENERATE, "{\"length\": 0}", 400, "length"),
                post(
                        "generate: length * count too many tokens",
                        GENERATE,
                        "{\"length\": 20000, \"count\": 2}",
                        400,
                        "length"),
                post("generate: count 0", GENERATE, "{\"count\": 0}", 400, "count"),
                post("generate: seed 1.5", GENERATE, "{\"seed\": 1.5}", 400, "seed"),
                post("generate: unknown field", GENERATE, "{\"top_k\": 5}", 400, "top_k"));
    }

    @Test
    void givenHostileRequests_whenSent_thenEachRefusedAndServerStillAnswers() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + c.path()));
            if (c.contentType() != null) {
                b.header("Content-Type", c.contentType());
            }
            b.method(
                    c.method(),
                    c.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            Answer a;
            try {
                a = http.send(b);
            } catch (UncheckedIOException e) {
                wrong.add(c.name() + ": no answer: " + e.getCause());
                continue;
            }
            boolean statusOk =
                    c.status() == -1
                            ? a.status() >= 400 && a.status() < 500
                            : a.status() == c.status();
            if (!statusOk) {
                wrong.add(
                        c.name()
                                + ": expected "
                                + c.status()
                                + ", got "
                                + a.status()
                                + " "
                                + a.body());
            } else if (a.status() != 414 && (a.json() == null || !a.json().has("error"))) {
                wrong.add(c.name() + ": no JSON error: " + a.body());
            } else if (c.field() != null && !c.field().equals(a.json().path("field").asText())) {
                wrong.add(c.name() + ": expected field " + c.field() + ": " + a.body());
            }
            Answer health = http.get("/healthz");
            if (health.status() != 200) {
                wrong.add(c.name() + ": server unhealthy afterwards: " + health.status());
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(cases().size() >= 15);
        Answer fine = http.postJson(SENTIMENT, "{\"texts\": [\"still fine\"]}");
        assertEquals(200, fine.status(), fine.body());
    }

    @Test
    void givenSlowClient_whenItStopsSending_thenConnectionDroppedAndServerAnswers()
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    utf8(
                            "POST "
                                    + SENTIMENT
                                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1000\r\n\r\n{\"texts\": [\"slo"));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            String reply;
            try {
                reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                reply = "still open after 15 s";
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(
                    reply.isEmpty() || reply.startsWith("HTTP/1.1 4"),
                    "a stalled body is dropped or refused (" + seconds + " s): " + reply);
            assertTrue(seconds < 15, "idle timeout is the request timeout (3 s): " + seconds);
        }
        assertEquals(200, http.get("/healthz").status());
    }

    @Test
    void givenTimeoutShorterThanTheBatchWait_whenPredicted_then503WithRetryAfter()
            throws IOException {
        ServeOptions d = TrainedBundles.options(TrainedBundles.sentiment().toString());
        try (ModelServer slow =
                ModelServer.start(
                        new ServeOptions(
                                d.models(),
                                "127.0.0.1",
                                0,
                                64,
                                200,
                                d.queueCapacity(),
                                d.maxBodyBytes(),
                                d.maxInputs(),
                                d.maxInputLength(),
                                20,
                                null))) {
            Http client = new Http(slow.port());
            Answer a = client.postJson(SENTIMENT, "{\"texts\": [\"good\"]}");
            assertEquals(503, a.status(), a.body());
            assertTrue(a.raw().headers().firstValue("Retry-After").isPresent());
            assertEquals(200, client.get("/healthz").status());
        }
    }
}
