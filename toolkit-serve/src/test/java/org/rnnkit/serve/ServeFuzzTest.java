package org.rnnkit.serve;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.rnnkit.recipes.ServeOptions;

/**
 * The hostile-request list under a fuzzer (Jazzer): random methods, content types and bodies (JSON
 * or not) to every endpoint of a server holding a sentiment, a translate and a forecast model. Each
 * answer must be a 2xx, a 4xx or a 503, never a 5xx of another kind, and the server must still
 * answer {@code /healthz} afterwards. The default test run replays the committed seeds; {@code
 * bench/fuzz.sh toolkit-serve:ServeFuzzTest#requests} fuzzes for real.
 */
class ServeFuzzTest {

    private static final String[] PATHS = {
        "/v1/models/sentiment/predict",
        "/v1/models/translate/predict",
        "/v1/models/forecast/predict",
        "/v1/models",
        "/v1/models/sentiment",
        "/v1/models/none/predict",
        "/healthz",
        "/openapi.json"
    };
    private static final String[] METHODS = {"POST", "GET", "PUT", "DELETE"};
    private static final String[] TYPES = {
        "application/json", "text/plain", "application/x-www-form-urlencoded"
    };

    private static ModelServer server;
    private static Http http;

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void requests(FuzzedDataProvider in) {
        Http client = http();
        String path = PATHS[in.consumeInt(0, PATHS.length - 1)];
        String method = METHODS[in.consumeInt(0, METHODS.length - 1)];
        String type = TYPES[in.consumeInt(0, TYPES.length - 1)];
        byte[] body = in.consumeRemainingAsBytes();
        Http.Answer answer =
                client.send(
                        HttpRequest.newBuilder(URI.create(client.base() + path))
                                .header("Content-Type", type)
                                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
        int status = answer.status();
        if (status >= 500 && status != 503) {
            throw new AssertionError(
                    method + " " + path + " answered " + status + ": " + answer.body());
        }
        int health = client.get("/healthz").status();
        if (health != 200) {
            throw new AssertionError("the server stopped answering /healthz: " + health);
        }
    }

    private static synchronized Http http() {
        if (http == null) {
            ServeOptions d =
                    TrainedBundles.options(
                            TrainedBundles.sentiment().toString(),
                            TrainedBundles.translate().toString(),
                            TrainedBundles.forecast().toString());
            try {
                server =
                        ModelServer.start(
                                new ServeOptions(
                                        d.models(),
                                        "127.0.0.1",
                                        0,
                                        d.maxBatchSize(),
                                        d.maxWaitMillis(),
                                        d.queueCapacity(),
                                        64 * 1024,
                                        8,
                                        1000,
                                        3000));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            http = new Http(server.port());
        }
        return http;
    }
}
