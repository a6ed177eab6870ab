package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SparkOptions;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentRecipe;

/**
 * The sentiment recipe trains on Spark local[2] (parameter averaging) and learns the generated
 * reviews, whose labels depend on word order; bad Spark settings are usage errors.
 */
class SparkSentimentTest {

    @TempDir Path dir;

    @Test
    void givenLocalSpark_whenTrainedWithParameterAveraging_thenLearnsWordOrder()
            throws IOException {
        Path train = dir.resolve("train.tsv");
        Path dev = dir.resolve("dev.tsv");
        SentimentDataGenerator.write(train, 1600, 2);
        SentimentDataGenerator.write(dev, 400, 3);
        RecipeResult r =
                SentimentRecipe.train(
                        SentimentOptions.defaults()
                                .withTraining(
                                        t ->
                                                t.data(train)
                                                        .dev(dev)
                                                        .epochs(8)
                                                        .patience(8)
                                                        .hiddenSize(32)
                                                        .batchSize(16)
                                                        .learningRate(5e-3)
                                                        .spark(SparkOptions.of("local[2]"))
                                                        .out(dir.resolve("m.zip")))
                                .withEmbeddingSize(16));
        double rnn = r.metrics().get("accuracy");
        double bow = r.metrics().get("baseline_accuracy");
        // majority class 0.5; bag-of-words ~0.68 (it cannot see word order)
        assertTrue(rnn > 0.85 && rnn > bow + 0.1, "RNN " + rnn + ", bag-of-words " + bow);
        SentimentModel model = SentimentModel.load(r.bundle());
        assertEquals("local[2]", model.options().training().spark().master());
        assertEquals(
                List.of("pos", "neg"),
                model.predict(List.of("the plot was not bad", "the plot was not good")).stream()
                        .map(SentimentModel.Prediction::label)
                        .toList());
        assertTrue(Files.isRegularFile(dir.resolve("m-run/checkpoint.zip")));
    }

    @Test
    void givenBadSparkSettings_whenTrained_thenUsageErrorAndNothingWritten() {
        Path out = dir.resolve("bad.zip");
        assertEquals(
                2,
                SentimentRecipe.execute(
                        "train", "--smoke", "--spark", "cluster7", "--out", out.toString()));
        assertEquals(
                2,
                SentimentRecipe.execute(
                        "train",
                        "--smoke",
                        "--spark",
                        "local[2]",
                        "--spark-mode",
                        "sharing",
                        "--out",
                        out.toString()));
        assertEquals(
                2,
                SentimentRecipe.execute(
                        "train",
                        "--smoke",
                        "--spark",
                        "local[2]",
                        "--spark-mode",
                        "gossip",
                        "--out",
                        out.toString()));
        assertEquals(
                2,
                SentimentRecipe.execute(
                        "train",
                        "--smoke",
                        "--spark",
                        "local[2]",
                        "--data",
                        dir.resolve("missing.tsv").toString(),
                        "--out",
                        out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void givenUnreachableOrMalformedMaster_whenTrained_thenUsageErrorNamingItAndNothingWritten()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        for (String master :
                List.of(
                        "spark://127.0.0.1:" + closedPort,
                        "spark://127.0.0.1",
                        "spark://127.0.0.1:7077/",
                        "spark://:7077",
                        "spark//127.0.0.1:7077")) {
            Path out = dir.resolve("unreachable.zip");
            StringWriter err = new StringWriter();
            int exit =
                    RnnkitCli.execute(
                            new PrintWriter(new StringWriter()),
                            new PrintWriter(err),
                            "sentiment",
                            "train",
                            "--smoke",
                            "--no-progress",
                            "--spark",
                            master,
                            "--out",
                            out.toString());
            assertEquals(2, exit, master + ": " + err);
            assertTrue(err.toString().contains("--spark"), master + ": " + err);
            assertTrue(err.toString().contains(master), master + ": " + err);
            assertFalse(Files.exists(out), master);
            assertFalse(Files.exists(dir.resolve("unreachable-run")), master);
        }
    }
}
