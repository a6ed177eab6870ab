package org.rnnkit.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.rnnkit.recipes.ServeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code rnnkit serve}: Javalin 5 on Jetty 11, one {@link DynamicBatcher} per
 * model.
 *
 * <p>Endpoints: {@code GET /v1/models}, {@code GET /v1/models/{name}}, {@code POST
 * /v1/models/{name}/predict}, {@code GET /healthz} (the process answers), {@code GET /readyz}
 * (every model is loaded and the server is not stopping), {@code GET /metrics} (Prometheus text)
 * and {@code GET /openapi.json}. Every error is a JSON object {@code {"status", "error"}}, with
 * {@code "field"} when a request field is to blame.
 *
 * <p>Bundles are loaded before the server listens, so a corrupt bundle stops start-up with the
 * bundle's own error and nothing half-served.
 */
public final class ModelServer implements AutoCloseable {

    /** The shortest connection idle timeout, whatever the request timeout. */
    private static final long MIN_IDLE_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private final Map<String, ServedModel<?, ?>> models;
    private final PrometheusMeterRegistry registry;
    private final RequestReader reader;
    private final byte[] openApi;
    private final TrainingRuns runs;
    private final DashboardAssets dashboard;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Javalin app;
    private volatile boolean ready;

    private ModelServer(
            Map<String, ServedModel<?, ?>> models,
            PrometheusMeterRegistry registry,
            ServeOptions options)
            throws IOException {
        this.models = models;
        this.registry = registry;
        this.reader = new RequestReader(options);
        try (InputStream in = ModelServer.class.getResourceAsStream("openapi.json")) {
            this.openApi = Objects.requireNonNull(in, "openapi.json resource").readAllBytes();
        }
        this.runs = options.runs() == null ? null : new TrainingRuns(options.runs());
        this.dashboard = DashboardAssets.load();
        this.app =
                Javalin.create(
                        config -> {
                            config.showJavalinBanner = false;
                            config.http.prefer405over404 = true;
                            config.http.maxRequestSize = options.maxBodyBytes();
                            config.http.defaultContentType = "application/json";
                            config.jetty.multipartConfig.maxTotalRequestSize(
                                    options.maxBodyBytes(), SizeUnit.BYTES);
                            config.jetty.multipartConfig.maxFileSize(
                                    options.maxBodyBytes(), SizeUnit.BYTES);
                            config.jetty.multipartConfig.maxInMemoryFileSize(
                                    options.maxBodyBytes(), SizeUnit.BYTES);
                            config.requestLogger.http(this::record);
                        });
        app.get("/healthz", ctx -> ctx.json(status("ok")));
        app.get(
                "/readyz",
                ctx -> {
                    if (!ready) {
                        ctx.status(503);
                    }
                    ctx.json(status(ready ? "ready" : "not ready"));
                });
        app.get(
                "/metrics",
                ctx ->
                        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                .result(registry.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get("/v1/models", this::list);
        app.get("/v1/models/{name}", ctx -> send(ctx, 200, describe(model(ctx))));
        app.post("/v1/models/{name}/predict", this::predict);
        app.get("/v1/runs", this::listRuns);
        app.get("/v1/runs/<name>", this::run);
        app.get("/", ctx -> dashboard.send(ctx, "index.html"));
        app.get("/dashboard/{file}", ctx -> dashboard.send(ctx, ctx.pathParam("file")));
        app.exception(RequestException.class, this::refuse);
        app.exception(HttpResponseException.class, this::refuse);
        app.exception(Exception.class, this::fail);
    }

    /**
     * Loads the bundles and starts listening.
     *
     * @param options the bundles, address and limits
     * @return the running server
     * @throws IOException the error of the first bundle that is missing, corrupt or foreign
     * @throws IllegalArgumentException when two bundles get the same name or a name is unusable
     */
    public static ModelServer start(ServeOptions options) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, ServedModel<?, ?>> models = new LinkedHashMap<>();
        try {
            for (String spec : options.models()) {
                String[] nameAndPath = ServedModels.nameAndPath(spec);
                String name = nameAndPath[0];
                if (models.containsKey(name)) {
                    throw new IllegalArgumentException(
                            "two models are named '"
                                    + name
                                    + "'; name them apart with --model NAME=PATH");
                }
                Path file = Path.of(nameAndPath[1]);
                long start = System.nanoTime();
                models.put(name, ServedModels.load(name, file, options, registry));
                LOG.info(
                        "loaded {} model '{}' from {} in {} ms",
                        models.get(name).task(),
                        name,
                        file,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            ModelServer server = new ModelServer(models, registry, options);
            server.app.start(options.host(), options.port());
            for (Connector c : server.app.jettyServer().server().getConnectors()) {
                if (c instanceof ServerConnector connector) {
                    // Slow clients may not hold a connection much longer than a request may
                    // take; the floor keeps a very short request timeout from closing the
                    // connection before its own 503 is written.
                    connector.setIdleTimeout(Math.max(options.timeoutMillis(), MIN_IDLE_MILLIS));
                }
            }
            server.ready = true;
            LOG.info(
                    "serving {} on http://{}:{} (dashboard at /{})",
                    models.keySet(),
                    options.host(),
                    server.port(),
                    options.runs() == null ? "" : ", runs under " + options.runs());
            return server;
        } catch (IOException | RuntimeException e) {
            models.values().forEach(ServedModel::close);
            throw e;
        }
    }

    /**
     * Returns the port the server listens on (the chosen one when started with port 0).
     *
     * @return the port
     */
    public int port() {
        return app.port();
    }

    /**
     * Returns the names of the served models, in {@code --model} order.
     *
     * @return the names
     */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    /**
     * Blocks until {@link #close()} has stopped the server.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening, answers waiting requests 503 and stops every model's worker. */
    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        ready = false;
        try {
            app.stop();
        } finally {
            models.values().forEach(ServedModel::close);
            registry.close();
            stopped.countDown();
        }
    }

    private void list(Context ctx) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("models");
        models.values().forEach(m -> rows.add(describe(m)));
        send(ctx, 200, out);
    }

    private void listRuns(Context ctx) throws IOException {
        if (runs == null) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.putNull("directory");
            out.putArray("runs");
            send(ctx, 200, out);
        } else {
            send(ctx, 200, runs.list());
        }
    }

