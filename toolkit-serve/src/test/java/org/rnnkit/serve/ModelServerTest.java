package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnkit.recipes.postag.PostagDataGenerator;
import org.rnnkit.serve.Http.Answer;
import org.rnnkit.serve.TrainedBundles.Run;

/**
 * Every task behind the server answers what {@code rnnkit <task> predict} prints for the same
 * bundle and inputs, and the service endpoints answer.
 */
class ModelServerTest {

    private static ModelServer server;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        server =
                ModelServer.start(
                        TrainedBundles.options(
                                TrainedBundles.sentiment().toString(),
                                TrainedBundles.postag().toString(),
                                TrainedBundles.translate().toString(),
                                TrainedBundles.forecast().toString(),
                                TrainedBundles.caption().toString()));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenFiveBundles_whenModelsListed_thenNameTaskAndProvenance() {
        Answer a = http.get("/v1/models");
        assertEquals(200, a.status(), a.body());
        List<String> names = new ArrayList<>();
        for (JsonNode m : a.json().get("models")) {
            names.add(m.get("name").asText());
            assertEquals(m.get("name").asText(), m.get("task").asText());
            assertTrue(m.get("provenance").isObject(), m.toString());
        }
        assertEquals(List.of("sentiment", "postag", "translate", "forecast", "caption"), names);
        assertEquals("postag", http.get("/v1/models/postag").json().get("task").asText());
    }

