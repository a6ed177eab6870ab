package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.serve.Http.Answer;

/**
 * 64 parallel clients get the answers that single requests get (the same labels, probabilities
 * equal up to float round-off), while the batcher gathers their requests into shared forward passes
 * on the model's one worker thread.
 */
class ServeConcurrencyTest {

    private static final int CLIENTS = 64;
    private static final int REQUESTS_PER_CLIENT = 4;
    private static final double TOLERANCE = 1e-6;

    @Test
    void given64ParallelClients_whenSentimentPredicted_thenAnswersEqualSingleRequests()
            throws Exception {
        ServeOptions d = TrainedBundles.options(TrainedBundles.sentiment().toString());
        // A longer wait than the default, so that the 2-core test machine does gather batches.
        ServeOptions options =
                new ServeOptions(
                        d.models(),
                        d.host(),
                        0,
                        64,
                        20,
                        256,
                        d.maxBodyBytes(),
                        d.maxInputs(),
                        d.maxInputLength(),
                        60_000,
                        null);
        List<String> texts = new ArrayList<>();
        String[] words = {"good", "bad", "dull", "great", "not", "film", "acting", "plot"};
        for (int i = 0; i < 32; i++) {
            StringBuilder t = new StringBuilder();
            for (int w = 0; w <= i % 7; w++) {
                t.append(words[(i * 3 + w * 5) % words.length]).append(' ');
            }
            texts.add(t.toString().trim() + " " + i);
        }
        try (ModelServer server = ModelServer.start(options)) {
            Http http = new Http(server.port());
            // The reference: each text alone, one request at a time (a batch of one).
            List<JsonNode> single = new ArrayList<>();
            for (String t : texts) {
                single.add(predict(http, List.of(t)).get(0));
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(
                            pool.submit(
                                    () -> {
                                        List<String> problems = new ArrayList<>();
                                        for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                                            // One or two texts per request.
                                            int a = (client * 7 + r) % texts.size();
                                            int b = (client + r * 5) % texts.size();
                                            List<Integer> ids =
                                                    client % 2 == 0 ? List.of(a) : List.of(a, b);
                                            List<String> batch =
                                                    ids.stream().map(texts::get).toList();
                                            JsonNode got = predict(http, batch);
                                            for (int k = 0; k < ids.size(); k++) {
                                                if (!same(got.get(k), single.get(ids.get(k)))) {
                                                    problems.add(
                                                            texts.get(ids.get(k))
                                                                    + ": "
                                                                    + got.get(k)
                                                                    + " != "
                                                                    + single.get(ids.get(k)));
                                                }
                                            }
                                        }
                                        return problems;
                                    }));
                }
                List<String> problems = new ArrayList<>();
                for (Future<List<String>> f : clients) {
                    problems.addAll(f.get(5, TimeUnit.MINUTES));
                }
                assertEquals(List.of(), problems);
            } finally {
                pool.shutdownNow();
            }
            Answer metrics = http.get("/metrics");
            Matcher max =
                    Pattern.compile("rnnkit_batch_size_max\\{model=\"sentiment\",?\\} ([0-9.]+)")
                            .matcher(metrics.body());
            assertTrue(max.find(), metrics.body());
            assertTrue(
                    Double.parseDouble(max.group(1)) > 1,
                    "requests were gathered into batches: " + max.group());
        }
    }

    /**
     * The same label and the same probabilities up to float round-off: a batch pads to its longest
     * text and multiplies larger matrices than a batch of one, so a probability may differ in its
     * last float bit (about 6e-8), never more than {@link #TOLERANCE}.
     */
    private static boolean same(JsonNode got, JsonNode single) {
        if (!got.get("label").equals(single.get("label"))) {
            return false;
        }
        if (Math.abs(got.get("probability").asDouble() - single.get("probability").asDouble())
                > TOLERANCE) {
            return false;
        }
        JsonNode a = got.get("probabilities");
        JsonNode b = single.get("probabilities");
        if (a.size() != b.size()) {
            return false;
        }
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String label = it.next();
            if (!a.has(label)
                    || Math.abs(a.get(label).asDouble() - b.get(label).asDouble()) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode predict(Http http, List<String> texts) throws IOException {
        Answer a = http.postJson("/v1/models/sentiment/predict", Http.json(Map.of("texts", texts)));
        if (a.status() != 200) {
            throw new IOException("HTTP " + a.status() + ": " + a.body());
        }
        return a.json().get("predictions");
    }
}
