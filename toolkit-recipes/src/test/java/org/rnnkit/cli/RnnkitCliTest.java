package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;

class RnnkitCliTest {

    @TempDir Path dir;

    /** The captured result of one CLI run. */
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RnnkitCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * Runs {@code rnnkit TASK eval --model MODEL --data DATA --json JSON EXTRA...} and checks that
     * it succeeded.
     */
    static Run evaluate(String task, Path model, Path data, Path json, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                task,
                                "eval",
                                "--model",
                                model.toString(),
                                "--data",
                                data.toString(),
                                "--json",
                                json.toString()));
        args.addAll(List.of(extra));
        Run eval = run(args.toArray(String[]::new));
        assertEquals(0, eval.exit(), eval.err());
        return eval;
    }

    static Path resource(String name) {
        try {
            return Path.of(RnnkitCliTest.class.getResource("/sentiment/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenTinySample_whenTrainEvalPredict_thenBundleMetricsJsonAndPredictions()
            throws IOException {
        Path model = dir.resolve("m.zip");
        Run train = trainWithDev(model);
        assertEquals(0, train.exit(), train.err());
        assertTrue(Files.isRegularFile(model));
        assertTrue(train.out().contains("bag-of-words"), train.out());
        assertTrue(Files.isRegularFile(dir.resolve("m-run/checkpoint.zip")));

        Path json = dir.resolve("metrics.json");
        Run eval =
                run(
                        "sentiment",
                        "eval",
                        "--model",
                        model.toString(),
                        "--data",
                        resource("tiny-dev.tsv").toString(),
                        "--json",
                        json.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("confusion matrix"), eval.out());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertTrue(
                metrics.has("baseline_accuracy")
                        && metrics.has("f1_pos")
                        && metrics.has("macro_f1"));
        // The accuracy measured in memory at training time equals the reloaded bundle's.
        assertEquals(ModelBundle.load(model).metrics().get("accuracy"), accuracy, 1e-12);

        String[] predictArgs = {
            "sentiment", "predict", "--model", model.toString(), "not bad at all", "a dull film"
        };
        Run predict = run(predictArgs);
        assertEquals(0, predict.exit(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(2, lines.size());
        for (String line : lines) {
            String[] parts = line.split("\t");
            assertTrue(parts[0].equals("pos") || parts[0].equals("neg"), line);
            double p = Double.parseDouble(parts[1]);
            assertTrue(p >= 0.5 && p <= 1.0, line);
        }
        assertEquals(
                predict.out(),
                run(predictArgs).out(),
                "a reloaded bundle must predict identically");
    }

    @Test
    void givenEmbeddingsWithoutSize_whenSmokeTrain_thenSizeTakenFromFileAndCoverageSaved()
            throws IOException {
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(
                vectors, "2 3\nthe 0.5 -0.25 0.125\nnot -1 0 1\n", StandardCharsets.UTF_8);
        Path model = dir.resolve("m.zip");
        Run train = trainWithDev(model, "--embeddings", vectors.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(
                train.out().contains("embedding size set to 3, the dimension of " + vectors),
                train.out());
        ModelBundle bundle = ModelBundle.load(model);
        assertEquals(3, bundle.options().get("embeddingSize").asInt());
        assertEquals(2.0, bundle.metrics().get("embeddings_found"));

        Run mismatch =
                run(
                        "sentiment",
                        "train",
                        "--data",
                        resource("tiny.tsv").toString(),
                        "--out",
                        dir.resolve("other.zip").toString(),
                        "--smoke",
                        "--embedding-size",
                        "5",
                        "--embeddings",
                        vectors.toString());
        assertRefused(mismatch, "embeddingSize must equal the dimension of the vectors");
    }

    @Test
    void givenNoInputArguments_whenPredict_thenReadsStandardInputLines() throws IOException {
        Path model = dir.resolve("m.zip");
        trainSmokeModel(model, "--dev-fraction", "0.5");
        InputStream original = System.in;
        try {
            System.setIn(
                    new ByteArrayInputStream(
                            "great fun\n\nawful\n".getBytes(StandardCharsets.UTF_8)));
            Run predict = run("sentiment", "predict", "--model", model.toString());
            assertEquals(0, predict.exit(), predict.err());
            assertEquals(2, predict.out().lines().count());
            assertTrue(predict.err().contains("line 2 is empty"), predict.err());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void givenInterruptedTraining_whenResumed_thenContinuesFromCheckpoint() throws IOException {
        Path model = dir.resolve("r.zip");
        String[] base =
                concat(
                        sentimentTrain(model, "--dev", resource("tiny-dev.tsv").toString()),
                        "--hidden",
                        "4",
                        "--batch-size",
                        "8");
        assertEquals(0, run(concat(base, "--epochs", "1")).exit());
        assertEquals(1, Files.readAllLines(dir.resolve("r-run/metrics.jsonl")).size());
        Run resumed = run(concat(base, "--epochs", "3", "--resume"));
        assertEquals(0, resumed.exit(), resumed.err());
        List<String> log = Files.readAllLines(dir.resolve("r-run/metrics.jsonl"));
        assertEquals(3, log.size(), String.join("\n", log));
        assertTrue(
                log.get(0).startsWith("{\"epoch\":1,") && log.get(2).startsWith("{\"epoch\":3,"),
                log.toString());
    }

    @Test
    void givenBadInputs_whenRun_thenExitTwoWithClearMessagesAndNothingWritten() throws IOException {
        Path model = dir.resolve("never.zip");
        Run missing =
                run(
                        "sentiment",
                        "train",
                        "--data",
                        dir.resolve("absent.tsv").toString(),
                        "--out",
                        model.toString());
        assertEquals(2, missing.exit());
        assertTrue(
                missing.err().contains("file not found") && missing.err().contains("absent.tsv"),
                missing.err());

        Run malformed = trainOn("bad.tsv", "label\ttext\npos\tgood\nneg\tbad\nneg\n", model);
        assertRefused(malformed, "bad.tsv:4:");

        Run singleton =
                trainOn("single.tsv", "label\ttext\npos\tgood\npos\tfine\nneg\tbad\n", model);
        assertEquals(2, singleton.exit());
        assertTrue(
                singleton.err().contains("single.tsv:4:") && singleton.err().contains("only once"),
                singleton.err());

        Run badCell = run("sentiment", "train", "--cell", "transformer", "--out", model.toString());
        assertRefused(badCell, "cell must be one of");

        Path notBundle = dir.resolve("notes.zip");
        Files.writeString(notBundle, "hello");
        Run foreign = run("sentiment", "predict", "--model", notBundle.toString(), "x");
        assertRefused(foreign, "not an rnnkit model bundle");

        assertFalse(Files.exists(model), "a failed run must not write a bundle");
    }

    @Test
    void givenUnknownLabelInEval_whenEvaluated_thenErrorNamesFileAndLine() throws IOException {
        Path model = dir.resolve("m.zip");
        trainSmokeModel(model);
        Path stars = dir.resolve("stars.tsv");
        Files.writeString(stars, "label\ttext\npos\tgood\nneutral\tmeh\n");
        Run eval =
                run("sentiment", "eval", "--model", model.toString(), "--data", stars.toString());
        assertEquals(2, eval.exit());
        assertTrue(
                eval.err().contains("stars.tsv:3:") && eval.err().contains("'neutral'"),
                eval.err());
    }

    @Test
    void givenHelpFlag_whenRun_thenEveryCommandDocumentsItself() {
        for (String[] args :
                List.of(
                        new String[] {"--help"},
                        new String[] {"sentiment", "--help"},
                        new String[] {"sentiment", "train", "--help"},
                        new String[] {"sentiment", "eval", "--help"},
                        new String[] {"sentiment", "predict", "--help"})) {
            Run help = run(args);
            assertEquals(0, help.exit(), String.join(" ", args));
            assertTrue(help.out().contains("Usage:"), help.out());
        }
        Run train = run("sentiment", "train", "--help");
        for (String flag :
                List.of(
                        "--data",
                        "--dev",
                        "--out",
                        "--epochs",
                        "--seed",
                        "--cell",
                        "--hidden",
                        "--layers",
                        "--bidirectional",
                        "--dropout",
                        "--batch-size",
                        "--max-length",
                        "--lr",
                        "--resume",
                        "--smoke")) {
            assertTrue(train.out().contains(flag), "train --help lacks " + flag);
        }
        assertEquals(2, run("sentiment").exit());
    }

    @Test
    void givenEachCell_whenTrainedBidirectional_thenBundlePredicts() {
        for (String cell : List.of("gru", "rnn", "lstm")) {
            Path model = dir.resolve(cell + ".zip");
            trainSmokeModel(model, "--cell", cell, "--bidirectional", "--layers", "2");
            Run predict = run("sentiment", "predict", "--model", model.toString(), "a dull film");
            assertEquals(0, predict.exit(), cell + ": " + predict.err());
            assertEquals(1, predict.out().lines().count(), predict.out());
        }
    }

    /** Trains a tiny model on the hand-written sample in smoke mode and asserts success. */
    private static Run trainWithDev(Path model, String... extra) {
        String[] base =
                concat(
                        sentimentTrain(model, "--dev", resource("tiny-dev.tsv").toString()),
                        "--smoke",
                        "--hidden",
                        "8",
                        "--batch-size",
                        "4");
        return run(concat(base, extra));
    }

    private static void trainSmokeModel(Path model, String... extra) {
        Run train = run(concat(sentimentTrain(model, "--smoke", "--hidden", "4"), extra));
        assertEquals(0, train.exit(), train.err());
    }

    /** Writes {@code contents} to {@code fileName} in the test directory and trains on it. */
    private Run trainOn(String fileName, String contents, Path model) throws IOException {
        Path data = dir.resolve(fileName);
        Files.writeString(data, contents);
        return run("sentiment", "train", "--data", data.toString(), "--out", model.toString());
    }

    /** {@code sentiment train --data tiny.tsv --out MODEL}, then {@code extra}. */
    private static String[] sentimentTrain(Path model, String... extra) {
        String[] base = {
            "sentiment",
            "train",
            "--data",
            resource("tiny.tsv").toString(),
            "--out",
            model.toString()
        };
        return concat(base, extra);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
