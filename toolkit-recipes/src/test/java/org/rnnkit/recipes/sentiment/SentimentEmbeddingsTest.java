package org.rnnkit.recipes.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.model.CellType;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.text.WordVectors;

/** Pretrained word vectors copied into the sentiment model's embedding layer. */
class SentimentEmbeddingsTest {

    /** Hand-written 3-dimensional vectors: four words of the tiny sample and one it lacks. */
    private static final String VECTORS =
            "the 0.5 -0.25 0.125\n"
                    + "not -1 0 1\n"
                    + "was 0.75 0.75 -0.5\n"
                    + "superb 2 -2 0.25\n"
                    + "zebra 9 9 9\n";

    @TempDir Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SentimentEmbeddingsTest.class.getResource("/sentiment/" + name).toURI());
    }

    private Path vectorsFile(String content) throws IOException {
        Path file = dir.resolve("vectors.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private SentimentOptionsBuilder smoke() throws URISyntaxException {
        Path data = resource("tiny.tsv");
        Path dev = resource("tiny-dev.tsv");
        return SentimentOptions.builder()
                .training(
                        SentimentOptions.defaults()
                                .training()
                                .with(
                                        t ->
                                                t.data(data)
                                                        .dev(dev)
                                                        .smoke(true)
                                                        .hiddenSize(4)
                                                        .batchSize(4)
                                                        .out(dir.resolve("m.zip"))));
    }

    @Test
    void givenVectorsFile_whenCopied_thenRowsOfPresentWordsEqualFileAndOthersUnchanged()
            throws IOException {
        Path file = vectorsFile(VECTORS);
        WordVectors vectors = WordVectors.read(file);
        Vocabulary vocabulary =
                Vocabulary.builder().add(List.of("The", "not", "film", "superb")).build(1, 100);
        ComputationGraph network =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(vocabulary.size())
                        .setNumClasses(2)
                        .optEmbeddingSize(3)
                        .optRnn(new RnnSpec(CellType.LSTM, 4, 1, false, 0.0))
                        .optSeed(7)
                        .build();
        INDArray before = network.getLayer(SequenceClassifierBuilder.EMBEDDING).getParam("W").dup();

        int found =
                Recipes.copyEmbeddings(
                        network, SequenceClassifierBuilder.EMBEDDING, vocabulary, vectors, file);

        assertEquals(3, found); // "The" via lower case, "not", "superb"; "film" has no vector
        INDArray after = network.getLayer(SequenceClassifierBuilder.EMBEDDING).getParam("W");
        assertArrayEquals(
                vectors.vector("the"), after.getRow(vocabulary.id("The")).toFloatVector(), 0f);
        assertArrayEquals(
                vectors.vector("not"), after.getRow(vocabulary.id("not")).toFloatVector(), 0f);
        assertArrayEquals(
                vectors.vector("superb"),
                after.getRow(vocabulary.id("superb")).toFloatVector(),
                0f);
        int film = vocabulary.id("film");
        for (int id : new int[] {Vocabulary.PAD, Vocabulary.UNK, Vocabulary.BOS, film}) {
            assertArrayEquals(before.getRow(id).toFloatVector(), after.getRow(id).toFloatVector());
        }
        // The network's flat parameter vector sees the copy (what training and saving use).
        assertEquals(0.5f, network.getParam("embedding_W").getFloat(vocabulary.id("The"), 0), 0f);
    }

    @Test
    void givenEmbeddings_whenSmokeTrained_thenMetricsRecordCoverageAndOptionsTheFile()
            throws IOException, URISyntaxException {
        Path file = vectorsFile(VECTORS);
        RecipeResult result =
                SentimentRecipe.train(smoke().embeddingSize(3).embeddings(file).build());
        ModelBundle bundle = ModelBundle.load(result.bundle());
        Vocabulary vocabulary = bundle.vocabulary();
        long expected =
                vocabulary.tokens().stream()
                        .skip(Vocabulary.RESERVED.size())
                        .filter(WordVectors.read(file)::contains)
                        .count();
        assertTrue(expected > 0);
        assertEquals((double) expected, bundle.metrics().get("embeddings_found"));
        assertEquals(
                expected / (double) (vocabulary.size() - Vocabulary.RESERVED.size()),
                bundle.metrics().get("embeddings_coverage"),
                1e-12);
        assertEquals(file.toString(), bundle.options().get("embeddings").asText());
        assertTrue(result.report().contains("pretrained embeddings: " + file), result.report());
    }

    @Test
    void givenDimensionMismatch_whenTrained_thenErrorNamesEmbeddingSizeFileAndDimension()
            throws IOException, URISyntaxException {
        Path file = vectorsFile(VECTORS);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SentimentRecipe.train(
                                        smoke().embeddingSize(8).embeddings(file).build()));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "embeddingSize must equal the dimension of the vectors in "
                                        + file
                                        + " (3), received: embeddingSize=8"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("m.zip")));
    }

    @Test
    void givenMalformedVectorsFile_whenTrained_thenErrorNamesFileAndLine()
            throws IOException, URISyntaxException {
        Path file = vectorsFile("the 0.5 -0.25 0.125\nnot -1 0\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                SentimentRecipe.train(
                                        smoke().embeddingSize(3).embeddings(file).build()));
        assertEquals(file, e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(file + ":2: expected a word and 3 numbers"));
    }
}
