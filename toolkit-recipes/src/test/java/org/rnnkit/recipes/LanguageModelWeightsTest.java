package org.rnnkit.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.model.CellType;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.recipes.generate.GenerateFixtures;
import org.rnnkit.recipes.generate.TextLevel;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.text.WordVectors;

/** Language-model pretraining: a word-level generate model's weights arrive in a classifier. */
class LanguageModelWeightsTest {

    @TempDir static Path shared;

    @TempDir Path dir;

    private static Path lm;

    @BeforeAll
    static void trainWordLevelModel() throws IOException {
        lm = GenerateFixtures.smallModel(shared.resolve("word-lm.zip"), TextLevel.WORD, 16);
    }

    /** A classifier of the sentiment recipe's shape: embedding 8, one LSTM layer. */
    private static ComputationGraph classifier(Vocabulary vocabulary, int hidden) {
        return SequenceClassifierBuilder.builder()
                .setVocabularySize(vocabulary.size())
                .setNumClasses(2)
                .optEmbeddingSize(8)
                .optRnn(new RnnSpec(CellType.LSTM, hidden, 1, false, 0.0))
                .optSeed(3)
                .build();
    }

    private static int[] run(StringWriter out, StringWriter err, String... args) {
        return new int[] {RnnkitCli.execute(new PrintWriter(out), new PrintWriter(err), args)};
    }

    @Test
    void givenClassifierOfMatchingShape_whenCopied_thenEmbeddingRowsAndRecurrentLayerArrive()
            throws IOException {
        LanguageModelWeights weights = LanguageModelWeights.load(lm);
        assertEquals("WORD", weights.level());
        WordVectors vectors = weights.embeddings();
        assertEquals(8, vectors.dimension());
        Vocabulary.Builder counter = Vocabulary.builder();
        counter.add(List.of("fox", "owl", "lake", "zebra-never-seen"));
        Vocabulary vocabulary = counter.build(1, 100);
        ComputationGraph classifier = classifier(vocabulary, 16);
        LanguageModelWeights.Transfer t =
                weights.copyInto(classifier, SequenceClassifierBuilder.EMBEDDING, vocabulary);
        assertEquals(List.of("rnn0"), t.recurrentCopied());
        assertEquals(List.of(), t.recurrentSkipped());
        int shared = 0;
        INDArray embedding = classifier.getLayer(SequenceClassifierBuilder.EMBEDDING).getParam("W");
        for (String word : List.of("fox", "owl", "lake")) {
            if (vectors.contains(word)) {
                shared++;
                assertArrayEquals(
                        vectors.vector(word),
                        embedding.getRow(vocabulary.id(word)).toFloatVector(),
                        0f,
                        word);
            }
        }
        assertEquals(shared, t.embeddingsFound());
        assertTrue(shared >= 2, "the stories' words are in the language model");
        Map<String, INDArray> source = weights.recurrentLayers().get("rnn0");
        for (Map.Entry<String, INDArray> e : source.entrySet()) {
            assertEquals(
                    e.getValue(), classifier.getLayer("rnn0").getParam(e.getKey()), e.getKey());
        }
    }

    @Test
    void givenClassifierOfOtherHiddenSize_whenCopied_thenRecurrentLayerSkippedWithTheReason()
            throws IOException {
        Vocabulary.Builder counter = Vocabulary.builder();
        counter.add(List.of("fox"));
        Vocabulary vocabulary = counter.build(1, 100);
        ComputationGraph classifier = classifier(vocabulary, 12);
        LanguageModelWeights.Transfer t =
                LanguageModelWeights.load(lm)
                        .copyInto(classifier, SequenceClassifierBuilder.EMBEDDING, vocabulary);
        assertEquals(List.of(), t.recurrentCopied());
        assertEquals(1, t.recurrentSkipped().size());
        assertTrue(t.recurrentSkipped().get(0).contains("shape"), t.recurrentSkipped().toString());
    }

    @Test
    void givenCli_whenExportedAndSentimentStartsFromTheModel_thenVectorsWrittenAndLayersCopied()
            throws IOException {
        Path vectors = dir.resolve("lm-vectors.txt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                run(
                        out,
                        err,
                        "generate",
                        "export",
                        "--model",
                        lm.toString(),
                        "--out",
                        vectors.toString())[0];
        assertEquals(0, exit, err.toString());
        assertEquals(8, WordVectors.read(vectors).dimension());
        assertTrue(out.toString().contains("word vectors of dimension 8"), out.toString());
        Path model = dir.resolve("sentiment.zip");
        out = new StringWriter();
        err = new StringWriter();
        exit =
                run(
                        out,
                        err,
                        "sentiment",
                        "train",
                        "--smoke",
                        "--hidden",
                        "16",
                        "--init-from",
                        lm.toString(),
                        "--out",
                        model.toString(),
                        "--no-progress")[0];
        assertEquals(0, exit, err.toString());
        SentimentModel trained = SentimentModel.load(model);
        assertEquals(8, trained.options().embeddingSize());
        assertEquals(1.0, trained.bundle().metrics().get("init_recurrent_layers"));
        assertTrue(trained.bundle().metrics().get("init_embeddings_found") > 0);
        assertEquals(lm, trained.options().languageModel());
    }
}
