package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.SequenceBatcher;

class SequenceClassifierTest {

    private static SequenceClassifier classifier() {
        ComputationGraph net =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(10)
                        .setNumClasses(2)
                        .optEmbeddingSize(4)
                        .optRnn(new RnnSpec(CellType.LSTM, 4, 1, false, 0.0))
                        .build();
        return new SequenceClassifier(net, SequenceBatcher.builder().build(), 2);
    }

    @Test
    void givenEmptySequence_whenPredicted_thenMessageNamesTheCallersIndex() {
        List<int[]> sequences =
                List.of(new int[] {4, 5, 6}, new int[] {5}, new int[] {7, 8}, new int[0]);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> classifier().predictProbabilities(sequences));
        // index 3 in the caller's list, not the position after sorting by length (0)
        assertEquals(
                "sequence 3 is empty; every sequence needs at least one token id"
                        + " (encode a text without tokens as [UNK])",
                e.getMessage());
    }

    @Test
    void givenSequencesOfMixedLengths_whenPredicted_thenRowsComeBackInInputOrder() {
        SequenceClassifier classifier = classifier();
        List<int[]> sequences = List.of(new int[] {4, 5, 6}, new int[] {5}, new int[] {7, 8});
        float[][] all = classifier.predictProbabilities(sequences);
        for (int i = 0; i < sequences.size(); i++) {
            float[][] alone = classifier.predictProbabilities(List.of(sequences.get(i)));
            assertEquals(alone[0][0], all[i][0], 1e-6, "sequence " + i);
        }
    }
}
