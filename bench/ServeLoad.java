import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Loopback load generator for {@code rnnkit serve} (bench/serve.sh): {@code clients} closed-loop
 * clients, each sending one sentiment request after the other for {@code seconds} (after a
 * warm-up that is not counted), each request {@code {"texts": [one text]}} taken in turn from the
 * text column (the last one) of a TSV corpus. Prints one JSON line: requests, texts per second,
 * latency percentiles in ms and the number of errors (any status but 200, or no answer).
 *
 * <pre>
 * java bench/ServeLoad.java --url http://127.0.0.1:8080/v1/models/imdb/predict \
 *     --data train.tsv.gz --clients 32 --seconds 60 [--warmup 5] [--texts 500] [--per-request 1]
 * </pre>
 */
public final class ServeLoad {

    public static void main(String[] args) throws Exception {
        String url = null;
        Path data = null;
        int clients = 1;
        int seconds = 60;
        int warmup = 5;
        int texts = 500;
        int perRequest = 1;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--url" -> url = value;
                case "--data" -> data = Path.of(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--texts" -> texts = Integer.parseInt(value);
                case "--per-request" -> perRequest = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || data == null) {
            throw new IllegalArgumentException("--url and --data are required");
        }
        List<String> bodies = bodies(data, texts, perRequest);
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .executor(Executors.newFixedThreadPool(4))
                        .build();
        URI uri = URI.create(url);

        run(http, uri, bodies, clients, warmup, new long[clients][], new AtomicLong());
        long[][] latencies = new long[clients][];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        run(http, uri, bodies, clients, seconds, latencies, errors);
        double elapsed = (System.nanoTime() - start) / 1e9;

        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long ok = all.length - errors.get();
        System.out.printf(
                Locale.ROOT,
                "{\"clients\": %d, \"seconds\": %.1f, \"requests\": %d, \"errors\": %d,"
                        + " \"texts_per_second\": %.1f, \"p50_ms\": %.1f, \"p95_ms\": %.1f,"
                        + " \"p99_ms\": %.1f, \"max_ms\": %.1f}%n",
                clients,
                elapsed,
                all.length,
                errors.get(),
                ok * perRequest / elapsed,
                percentile(all, 0.50),
                percentile(all, 0.95),
                percentile(all, 0.99),
                all.length == 0 ? 0.0 : all[all.length - 1] / 1e6);
        System.exit(0);
    }

    /** Runs the clients for {@code seconds}; client c's latencies (ns) go to {@code out[c]}. */
    private static void run(
            HttpClient http,
            URI uri,
            List<String> bodies,
            int clients,
            int seconds,
            long[][] out,
            AtomicLong errors)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t =
                    new Thread(
                            () -> {
                                long[] lat = new long[1024];
                                int n = 0;
                                int next = client * 7919 % bodies.size();
                                while (System.nanoTime() < deadline) {
                                    HttpRequest request =
                                            HttpRequest.newBuilder(uri)
                                                    .timeout(Duration.ofSeconds(60))
                                                    .header("Content-Type", "application/json")
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    bodies.get(next)))
                                                    .build();
                                    next = (next + 1) % bodies.size();
                                    long t0 = System.nanoTime();
                                    try {
                                        HttpResponse<Void> r =
                                                http.send(
                                                        request,
                                                        HttpResponse.BodyHandlers.discarding());
                                        if (r.statusCode() != 200) {
                                            errors.incrementAndGet();
                                        }
                                    } catch (IOException e) {
                                        errors.incrementAndGet();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                        break;
                                    }
                                    if (n == lat.length) {
                                        lat = Arrays.copyOf(lat, n * 2);
                                    }
                                    lat[n++] = System.nanoTime() - t0;
                                }
                                out[client] = Arrays.copyOf(lat, n);
                                done.countDown();
                            },
                            "client-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Request bodies from the first {@code texts} rows of the TSV's last column. */
    private static List<String> bodies(Path data, int texts, int perRequest) throws IOException {
        List<String> rows = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(data);
                InputStream in = data.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while (rows.size() < texts && (line = reader.readLine()) != null) {
                String text = line.substring(line.lastIndexOf('\t') + 1).strip();
                if (!text.isEmpty()) {
                    rows.add(text);
                }
            }
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i + perRequest <= rows.size(); i += perRequest) {
            StringBuilder b = new StringBuilder("{\"texts\": [");
            for (int j = 0; j < perRequest; j++) {
                b.append(j == 0 ? "" : ", ").append(json(rows.get(i + j)));
            }
            bodies.add(b.append("]}").toString());
        }
        return bodies;
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
