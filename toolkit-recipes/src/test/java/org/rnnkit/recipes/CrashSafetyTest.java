package org.rnnkit.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.recipes.sentiment.SentimentRecipe;

/**
 * Crash safety: training runs in a child JVM that is killed with SIGKILL, every other time at a
 * random moment and otherwise the moment a checkpoint or bundle write begins (a new temporary
 * file). After every kill the previous bundle loads and the checkpoint is a whole zip; each restart
 * with {@code --resume} goes on from there; the last one completes, and its metrics and weights
 * equal those of one uninterrupted run.
 *
 * <p>The default run kills {@value #DEFAULT_KILLS} times (about a minute); {@code bench/crash.sh}
 * runs it with {@code -Drnnkit.crash.kills=50} or more.
 */
class CrashSafetyTest {

    private static final int DEFAULT_KILLS = 5;

    @TempDir Path dir;

    @Test
    void givenTrainingKilledAtRandomMoments_whenResumed_thenEndsAsAnUninterruptedRun()
            throws Exception {
        int kills = Integer.getInteger("rnnkit.crash.kills", DEFAULT_KILLS);
        Path reference = dir.resolve("reference.zip");
        long start = System.nanoTime();
        assertEquals(
                0,
                train(reference, false).waitFor(),
                () -> "the uninterrupted run failed" + log(reference));
        long fullRunMillis = (System.nanoTime() - start) / 1_000_000;

        // The "previous bundle" every kill must leave loadable.
        Path model = Files.copy(reference, dir.resolve("model.zip"));
        ModelBundle expected = ModelBundle.load(reference);
        Random random = new Random(7);
        int killed = 0;
        int duringWrites = 0;
        int campaigns = 0;
        while (killed < kills) {
            // A campaign trains from scratch, killed again and again, each restart resuming.
            campaigns++;
            deleteRecursively(runDirectory(model));
            while (true) {
                List<Path> before = temporaryFiles();
                Process child = train(model, true);
                long delay = (long) (fullRunMillis * (0.15 + 0.85 * random.nextDouble()));
                boolean last = killed >= kills;
                // Every other kill waits for a write to begin (a new temporary file) and strikes
                // then; the others strike at a random moment.
                boolean atWrite = killed % 2 == 1;
                if (last
                        || (atWrite
                                ? !writeBegins(child, before, delay / 2)
                                : child.waitFor(delay, TimeUnit.MILLISECONDS))) {
                    assertEquals(0, child.waitFor(), () -> "a resumed run failed" + log(model));
                    break;
                }
                child.destroyForcibly().waitFor();
                killed++;
                duringWrites += temporaryFiles().isEmpty() ? 0 : 1;
                // The previous bundle (or this run's new one) always loads; the checkpoint is
                // whole.
                ModelBundle.load(model);
                Path checkpoint = runDirectory(model).resolve("checkpoint.zip");
                if (Files.exists(checkpoint)) {
                    readWholeZip(checkpoint);
                }
            }
            ModelBundle actual = ModelBundle.load(model);
            assertEquals(expected.metrics(), actual.metrics(), "campaign " + campaigns);
            assertArrayEquals(
                    expected.network().params().data().asFloat(),
                    actual.network().params().data().asFloat(),
                    0f,
                    "campaign " + campaigns);
        }
        System.out.printf(
                "crash safety: %d kills in %d campaigns (%d left a checkpoint or bundle half-written);"
                        + " uninterrupted run %d ms%n",
                killed, campaigns, duringWrites, fullRunMillis);
        assertTrue(temporaryFiles().isEmpty(), "stale temporary files: " + temporaryFiles());
    }

    private Process train(Path out, boolean resume) throws IOException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dorg.bytedeco.javacpp.maxbytes=1G");
        command.add("-cp");
        command.add(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(SentimentRecipe.class.getName());
        command.addAll(
                List.of(
                        "train",
                        "--data",
                        resource("sentiment/tiny.tsv"),
                        "--dev",
                        resource("sentiment/tiny-dev.tsv"),
                        "--out",
                        out.toString(),
                        "--epochs",
                        "25",
                        "--patience",
                        "25",
                        "--hidden",
                        "6",
                        "--batch-size",
                        "4",
                        "--seed",
                        "5",
                        "--no-progress"));
        if (resume) {
            command.add("--resume");
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(out.getFileName() + ".log").toFile())
                .start();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The end of a child's output, for a failure message. */
    private String log(Path out) {
        try {
            String text = Files.readString(dir.resolve(out.getFileName() + ".log"));
            return ":\n" + text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return " (no log: " + e + ")";
        }
    }

    private static Path runDirectory(Path model) {
        String name = model.getFileName().toString();
        return model.resolveSibling(name.substring(0, name.length() - 4) + "-run");
    }

    /**
     * Waits {@code delayMillis}, then until a temporary file not in {@code before} appears.
     *
     * @return true when one appeared while the child runs, false when the child ended first
     */
    private boolean writeBegins(Process child, List<Path> before, long delayMillis)
            throws IOException, InterruptedException {
        if (child.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        while (child.isAlive()) {
            List<Path> now = new ArrayList<>(temporaryFiles());
            now.removeAll(before);
            if (!now.isEmpty()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Temporary files {@code AtomicFiles} leaves when its writer is killed before the rename. */
    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void readWholeZip(Path zip) throws IOException {
        int entries = 0;
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; entries++) {
                z.readAllBytes();
            }
        }
        assertTrue(entries > 0, zip + " has no entries");
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(CrashSafetyTest.class.getClassLoader().getResource(name).toURI()).toString();
    }
}
