package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;

class PostagCliTest {

    @TempDir Path dir;

    /**
     * Writes {@code size} generated sentences to {@code tagged.txt} with {@code postag generate}.
     */
    private Path generated(int size) throws IOException {
        Path data = dir.resolve("tagged.txt");
        Run generate = run("postag", "generate", "--out", data.toString(), "--size", "" + size);
        assertEquals(0, generate.exit(), generate.err());
        assertEquals(size, Files.readAllLines(data).size());
        return data;
    }

    /** Runs {@code postag train --smoke} of a tiny tagger on {@code data}, with more flags. */
    private static Run smokeTrain(Path data, Path model, String... flags) {
        List<String> args =
                new ArrayList<>(
                        List.of("postag", "train", "--smoke", "--layers", "1", "--hidden", "4"));
        args.addAll(List.of("--data", data.toString(), "--out", model.toString()));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    /**
     * Asserts that {@code postag predict} tags "the xylophone", whose second word is no training
     * word.
     */
    private static void assertTagsAWordOnlyInTheVectors(Path model) {
        Run predict = run("postag", "predict", "--model", model.toString(), "the xylophone");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().strip().matches("the/\\S+ xylophone/\\S+"), predict.out());
    }

    @Test
    void givenGeneratedData_whenTrainEvalPredict_thenBundleJsonAndTaggedOutput()
            throws IOException {
        Path data = generated(200);
        Path model = dir.resolve("p.zip");
        Run train = smokeTrain(data, model, "--embedding-size", "8");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("most frequent tag"), train.out());
        assertTrue(Files.isRegularFile(dir.resolve("p-run/checkpoint.zip")));

        Path json = dir.resolve("m.json");
        Run eval = RnnkitCliTest.evaluate("postag", model, data, json);
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
        assertRefused(wrongTask, "'postag' model");
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
        assertRefused(malformed, "bad.conllu:1:");
        Run tagset =
                run(
                        "postag",
                        "train",
                        "--tagset",
                        "penn",
                        "--smoke",
                        "--out",
                        dir.resolve("y.zip").toString());
        assertRefused(tagset, "tagset must be one of");
        Run maxLength =
                run(
                        "postag",
                        "train",
                        "--max-length",
                        "5",
                        "--out",
                        dir.resolve("z.zip").toString());
        assertEquals(2, maxLength.exit());
        assertTrue(
                maxLength
                        .err()
                        .startsWith(
                                "postag train does not take --skip-bad-rows or --max-length:"
                                        + " sentences are tagged whole and malformed lines are"
                                        + " errors"),
                maxLength.err());
        Run both = run("postag", "train", "--bidirectional", "--unidirectional");
        assertEquals(2, both.exit());
        assertTrue(
                both.err().startsWith("--bidirectional and --unidirectional exclude each other"),
                both.err());
    }

    @Test
    void givenEmbeddingsFile_whenSmokeTrained_thenSizeTakenFromFileAndModelPredicts()
            throws IOException {
        Path data = generated(60);
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "2 3\nthe 0.5 -0.25 0.125\nxylophone 2 -2 0.25\n");
        Path model = dir.resolve("e.zip");
        Run train =
                smokeTrain(
                        data,
                        model,
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
        assertTagsAWordOnlyInTheVectors(model);

        Path other = dir.resolve("other.zip");
        Run mismatch =
                smokeTrain(
                        data, other, "--embedding-size", "5", "--embeddings", vectors.toString());
        assertRefused(mismatch, "embeddingSize must equal the dimension of the vectors");
    }

    @Test
    void givenFrozenEmbeddings_whenSmokeTrained_thenOwnSizeKeptAndWithoutVectorsRefused()
            throws IOException {
        Path data = generated(60);
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "the 0.5 -0.25 0.125\nxylophone 2 -2 0.25\n");
        Path model = dir.resolve("f.zip");
        Run train =
                smokeTrain(
                        data,
                        model,
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
        assertTagsAWordOnlyInTheVectors(model);

        Run refused = smokeTrain(data, dir.resolve("other.zip"), "--frozen-embeddings");
        assertRefused(refused, "--frozen-embeddings needs --embeddings");
    }
}
