package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Debian's headless {@code chromium}, driven over the Chrome DevTools Protocol (a WebSocket, with
 * the JDK's own client): open a page, evaluate JavaScript, take a screenshot. The browser is a
 * child process of the test, started on a free loopback port with its own profile directory and
 * stopped by its handle.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /**
     * Finds the browser: the system property {@code rnnkit.chromium}, else {@code chromium}, {@code
     * chromium-browser} or {@code google-chrome} on the {@code PATH}.
     */
    static Optional<Path> find() {
        String property = System.getProperty("rnnkit.chromium");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser on a blank page, 1280x900, and connects to that page. */
    static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("rnnkit-chromium");
        Process process =
                new ProcessBuilder(
                                binary.toString(),
                                "--headless=new",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--disable-extensions",
                                "--remote-debugging-address=127.0.0.1",
                                "--remote-debugging-port=0",
                                "--user-data-dir=" + profile,
                                "--window-size=1280,900",
                                "about:blank")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            String browserSocket = devToolsAddress(process);
            URI browser = URI.create(browserSocket);
            HttpClient client = HttpClient.newHttpClient();
            String pageSocket = pageSocket(client, browser);
            HeadlessChromium[] self = new HeadlessChromium[1];
            StringBuilder partial = new StringBuilder();
            WebSocket socket =
                    client.newWebSocketBuilder()
                            .buildAsync(
                                    URI.create(pageSocket),
                                    new WebSocket.Listener() {
                                        @Override
                                        public CompletionStage<?> onText(
                                                WebSocket ws, CharSequence data, boolean last) {
                                            partial.append(data);
                                            if (last) {
                                                String message = partial.toString();
                                                partial.setLength(0);
                                                self[0].receive(message);
                                            }
                                            ws.request(1);
                                            return null;
                                        }
                                    })
                            .get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, profile, socket);
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteProfile(profile);
            throw new IOException("chromium did not start: " + e, e);
        }
    }

    /** Reads the browser's stderr until it prints its DevTools address (at most 60 lines). */
    private static String devToolsAddress(Process process) throws IOException {
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String line = err.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                Thread drain =
                        new Thread(
                                () -> {
                                    try {
                                        while (err.readLine() != null) {
                                            // The browser's later messages are not needed.
                                        }
                                    } catch (IOException e) {
                                        // The browser exited; nothing more to read.
                                    }
                                },
                                "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return line.substring(at).trim();
            }
        }
        throw new IOException("chromium printed no DevTools address:\n" + seen);
    }

    /** The WebSocket address of the first page target, from {@code /json/list}. */
    private static String pageSocket(HttpClient client, URI browser) throws Exception {
        URI list =
                URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> r =
                    client.send(
                            HttpRequest.newBuilder(list).timeout(COMMAND_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(r.body())) {
                if (target.path("type").asText().equals("page")) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium has no page target at " + list);
    }

    private void receive(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> future = pending.remove(node.get("id").asInt());
                if (future != null) {
                    future.complete(node);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Sends one DevTools command and returns its {@code result}; a protocol error throws. */
    JsonNode command(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, future);
        socket.sendText(message.toString(), true)
                .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = future.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** Opens a page and waits until its document has loaded. */
    void open(String url) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("url", url);
        command("Page.navigate", params);
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(30), JsonNode::asBoolean);
    }

    /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("expression", expression);
        params.put("returnByValue", true);
        params.put("awaitPromise", true);
        JsonNode result = command("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(
                    "page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Evaluates an expression every 100 ms until its value passes the test, and returns it.
     *
     * @throws IllegalStateException with the last value when the time is up
     */
    JsonNode waitFor(String expression, Duration timeout, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = evaluate(expression);
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "waited " + timeout + " for " + expression + "; last value: " + value);
    }

    /** Saves a PNG of the whole page. */
    void screenshot(Path file) throws Exception {
        ObjectNode params = JSON.createObjectNode();
        params.put("format", "png");
        params.put("captureBeyondViewport", true);
        JsonNode result = command("Page.captureScreenshot", params);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(result.path("data").asText()));
    }

    /** Closes the connection, stops the browser and deletes its profile. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.abort();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
