package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.recipes.ServeOptions;

/**
 * Tiny bundles of every recipe, smoke-trained once per test JVM with the command line ({@code
 * rnnkit <task> train --smoke}), and helpers that run the command line as the reference answer.
 */
final class TrainedBundles {

    /** Output of one command-line run. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
        }
    }

    private static Path dir;

    private TrainedBundles() {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RnnkitCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run ok(String... args) {
        Run run = cli(args);
        assertEquals(0, run.exit(), String.join(" ", args) + "\n" + run.err() + run.out());
        return run;
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("rnnkit-serve-test");
                Path created = dir;
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(() -> delete(created), "delete-bundles"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test bundles in " + root, e);
        }
    }

    static synchronized Path sentiment() {
        return trained("sentiment", "--hidden", "8");
    }

    static synchronized Path postag() {
        return trained("postag", "--layers", "1", "--hidden", "4");
    }

    static synchronized Path generate() {
        return trained("generate", "--hidden", "8");
    }

    static synchronized Path translate() {
        return trained("translate", "--hidden", "8");
    }

    /** The forecast history CSV the forecast bundle was trained on. */
    static synchronized Path forecastData() {
        Path data = dir().resolve("series.csv");
        if (!Files.exists(data)) {
            ok("forecast", "generate", "--out", data.toString(), "--rows", "400");
        }
        return data;
    }

    static synchronized Path forecast() {
        return trained(
                "forecast",
                "--data",
                forecastData().toString(),
                "--lookback",
                "24",
                "--horizon",
                "6",
                "--hidden",
                "8");
    }

    /** The generated scenes the caption bundle was trained on. */
    static synchronized Path captionData() {
        Path data = dir().resolve("scenes");
        if (!Files.exists(data)) {
            ok("caption", "generate", "--out", data.toString(), "--size", "40");
        }
        return data;
    }

    /** A few of the generated pictures. */
    static List<Path> pictures(int n) throws IOException {
        try (Stream<Path> files = Files.walk(captionData())) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().limit(n).toList();
        }
    }

    static synchronized Path caption() {
        return trained(
                "caption",
                "--data",
                captionData().toString(),
                "--hidden",
                "8",
                "--embedding-size",
                "4",
                "--image-vector-size",
                "4",
                "--min-count",
                "1",
                "--beam",
                "2");
    }

    private static Path trained(String task, String... flags) {
        Path model = dir().resolve(task + ".zip");
        if (!Files.exists(model)) {
            List<String> args =
                    new ArrayList<>(List.of(task, "train", "--smoke", "--out", model.toString()));
            args.addAll(Arrays.asList(flags));
            ok(args.toArray(String[]::new));
        }
        return model;
    }

    /** Options for tests: loopback, a free port, the given bundles and the default limits. */
    static ServeOptions options(String... models) {
        ServeOptions d = ServeOptions.defaults(List.of(models));
        return new ServeOptions(
                d.models(),
                "127.0.0.1",
                0,
                d.maxBatchSize(),
                d.maxWaitMillis(),
                d.queueCapacity(),
                d.maxBodyBytes(),
                d.maxInputs(),
                d.maxInputLength(),
                10_000,
                null);
    }
}
