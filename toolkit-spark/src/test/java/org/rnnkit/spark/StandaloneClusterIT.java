package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import org.rnnkit.recipes.sentiment.SentimentModel;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers (1 core, 1 GiB each) as
 * separate JVMs from the Spark jars Maven brings ({@code target/spark/jars}), and {@code sentiment
 * train} submitted to it with the cluster jar through {@code SparkSubmit} (what {@code
 * spark-submit} runs). The first job's bundle must predict; during the second, one worker JVM is
 * killed: the job completes through Spark's task retry, or fails with a message and {@code
 * --resume} from its last checkpoint finishes it. Runs after {@code package} (the cluster jar), in
 * Maven's integration-test phase; every process is stopped by its own pid.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final Pattern MASTER_URL =
            Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    @TempDir static Path dir;

    private static final List<Process> DAEMONS = new ArrayList<>();
    private static Process master;
    private static Process worker1;
    private static Process worker2;
    private static String masterUrl;
    private static Path sparkHome;
    private static Path clusterJar;
    private static Path train;
    private static Path dev;

    @BeforeAll
    static void startCluster() throws Exception {
        sparkHome =
                Path.of(System.getProperty("rnnkit.spark.home", "target/spark")).toAbsolutePath();
        clusterJar =
                Path.of(System.getProperty("rnnkit.cluster.jar", "target/rnnkit-spark-cluster.jar"))
                        .toAbsolutePath();
        assertTrue(
                Files.isRegularFile(clusterJar) && Files.isDirectory(sparkHome.resolve("jars")),
                "the cluster jar and Spark home are built by `mvn -pl toolkit-spark package`: "
                        + clusterJar);
        train = dir.resolve("train.tsv");
        dev = dir.resolve("dev.tsv");
        SentimentDataGenerator.write(train, 800, 2);
        SentimentDataGenerator.write(dev, 200, 3);

        master =
                daemon(
                        "master",
                        "-Xmx256m",
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--webui-port",
                        "0");
        Path masterLog = dir.resolve("master.log");
        waitFor("the master's URL in " + masterLog, () -> find(masterLog, MASTER_URL) != null);
        masterUrl = find(masterLog, MASTER_URL);
        worker1 = worker(1);
        worker2 = worker(2);
        waitFor(
                "two workers registered in " + masterLog,
                () -> count(masterLog, "Registering worker 127.0.0.1") == 2);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        // Workers first (with their executors, each by its own pid), then the master.
        for (int i = DAEMONS.size() - 1; i >= 0; i--) {
            stop(DAEMONS.get(i).toHandle());
        }
    }

    @Test
    @Order(1)
    void givenStandaloneCluster_whenSentimentSubmitted_thenBundlePredicts() throws Exception {
        Path out = dir.resolve("first.zip");
        Job job = submit("first", out, "--epochs", "2");
        assertEquals(0, job.waitFor(), job.tail());
        assertTrue(Files.isRegularFile(out), job.tail());
        SentimentModel model = SentimentModel.load(out);
        assertEquals(masterUrl, model.options().training().spark().master());
        List<SentimentModel.Prediction> p =
                model.predict(List.of("the plot was not bad", "a dull plot"));
        assertEquals(2, p.size());
        for (SentimentModel.Prediction x : p) {
            assertTrue(List.of("pos", "neg").contains(x.label()), x.toString());
        }
        // Both workers ran an executor of the application.
        for (int i = 1; i <= 2; i++) {
            try (var apps = Files.list(dir.resolve("worker" + i))) {
                assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")));
            }
        }
    }

    @Test
    @Order(2)
    void givenWorkerKilledMidJob_whenJobEnds_thenCompletedOrResumeFinishesIt() throws Exception {
        Path out = dir.resolve("second.zip");
        Path checkpoint = dir.resolve("second-run/checkpoint.zip");
        Job job = submit("second", out, "--epochs", "3");
        waitFor("the first checkpoint " + checkpoint, () -> Files.isRegularFile(checkpoint));
        assertTrue(job.process.isAlive(), "the job ended before the worker was killed");
        List<ProcessHandle> executors = worker2.descendants().toList();
        worker2.destroyForcibly();
        assertTrue(worker2.waitFor(30, TimeUnit.SECONDS), "worker 2 did not die");
        for (ProcessHandle executor : executors) {
            stop(executor);
        }
        int exit = job.waitFor();
        if (exit == 0) {
            System.out.println("[cluster] the job completed after losing worker 2 (task retry)");
        } else {
            // A clear message, and no bundle; the last checkpoint resumes it on the worker left.
            String tail = job.tail();
            assertTrue(tail.contains("error:"), tail);
            assertFalse(Files.exists(out), tail);
            System.out.println("[cluster] the job failed after losing worker 2; resuming");
            Job resumed = submit("second-resume", out, "--epochs", "3", "--resume");
            assertEquals(0, resumed.waitFor(), resumed.tail());
            assertTrue(resumed.tail().contains("resuming from"), resumed.tail());
        }
        assertTrue(Files.isRegularFile(out), job.tail());
        assertEquals(2, SentimentModel.load(out).predict(List.of("not bad", "bad")).size());
        String masterLog = Files.readString(dir.resolve("master.log"));
        assertTrue(masterLog.contains("Removing worker"), "the master saw worker 2 go");
    }

    private static Process worker(int n) throws IOException {
        Path work = Files.createDirectories(dir.resolve("worker" + n));
        return daemon(
                "worker" + n,
                "-Xmx256m",
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--webui-port",
                "0",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                work.toString(),
                masterUrl);
    }

    private static Process daemon(String name, String heap, String mainClass, String... args)
            throws IOException {
        Process p = java(name, heap, mainClass, List.of(args));
        DAEMONS.add(p);
        return p;
    }

    /** Submits {@code sentiment train} with the cluster jar, as spark-submit does. */
    private static Job submit(String name, Path out, String... extra) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--master",
                                masterUrl,
                                "--conf",
                                "spark.ui.enabled=false",
                                "--conf",
                                "spark.driver.host=127.0.0.1",
                                "--conf",
                                "spark.driver.bindAddress=127.0.0.1",
                                "--conf",
                                "spark.executor.memory=640m",
                                "--conf",
                                "spark.cores.max=2",
                                "--class",
                                "org.rnnkit.cli.RnnkitCli",
                                clusterJar.toString(),
                                "sentiment",
                                "train",
                                "--spark",
                                masterUrl,
                                "--workers",
                                "2",
                                "--data",
                                train.toString(),
                                "--dev",
                                dev.toString(),
                                "--hidden",
                                "16",
                                "--embedding-size",
                                "16",
                                "--batch-size",
                                "16",
                                "--no-progress",
                                "--out",
                                out.toString()));
        args.addAll(Arrays.asList(extra));
        return new Job(java(name, "-Xmx1g", "org.apache.spark.deploy.SparkSubmit", args), name);
    }

    private static Process java(String name, String heap, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.addAll(
                Arrays.asList(System.getProperty("rnnkit.spark.opens", "").trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
        env.put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private record Job(Process process, String name) {
        int waitFor() throws InterruptedException {
            if (!process.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                stop(process.toHandle());
                throw new AssertionError(name + " did not end in " + JOB_TIMEOUT + ": " + tail());
            }
            return process.exitValue();
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
                return String.join(
                        "\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops a process and the processes it started, each by its own pid. */
    private static void stop(ProcessHandle p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        terminate(p);
        for (ProcessHandle c : children) {
            terminate(c);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    private static void terminate(ProcessHandle p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            p.onExit().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
        }
    }

    private static void waitFor(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            for (Process d : DAEMONS) {
                if (!d.isAlive() && d != worker2) {
                    throw new AssertionError("a Spark daemon died while waiting for " + what);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String find(Path log, Pattern pattern) {
        Matcher m = pattern.matcher(read(log));
        return m.find() ? m.group(1) : null;
    }

    private static int count(Path log, String text) {
        return read(log).split(Pattern.quote(text), -1).length - 1;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log)
                    ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
