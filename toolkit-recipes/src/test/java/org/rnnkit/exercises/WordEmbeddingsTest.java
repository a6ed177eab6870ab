package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.text.WordVectors;

class WordEmbeddingsTest {

    private static final long SEED = 42;

    @TempDir static Path dir;

    private static WordEmbeddings.Result result;

    @BeforeAll
    static void train() throws IOException {
        result = WordEmbeddings.run(dir.resolve("generated"), SEED);
    }

    private static String groupOf(String word) {
        for (Map.Entry<String, List<String>> g : WordEmbeddings.groups().entrySet()) {
            if (g.getValue().contains(word)) {
                return g.getKey();
            }
        }
        return "";
    }

    @Test
    void givenGeneratedCorpus_whenTrained_thenEachQueryWordsNearestNeighbourIsInItsGroup() {
        assertEquals(WordEmbeddings.DEFAULT_SENTENCES, result.sentences());
        assertEquals(7, result.neighbours().size());
        for (Map.Entry<String, List<WordVectors.Neighbour>> e : result.neighbours().entrySet()) {
            String group = groupOf(e.getKey());
            assertNotEquals("", group, e.getKey());
            assertEquals(WordEmbeddings.NEIGHBOURS, e.getValue().size());
            assertEquals(
                    group, groupOf(e.getValue().get(0).word()), e.getKey() + " -> " + e.getValue());
        }
        // Among the group words, every word's nearest word by cosine is in its own group, and the
        // t-SNE map keeps that.
        assertEquals(1.0, result.groupAgreement());
        assertEquals(1.0, result.mapAgreement());
    }

    @Test
    void givenGeneratedCorpus_whenAnalogiesSolved_thenExpectedWordRanksFirst() {
        assertEquals(6, result.analogies().size());
        for (WordEmbeddings.Analogy a : result.analogies()) {
            assertEquals(1, a.rank(), a.question() + " -> " + a.best());
            assertEquals(a.expected(), a.best());
        }
        assertEquals("king - man + woman", result.analogies().get(0).question());
    }

    @Test
    void givenRun_whenFilesWritten_thenPngAndVectorsReadBack() throws IOException {
        BufferedImage image = ImageIO.read(result.plot().toFile());
        assertEquals(900, image.getWidth());
        assertEquals(700, image.getHeight());
        WordVectors vectors = WordVectors.read(result.vectors());
        assertEquals(result.vocabularySize(), vectors.size());
        assertEquals(WordEmbeddings.DIMENSION, vectors.dimension());
        assertTrue(vectors.contains("queen") && vectors.contains("cairo"));
        // The saved vectors answer the analogy the same way as the run.
        assertEquals("queen", vectors.analogy("king", "man", "woman", 1).get(0).word());
    }

    @Test
    void givenSameCorpusAsFileAndSameSeed_whenTrainedAgain_thenIdenticalVectors()
            throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(
                corpus,
                WordEmbeddings.generatedCorpus(WordEmbeddings.DEFAULT_SENTENCES, SEED),
                StandardCharsets.UTF_8);
        WordEmbeddings.Result again = WordEmbeddings.run(corpus, dir.resolve("file"), SEED);
        assertArrayEquals(
                Files.readAllBytes(result.vectors()), Files.readAllBytes(again.vectors()));
        assertTrue(Double.isNaN(again.groupAgreement()));
        assertEquals(result.neighbours(), again.neighbours());
    }

    @Test
    void givenNoSentences_whenGenerated_thenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> WordEmbeddings.generatedCorpus(0, 1));
        assertEquals(WordEmbeddings.generatedCorpus(50, 3), WordEmbeddings.generatedCorpus(50, 3));
    }
}
