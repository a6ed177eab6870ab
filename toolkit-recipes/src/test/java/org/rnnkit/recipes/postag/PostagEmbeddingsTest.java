package org.rnnkit.recipes.postag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.model.SequenceTaggerBuilder;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.text.Vocabulary;

/** Pretrained word vectors in the part-of-speech tagger: extended vocabulary and initial rows. */
class PostagEmbeddingsTest {

    /**
     * Hand-written 3-dimensional vectors: two training words, one word the training data lacks
     * (upper case in the file), and one beyond the limit of 3 used below.
     */
    private static final String VECTORS =
            "the 0.5 -0.25 0.125\n"
                    + "book -1 0 1\n"
                    + "Xylophone 2 -2 0.25\n"
                    + "zeppelin 9 9 9\n";

    @TempDir Path dir;

    private Path vectorsFile() throws IOException {
        Path file = dir.resolve("vectors.txt");
        Files.writeString(file, VECTORS, StandardCharsets.UTF_8);
        return file;
    }

    /** 120 generated sentences in the word/TAG format. */
    private Path taggedFile() throws IOException {
        Path data = dir.resolve("tagged.txt");
        String text = PostagDataGenerator.wordTagLines(PostagDataGenerator.generate(120, 3));
        Files.writeString(data, text, StandardCharsets.UTF_8);
        return data;
    }

    private PostagOptions smoke(Path vectors) {
        return PostagOptions.defaults()
                .withTraining(
                        t ->
                                t.smoke(true)
                                        .hiddenSize(4)
                                        .numLayers(1)
                                        .batchSize(8)
                                        .out(dir.resolve("p.zip")))
                .withEmbeddingSize(3)
                .withEmbeddings(vectors)
                .withEmbeddingsLimit(3);
    }

    @Test
    void givenWordOnlyInVectorsFile_whenSetUp_thenItHasOwnIdWithFileVectorAndCountsAsOov()
            throws IOException {
        List<TaggedSentence> train = PostagDataGenerator.generate(200, 1);
        assertFalse(
                train.stream().anyMatch(s -> s.words().contains("xylophone")),
                "fixture must lack the word");

        PostagRecipe.Setup setup = PostagRecipe.setUp(smoke(vectorsFile()), train);

        Vocabulary words = setup.encoder().words();
        assertEquals(setup.trainingWords() + 1, words.size());
        assertTrue(words.contains("xylophone"));
        assertFalse(words.contains("zeppelin"), "beyond embeddingsLimit");
        int id = words.id("xylophone");
        assertEquals(setup.trainingWords(), id);
        assertEquals(0, words.count(id));
        INDArray w = setup.network().getLayer(SequenceTaggerBuilder.EMBEDDING).getParam("W");
        assertArrayEquals(new float[] {2f, -2f, 0.25f}, w.getRow(id).toFloatVector(), 0f);
        assertArrayEquals(
                new float[] {-1f, 0f, 1f}, w.getRow(words.id("book")).toFloatVector(), 0f);
        assertEquals(3.0, setup.embeddingMetrics().get("embeddings_found"));
        assertEquals(1.0, setup.embeddingMetrics().get("embeddings_added"));
        // OOV stays "not a training word": the added word is OOV, a training word is not.
        assertArrayEquals(
                new boolean[] {true, false, true},
                setup.encoder().oov(List.of("Xylophone", "book", "never-seen")));
    }

    @Test
    void givenEmbeddings_whenSmokeTrained_thenBundleKeepsExtendedVocabularyAndLoadsEvalsPredicts()
            throws IOException {
        Path data = taggedFile();
        Path vectors = vectorsFile();

        RecipeResult r = PostagRecipe.train(smoke(vectors).withTraining(t -> t.data(data)));

        assertEquals(1.0, r.metrics().get("embeddings_added"));
        assertTrue(r.report().contains("pretrained embeddings: " + vectors), r.report());
        PostagModel m = PostagModel.load(r.bundle());
        assertTrue(m.bundle().vocabulary().contains("xylophone"));
        assertEquals(0, m.bundle().vocabulary().count(m.bundle().vocabulary().id("xylophone")));
        assertEquals(vectors, m.options().embeddings());
        assertEquals(3, m.options().embeddingsLimit());
        List<List<String>> tags = m.predict(List.of(List.of("they", "book", "a", "xylophone")));
        assertEquals(4, tags.get(0).size());
        RecipeResult eval = PostagRecipe.evaluate(r.bundle(), data);
        double accuracy = eval.metrics().get("accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1, eval.metrics().toString());
    }

    @Test
    void givenDimensionMismatch_whenTrained_thenErrorNamesEmbeddingSizeFileAndDimension()
            throws IOException {
        Path file = vectorsFile();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PostagRecipe.train(smoke(file).withEmbeddingSize(8)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "embeddingSize must equal the dimension of the vectors in "
                                        + file
                                        + " (3), received: embeddingSize=8"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("p.zip")));
    }

