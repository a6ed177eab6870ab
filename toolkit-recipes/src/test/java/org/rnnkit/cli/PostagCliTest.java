package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;

class PostagCliTest {

    @TempDir Path dir;

    @Test
    void givenGeneratedData_whenTrainEvalPredict_thenBundleJsonAndTaggedOutput()
            throws IOException {
        Path data = dir.resolve("tagged.txt");
        Run generate = run("postag", "generate", "--out", data.toString(), "--size", "200");
        assertEquals(0, generate.exit(), generate.err());
        assertEquals(200, Files.readAllLines(data).size());

        Path model = dir.resolve("p.zip");
        Run train =
                run(
                        "postag",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString(),
                        "--smoke",
                        "--hidden",
                        "8",
                        "--layers",
                        "1",
                        "--embedding-size",
                        "8");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("most frequent tag"), train.out());
        assertTrue(Files.isRegularFile(dir.resolve("p-run/checkpoint.zip")));

        Path json = dir.resolve("m.json");
        Run eval =
                run(
                        "postag",
                        "eval",
                        "--model",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--json",
                        json.toString());
        assertEquals(0, eval.exit(), eval.err());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, metrics.toString());
        assertTrue(metrics.has("f1_NOUN") && metrics.has("oov_accuracy"), metrics.toString());

        Run predict =
                run(
                        "postag",
                        "predict",
                        "--model",
                        model.toString(),
                        "they book a flight",
                        "we can run");
        assertEquals(0, predict.exit(), predict.err());
        String[] lines = predict.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("they/\\S+ book/\\S+ a/\\S+ flight/\\S+"), lines[0]);

        Run wrongTask = run("sentiment", "predict", "--model", model.toString(), "good");
        assertEquals(2, wrongTask.exit());
        assertTrue(wrongTask.err().contains("'postag' model"), wrongTask.err());
    }

    @Test
    void givenBadInputs_whenRun_thenExitTwoWithClearMessages() throws IOException {
        Path bad = dir.resolve("bad.conllu");
        Files.writeString(bad, "1\tI\tI\tPRON\n");
        Run malformed =
                run(
                        "postag",
                        "train",
                        "--data",
                        bad.toString(),
                        "--out",
                        dir.resolve("x.zip").toString());
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("bad.conllu:1:"), malformed.err());
        Run tagset =
                run(
                        "postag",
                        "train",
                        "--tagset",
                        "penn",
                        "--smoke",
                        "--out",
                        dir.resolve("y.zip").toString());
        assertEquals(2, tagset.exit());
        assertTrue(tagset.err().contains("tagset must be one of"), tagset.err());
        Run maxLength =
                run(
                        "postag",
                        "train",
                        "--max-length",
                        "5",
                        "--out",
                        dir.resolve("z.zip").toString());
        assertEquals(2, maxLength.exit());
        assertTrue(maxLength.err().contains("--max-length"), maxLength.err());
    }

    @Test
    void givenEmbeddingsFile_whenSmokeTrained_thenSizeTakenFromFileAndModelPredicts()
            throws IOException {
        Path data = dir.resolve("tagged.txt");
        assertEquals(0, run("postag", "generate", "--out", data.toString(), "--size", "60").exit());
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "2 3\nthe 0.5 -0.25 0.125\nxylophone 2 -2 0.25\n");
        Path model = dir.resolve("e.zip");
        Run train =
                run(
                        "postag",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString(),
                        "--smoke",
                        "--hidden",
                        "4",
                        "--layers",
                        "1",
                        "--embeddings",
                        vectors.toString(),
                        "--embeddings-limit",
                        "10");
        assertEquals(0, train.exit(), train.err());
        assertTrue(
                train.out().contains("embedding size set to 3, the dimension of " + vectors),
                train.out());
        assertTrue(train.out().contains("pretrained embeddings: " + vectors), train.out());
        ModelBundle bundle = ModelBundle.load(model);
        assertEquals(3, bundle.options().get("embeddingSize").asInt());
        assertTrue(bundle.vocabulary().contains("xylophone"));
        Run predict = run("postag", "predict", "--model", model.toString(), "the xylophone");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().strip().matches("the/\\S+ xylophone/\\S+"), predict.out());

        Run mismatch =
                run(
                        "postag",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        dir.resolve("other.zip").toString(),
                        "--smoke",
                        "--embedding-size",
                        "5",
                        "--embeddings",
                        vectors.toString());
        assertEquals(2, mismatch.exit());
        assertTrue(
                mismatch.err().contains("embeddingSize must equal the dimension of the vectors"),
                mismatch.err());
    }

    @Test
    void givenFrozenEmbeddings_whenSmokeTrained_thenOwnSizeKeptAndWithoutVectorsRefused()
            throws IOException {
        Path data = dir.resolve("tagged.txt");
        assertEquals(0, run("postag", "generate", "--out", data.toString(), "--size", "60").exit());
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "the 0.5 -0.25 0.125\nxylophone 2 -2 0.25\n");
        Path model = dir.resolve("f.zip");
        Run train =
                run(
                        "postag",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString(),
                        "--smoke",
                        "--hidden",
                        "4",
                        "--layers",
                        "1",
                        "--embedding-size",
                        "6",
                        "--embeddings",
                        vectors.toString(),
                        "--frozen-embeddings");
        assertEquals(0, train.exit(), train.err());
        assertTrue(
                train.out().contains("pretrained embeddings: " + vectors + " (frozen)"),
                train.out());
        ModelBundle bundle = ModelBundle.load(model);
        assertEquals(6, bundle.options().get("embeddingSize").asInt());
        assertTrue(bundle.options().get("frozenEmbeddings").asBoolean());
        Run predict = run("postag", "predict", "--model", model.toString(), "the xylophone");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().strip().matches("the/\\S+ xylophone/\\S+"), predict.out());

        Run refused =
                run(
                        "postag",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        dir.resolve("other.zip").toString(),
                        "--smoke",
                        "--frozen-embeddings");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("--frozen-embeddings needs --embeddings"), refused.err());
    }
}
