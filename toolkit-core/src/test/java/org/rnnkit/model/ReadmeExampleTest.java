package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.text.Tokenizer;
import org.rnnkit.text.Vocabulary;

/** The library example of README.md, kept compiling and running. */
class ReadmeExampleTest {

    @Test
    void givenReadmeSnippet_whenRun_thenTrainsOneBatch() {
        List<String> texts = List.of("not bad at all", "a dull plot", "great fun", "not good");
        int[] classes = {1, 0, 1, 0};

        Vocabulary.Builder counts = Vocabulary.builder();
        texts.forEach(t -> counts.add(Tokenizer.standard().tokenize(t)));
        Vocabulary vocabulary = counts.build(1, 30_000);
        List<int[]> ids = new ArrayList<>();
        texts.forEach(t -> ids.add(vocabulary.encode(Tokenizer.standard().tokenize(t))));

        ComputationGraph net =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(vocabulary.size())
                        .setNumClasses(2)
                        .optRnn(new RnnSpec(CellType.LSTM, 16, 2, true, 0.2))
                        .optPooling(Pooling.MAX)
                        .build();

        SequenceBatcher batcher = SequenceBatcher.builder().optMaxLength(400).build();
        try (SequenceBatch batch = batcher.manyToOne(ids, classes, 2)) {
            net.fit(batch.toDataSet());
        }
        assertTrue(Double.isFinite(net.score()));
        assertEquals(
                2, new SequenceClassifier(net, batcher, 8).predictProbabilities(ids)[0].length);
    }
}