    private void run(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        ObjectNode run = runs == null ? null : runs.get(name).orElse(null);
        if (run == null) {
            throw new RequestException(
                    404, "name", "no training run named '" + RequestReader.abbreviate(name) + "'");
        }
        send(ctx, 200, run);
    }

    private static ObjectNode describe(ServedModel<?, ?> m) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("name", m.name());
        row.put("task", m.task());
        row.set("provenance", m.provenance());
        return row;
    }

    private ServedModel<?, ?> model(Context ctx) {
        String name = ctx.pathParam("name");
        ServedModel<?, ?> m = models.get(name);
        if (m == null) {
            throw new RequestException(
                    404,
                    "name",
                    "no model named '"
                            + RequestReader.abbreviate(name)
                            + "'; served models: "
                            + models.keySet());
        }
        return m;
    }

    private void predict(Context ctx) throws Exception {
        ServedModel<?, ?> m = model(ctx);
        String outcome = "error";
        try {
            ObjectNode answer = m.predict(ctx, reader);
            answer.put("model", m.name());
            send(ctx, 200, answer);
            outcome = "ok";
        } finally {
            Counter.builder("rnnkit_predict_requests")
                    .description("Predict requests per model and outcome")
                    .tag("model", m.name())
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment();
        }
    }

    private void record(Context ctx, Float millis) {
        Timer.builder("rnnkit_http_requests")
                .description("HTTP requests: count and latency")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The matched route template, so that unknown paths cannot grow the metric labels. */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private void refuse(Exception e, Context ctx) {
        int status;
        String field = null;
        Integer retryAfter = null;
        if (e instanceof RequestException r) {
            status = r.status();
            field = r.field();
            retryAfter = r.retryAfterSeconds();
        } else {
            status = ((HttpResponseException) e).getStatus();
        }
        if (retryAfter != null) {
            ctx.header("Retry-After", retryAfter.toString());
        }
        send(ctx, status, error(status, e.getMessage(), field));
    }

    private void fail(Exception e, Context ctx) {
        LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
        send(ctx, 500, error(500, "internal error: " + e.getClass().getSimpleName(), null));
    }

    private static ObjectNode error(int status, String message, String field) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", status);
        out.put("error", message == null ? "error " + status : message);
        if (field != null) {
            out.put("field", field);
        }
        return out;
    }

    private static ObjectNode status(String status) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", status);
        return out;
    }

    private void send(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /**
     * Returns what is served, for logs and tests.
     *
     * @return {@code name -> task}
     */
    public Map<String, String> tasks() {
        Map<String, String> out = new LinkedHashMap<>();
        models.forEach((name, m) -> out.put(name, m.task()));
        return out;
    }

    List<ServedModel<?, ?>> served() {
        return new ArrayList<>(models.values());
    }
}
