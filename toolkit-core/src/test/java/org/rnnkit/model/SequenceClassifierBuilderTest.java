package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.testing.Fixtures;

class SequenceClassifierBuilderTest {

    static List<Arguments> topologies() {
        return List.of(
                Arguments.of(CellType.LSTM, false, 1, Pooling.LAST),
                Arguments.of(CellType.LSTM, true, 1, Pooling.LAST),
                Arguments.of(CellType.LSTM, true, 2, Pooling.MAX),
                Arguments.of(CellType.LSTM, false, 2, Pooling.MEAN),
                Arguments.of(CellType.SIMPLE, false, 1, Pooling.LAST),
                Arguments.of(CellType.SIMPLE, true, 2, Pooling.LAST),
                Arguments.of(CellType.GRU, false, 1, Pooling.LAST),
                Arguments.of(CellType.GRU, true, 2, Pooling.MAX));
    }

    private static ComputationGraph network(
            CellType cell, boolean bidirectional, int layers, Pooling pooling) {
        return SequenceClassifierBuilder.builder()
                .setVocabularySize(20)
                .setNumClasses(3)
                .optEmbeddingSize(6)
                .optRnn(new RnnSpec(cell, 5, layers, bidirectional, 0.0))
                .optPooling(pooling)
                .optSeed(7)
                .build();
    }

    @ParameterizedTest(name = "{0} bidirectional={1} layers={2} pooling={3}")
    @MethodSource("topologies")
    void givenPaddedBatch_whenPredicted_thenSameAsEachSequenceAlone(
            CellType cell, boolean bi, int layers, Pooling pooling) {
        ComputationGraph net = network(cell, bi, layers, pooling);
        Fixtures.assertPaddingInvariant(net, Fixtures.SEQUENCES, 1e-5);
        Fixtures.assertPaddingInvariant(
                net, List.of(new int[] {4}, new int[] {5, 6, 7, 8, 9, 10, 11, 12}), 1e-5);
    }

    @Test
    void givenBidirectionalLastPooling_whenFirstTokenChanges_thenOutputChanges() {
        // The backward direction's final state has read the whole sequence, including its first
        // token.
        ComputationGraph net = network(CellType.LSTM, true, 1, Pooling.LAST);
        SequenceClassifier c = new SequenceClassifier(net, SequenceBatcher.builder().build(), 8);
        float[][] p =
                c.predictProbabilities(List.of(new int[] {4, 9, 9, 9}, new int[] {5, 9, 9, 9}));
        assertTrue(Math.abs(p[0][0] - p[1][0]) > 1e-6, "first token had no effect");
    }

    @Test
    void givenSpec_whenBuilt_thenParameterCountMatchesFormula() {
        ComputationGraph net = network(CellType.LSTM, true, 1, Pooling.LAST);
        long embedding = 20 * 6;
        long lstm = 4L * (6 * 5 + 5 * 5 + 5);
        long output = 10 * 3 + 3;
        assertEquals(embedding + 2 * lstm + output, net.numParams());
    }

    @Test
    void givenConfiguration_whenJsonRoundTripped_thenEqual() {
        ComputationGraphConfiguration conf =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(20)
                        .setNumClasses(2)
                        .optRnn(new RnnSpec(CellType.LSTM, 4, 2, true, 0.2))
                        .buildConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void givenProbabilities_whenPredicted_thenRowsSumToOneInInputOrder() {
        ComputationGraph net = network(CellType.LSTM, false, 1, Pooling.MAX);
        SequenceClassifier c = new SequenceClassifier(net, SequenceBatcher.builder().build(), 2);
        float[][] p = c.predictProbabilities(Fixtures.SEQUENCES);
        float[][] reversed =
                c.predictProbabilities(
                        List.of(
                                Fixtures.SEQUENCES.get(2),
                                Fixtures.SEQUENCES.get(1),
                                Fixtures.SEQUENCES.get(0)));
        for (int i = 0; i < 3; i++) {
            float sum = 0;
            for (float v : p[i]) {
                sum += v;
            }
            assertEquals(1f, sum, 1e-5f);
            assertArrayEquals(p[i], reversed[2 - i], 1e-6f);
        }
    }

    @Test
    void givenGru_whenBuilt_thenParameterCountMatchesFormula() {
        ComputationGraph net = network(CellType.GRU, false, 1, Pooling.LAST);
        long embedding = 20 * 6;
        long gru = 3L * 5 * (6 + 5 + 2);
        long output = 5 * 3 + 3;
        assertEquals(embedding + gru + output, net.numParams());
    }

    @Test
    void givenInvalidSettings_whenBuilt_thenErrorsNameTheParameter() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SequenceClassifierBuilder.builder()
                                        .setVocabularySize(20)
                                        .setNumClasses(1)
                                        .build());
        assertTrue(e.getMessage().contains("numClasses=1"), e.getMessage());
        IllegalArgumentException h =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new RnnSpec(CellType.LSTM, 0, 1, false, 0));
        assertTrue(
                h.getMessage().contains("hiddenSize must be > 0, received: hiddenSize=0"),
                h.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> new RnnSpec(CellType.LSTM, 4, 1, false, 1.0));
        assertEquals(CellType.SIMPLE, CellType.parse("rnn"));
        assertThrows(IllegalArgumentException.class, () -> CellType.parse("transformer"));
    }
}