    @Test
    void givenFrozenEmbeddings_whenSetUp_thenVectorsInOwnTableAndWordDropoutKeepsTheirIds()
            throws IOException {
        List<TaggedSentence> train = PostagDataGenerator.generate(200, 1);
        PostagOptions options =
                smoke(vectorsFile()).withEmbeddingSize(5).withFrozenEmbeddings(true);

        PostagRecipe.Setup setup = PostagRecipe.setUp(options, train);

        PostagEncoder encoder = setup.encoder();
        assertEquals(setup.trainingWords(), encoder.words().size(), "no words added");
        assertFalse(encoder.words().contains("xylophone"));
        Vocabulary table = encoder.pretrained();
        assertEquals(
                List.of("<pad>", "<unk>", "<bos>", "<eos>", "the", "book", "xylophone"),
                table.tokens());
        INDArray frozen =
                setup.network().getLayer(SequenceTaggerBuilder.PRETRAINED_EMBEDDING).getParam("W");
        assertArrayEquals(
                new float[] {2f, -2f, 0.25f},
                frozen.getRow(table.id("xylophone")).toFloatVector(),
                0f);
        assertArrayEquals(new float[3], frozen.getRow(Vocabulary.UNK).toFloatVector(), 0f);
        assertEquals(
                5, setup.network().getLayer(SequenceTaggerBuilder.EMBEDDING).getParam("W").size(1));
        assertEquals(3.0, setup.embeddingMetrics().get("embeddings_found"));
        assertEquals(1.0, setup.embeddingMetrics().get("embeddings_added"));

        // word dropout that drops every word: trainable ids all <unk>, pretrained ids intact
        List<String> sentence = List.of("The", "book", "Xylophone", "never-seen");
        try (org.rnnkit.data.SequenceBatch batch =
                encoder.batch(List.of(sentence), null, 1e9, new java.util.Random(1))) {
            assertEquals(3, batch.inputs().length);
            assertArrayEquals(
                    new float[] {1, 1, 1, 1}, batch.inputs()[0].reshape(4).toFloatVector(), 0f);
            assertArrayEquals(
                    new float[] {table.id("the"), table.id("book"), table.id("xylophone"), 1},
                    batch.inputs()[2].reshape(4).toFloatVector(),
                    0f);
            assertEquals(batch.inputMasks()[0], batch.inputMasks()[2]);
        }
    }

    @Test
    void givenFrozenEmbeddings_whenSmokeTrained_thenTableUnchangedAndLoadedModelTagsTheSame()
            throws IOException {
        Path data = taggedFile();

        RecipeResult r =
                PostagRecipe.train(
                        smoke(vectorsFile())
                                .withTraining(t -> t.data(data))
                                .withEmbeddingSize(4)
                                .withFrozenEmbeddings(true));

        PostagModel m = PostagModel.load(r.bundle());
        Vocabulary table = m.encoder().pretrained();
        assertTrue(table.contains("xylophone"));
        INDArray frozen =
                m.network().getLayer(SequenceTaggerBuilder.PRETRAINED_EMBEDDING).getParam("W");
        assertArrayEquals(
                new float[] {-1f, 0f, 1f}, frozen.getRow(table.id("book")).toFloatVector(), 0f);
        List<List<String>> sentences = List.of(List.of("they", "book", "a", "xylophone"));
        PostagModel fresh = PostagModel.load(r.bundle());
        assertEquals(m.tagIds(sentences).get(0).length, 4);
        assertArrayEquals(m.tagIds(sentences).get(0), fresh.tagIds(sentences).get(0));
        double accuracy = PostagRecipe.evaluate(r.bundle(), data).metrics().get("accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertTrue(r.report().contains("(frozen)"), r.report());
    }

    @Test
    void givenFrozenWithoutVectors_whenBuilt_thenErrorNamesBoth() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PostagOptions.builder().frozenEmbeddings(true).build());
        assertTrue(e.getMessage().startsWith("frozenEmbeddings needs embeddings"), e.getMessage());
    }
}