    @Test
    void givenTexts_whenSentimentPredicted_thenSameLinesAsCli() {
        List<String> texts =
                List.of("not bad at all", "a dull and tedious film", "great acting , loved it");
        Answer a = http.postJson("/v1/models/sentiment/predict", Http.json(Map.of("texts", texts)));
        assertEquals(200, a.status(), a.body());
        List<String> served = new ArrayList<>();
        JsonNode predictions = a.json().get("predictions");
        for (int i = 0; i < texts.size(); i++) {
            JsonNode p = predictions.get(i);
            served.add(
                    String.format(
                            Locale.ROOT,
                            "%s\t%.4f\t%s",
                            p.get("label").asText(),
                            p.get("probability").asDouble(),
                            texts.get(i)));
            assertEquals(
                    p.get("probability").asDouble(),
                    p.get("probabilities").get(p.get("label").asText()).asDouble(),
                    1e-6);
        }
        List<String> args = new ArrayList<>(List.of("sentiment", "predict", "--model"));
        args.add(TrainedBundles.sentiment().toString());
        args.addAll(texts);
        Run cli = TrainedBundles.cli(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(cli.lines(), served);
    }

    @Test
    void givenTextsOrTokens_whenPostagPredicted_thenSameTagsAsCli() {
        List<String> texts = List.of("they book a flight", "the dog runs home");
        List<List<String>> sentences =
                texts.stream().map(t -> Arrays.asList(t.split(" "))).toList();
        Answer byText =
                http.postJson("/v1/models/postag/predict", Http.json(Map.of("texts", texts)));
        Answer byTokens =
                http.postJson(
                        "/v1/models/postag/predict", Http.json(Map.of("sentences", sentences)));
        assertEquals(200, byText.status(), byText.body());
        assertEquals(byText.json().get("tags"), byTokens.json().get("tags"));
        List<List<String>> tags = new ArrayList<>();
        for (JsonNode row : byText.json().get("tags")) {
            List<String> t = new ArrayList<>();
            row.forEach(x -> t.add(x.asText()));
            tags.add(t);
        }
        Run cli =
                TrainedBundles.cli(
                        "postag",
                        "predict",
                        "--model",
                        TrainedBundles.postag().toString(),
                        texts.get(0),
                        texts.get(1));
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(cli.out().strip(), PostagDataGenerator.wordTagLines(sentences, tags).strip());
    }

    @Test
    void givenSourcesAndBeams_whenTranslated_thenSameAsCli() {
        List<String> sources = List.of("3 march 2001", "december 24 , 1999");
        for (int beam : new int[] {1, 3}) {
            Answer a =
                    http.postJson(
                            "/v1/models/translate/predict",
                            Http.json(Map.of("sources", sources, "beam", beam)));
            assertEquals(200, a.status(), a.body());
            List<String> served = new ArrayList<>();
            a.json().get("translations").forEach(t -> served.add(t.asText()));
            Run cli =
                    TrainedBundles.cli(
                            "translate",
                            "predict",
                            "--model",
                            TrainedBundles.translate().toString(),
                            "--beam",
                            Integer.toString(beam),
                            sources.get(0),
                            sources.get(1));
            assertEquals(0, cli.exit(), cli.err());
            assertEquals(cli.lines(), served, "beam " + beam);
        }
    }

    @Test
    void givenHistoryCsv_whenForecast_thenSameLinesAsCli() throws IOException {
        Path data = TrainedBundles.forecastData();
        Answer a =
                http.postJson(
                        "/v1/models/forecast/predict",
                        Http.json(Map.of("csv", Files.readString(data))));
        assertEquals(200, a.status(), a.body());
        List<String> served = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        a.json().get("columns").forEach(c -> columns.add(c.asText()));
        served.add(String.join(",", columns));
        for (int k = 0; k < a.json().get("times").size(); k++) {
            StringBuilder line = new StringBuilder(a.json().get("times").get(k).asText());
            for (JsonNode v : a.json().get("forecasts").get(k)) {
                line.append(',').append(String.format(Locale.ROOT, "%.6g", v.asDouble()));
            }
            served.add(line.toString());
        }
        Run cli =
                TrainedBundles.cli(
                        "forecast",
                        "predict",
                        "--model",
                        TrainedBundles.forecast().toString(),
                        "--data",
                        data.toString());
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(cli.lines(), served);
        assertEquals(7, served.size());
    }

    @Test
    void givenPictures_whenCaptionedByUploadOrBase64_thenSameCaptionsAsCli() throws IOException {
        List<Path> pictures = TrainedBundles.pictures(2);
        assertEquals(2, pictures.size());
        List<String> base64 = new ArrayList<>();
        for (Path p : pictures) {
            base64.add(Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
        }
        Answer json =
                http.postJson(
                        "/v1/models/caption/predict",
                        Http.json(Map.of("images", base64, "beam", 2)));
        assertEquals(200, json.status(), json.body());
        Answer upload = http.send(multipart("/v1/models/caption/predict", pictures, "2"));
        assertEquals(200, upload.status(), upload.body());
        assertEquals(json.json().get("captions"), upload.json().get("captions"));

        List<String> args =
                new ArrayList<>(
                        List.of(
                                "caption",
                                "predict",
                                "--model",
                                TrainedBundles.caption().toString(),
                                "--beam",
                                "2"));
        pictures.forEach(p -> args.add(p.toString()));
        Run cli = TrainedBundles.cli(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.err());
        List<String> expected = cli.lines().stream().map(l -> l.split("\t", 2)[1]).toList();
        List<String> served = new ArrayList<>();
        json.json().get("captions").forEach(c -> served.add(c.asText()));
        assertEquals(expected, served);
    }

    @Test
    void givenRunningServer_whenProbed_thenHealthReadyMetricsAndOpenApi() {
        assertEquals(200, http.get("/healthz").status());
        assertEquals("ready", http.get("/readyz").json().get("status").asText());
        http.postJson("/v1/models/sentiment/predict", "{\"texts\":[\"fine\"]}");
        Answer metrics = http.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(
                metrics.raw()
                        .headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("text/plain"));
        for (String name :
                List.of(
                        "rnnkit_http_requests_seconds_bucket",
                        "rnnkit_http_requests_seconds_count",
                        "rnnkit_predict_requests_total",
                        "rnnkit_batch_size_bucket",
                        "rnnkit_queue_depth",
                        "rnnkit_forward_seconds_bucket")) {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }
        Answer openApi = http.get("/openapi.json");
        assertEquals(200, openApi.status());
        assertEquals("3.0.3", openApi.json().get("openapi").asText());
        assertTrue(openApi.json().get("paths").has("/v1/models/{name}/predict"));
    }

    /** A multipart/form-data upload of pictures (parts named "image") and a beam field. */
    static HttpRequest.Builder multipart(String path, List<Path> pictures, String beam)
            throws IOException {
        String boundary = "rnnkit" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (Path p : pictures) {
            body.write(
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"image\";"
                                    + " filename=\""
                                    + p.getFileName()
                                    + "\"\r\nContent-Type: image/png\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(p));
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"beam\"\r\n\r\n"
                                + beam
                                + "\r\n--"
                                + boundary
                                + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
