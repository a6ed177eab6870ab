package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LanguageModelBuilderTest {

    private static final int VOCABULARY = 7;
    private static final int[] STREAM = {2, 4, 5, 6, 4, 4, 5, 6, 6, 5, 4, 3};

    private static ComputationGraph network(CellType cell, int tbptt) {
        return LanguageModelBuilder.builder()
                .setVocabularySize(VOCABULARY)
                .optEmbeddingSize(3)
                .optRnn(new RnnSpec(cell, 5, 2, false, 0.0))
                .optTbpttLength(tbptt)
                .optSeed(7)
                .optDataType(DataType.DOUBLE)
                .build();
    }

    private static INDArray ids(int from, int to) {
        INDArray in = Nd4j.create(DataType.DOUBLE, 1, 1, to - from);
        for (int t = from; t < to; t++) {
            in.putScalar(0, 0, t - from, STREAM[t]);
        }
        return in;
    }

    private static double[] flat(INDArray a) {
        return a.dup().ravel().toDoubleVector();
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void givenStream_whenStateCarriedOverChunks_thenSameOutputsAsOnePass(CellType cell) {
        ComputationGraph net = network(cell, 4);
        INDArray whole = Graphs.output(net, new INDArray[] {ids(0, 12)}, null)[0];
        net.rnnClearPreviousState();
        for (int start = 0; start < 12; start += 4) {
            INDArray chunk = Graphs.rnnTimeStep(net, ids(start, start + 4))[0];
            INDArray expected =
                    whole.get(
                            NDArrayIndex.all(),
                            NDArrayIndex.all(),
                            NDArrayIndex.interval(start, start + 4));
            assertArrayEquals(flat(expected), flat(chunk), 1e-9, cell + ": chunk at " + start);
        }
        // one step at a time, from cleared state, gives the same again
        net.rnnClearPreviousState();
        for (int t = 0; t < 12; t++) {
            INDArray step = Graphs.rnnTimeStep(net, ids(t, t + 1))[0];
            assertEquals(
                    whole.getDouble(0, 5, t), step.getDouble(0, 5, 0), 1e-9, cell + " step " + t);
        }
    }

    @Test
    void givenStateCarried_whenCleared_thenTheNextChunkStartsFromZeroState() {
        ComputationGraph net = network(CellType.LSTM, 4);
        INDArray fresh = Graphs.rnnTimeStep(net, ids(4, 8))[0].dup();
        net.rnnClearPreviousState();
        Graphs.rnnTimeStep(net, ids(0, 4));
        INDArray carried = Graphs.rnnTimeStep(net, ids(4, 8))[0].dup();
        net.rnnClearPreviousState();
        INDArray again = Graphs.rnnTimeStep(net, ids(4, 8))[0];
        assertTrue(fresh.sub(carried).norm2Number().doubleValue() > 1e-6, "state must matter");
        assertArrayEquals(flat(fresh), flat(again), 1e-12);
    }

    @Test
    void givenTbpttLength_whenBuilt_thenTruncatedBackpropOverChunksTrains() {
        ComputationGraph net = network(CellType.LSTM, 4);
        assertEquals(BackpropType.TruncatedBPTT, net.getConfiguration().getBackpropType());
        assertEquals(4, net.getConfiguration().getTbpttFwdLength());
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 1, VOCABULARY, 11);
        for (int t = 0; t < 11; t++) {
            labels.putScalar(0, STREAM[t + 1], t, 1.0);
        }
        DataSet data = new DataSet(ids(0, 11), labels);
        net.fit(data);
        double first = net.score(data);
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        assertTrue(net.score(data) < first, "loss fell: " + first + " -> " + net.score(data));
    }

    @Test
    void givenBidirectionalStack_whenBuilt_thenRejectedByName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LanguageModelBuilder.builder()
                                        .setVocabularySize(VOCABULARY)
                                        .optRnn(new RnnSpec(CellType.LSTM, 4, 1, true, 0.0))
                                        .build());
        assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
    }
}
