package org.rnnkit.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.model.CellType;
import org.rnnkit.model.Graphs;
import org.rnnkit.model.LanguageModelBuilder;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.train.OptimizerSpec;

/**
 * Stateful truncated BPTT on the training side: {@code fit} over consecutive chunks with the state
 * carried gives each chunk the forward pass (and so the loss) of one pass over the whole stream.
 */
class CarriedStateTest {

    private static final int VOCABULARY = 7;
    private static final int CHUNK = 4;

    /** Two stream lanes of 13 ids: 12 inputs, 12 targets, 3 chunks of 4. */
    private static final int[][] LANES = {
        {2, 4, 5, 6, 4, 4, 5, 6, 6, 5, 4, 3, 2},
        {2, 6, 6, 5, 4, 5, 5, 4, 6, 4, 5, 6, 3}
    };

    /**
     * A learning rate so small that the parameters do not move: each chunk's loss is then that of
     * the starting weights, comparable with one pass over the whole stream.
     */
    private static ComputationGraph network(CellType cell) {
        return LanguageModelBuilder.builder()
                .setVocabularySize(VOCABULARY)
                .optEmbeddingSize(3)
                .optRnn(new RnnSpec(cell, 5, 2, false, 0.0))
                .optTbpttLength(CHUNK)
                .optOptimizer(new OptimizerSpec(1e-30, 1.0, 0.0))
                .optSeed(7)
                .optDataType(DataType.DOUBLE)
                .build();
    }

    /** Inputs {@code [lanes, 1, to - from]}: ids at steps from..to-1 of the given lanes. */
    private static INDArray inputs(int[][] lanes, int from, int to) {
        INDArray in = Nd4j.create(DataType.DOUBLE, lanes.length, 1, to - from);
        for (int b = 0; b < lanes.length; b++) {
            for (int t = from; t < to; t++) {
                in.putScalar(b, 0, t - from, lanes[b][t]);
            }
        }
        return in;
    }

    private static DataSet chunk(int[][] lanes, int from, int to) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, lanes.length, VOCABULARY, to - from);
        for (int b = 0; b < lanes.length; b++) {
            for (int t = from; t < to; t++) {
                labels.putScalar(b, lanes[b][t + 1], t - from, 1.0);
            }
        }
        return new DataSet(inputs(lanes, from, to), labels);
    }

    /** DL4J's score of a chunk: summed cross-entropy (nats) over its steps, per lane. */
    private static double loss(INDArray probs, int[][] lanes, int[] fromOfLane, int steps) {
        double sum = 0;
        for (int b = 0; b < lanes.length; b++) {
            for (int t = 0; t < steps; t++) {
                int step = fromOfLane[b] + t;
                sum -= Math.log(probs.getDouble(b, lanes[b][step + 1], step));
            }
        }
        return sum / lanes.length;
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void givenStateCarried_whenStreamFitInChunks_thenEachChunkScoresAsOnePassOverTheStream(
            CellType cell) {
        ComputationGraph net = network(cell);
        INDArray whole = Graphs.output(net, new INDArray[] {inputs(LANES, 0, 12)}, null)[0];
        CarriedState.carry(net, true);
        for (int from = 0; from < 12; from += CHUNK) {
            net.fit(chunk(LANES, from, from + CHUNK));
            double expected = loss(whole, LANES, new int[] {from, from}, CHUNK);
            assertEquals(expected, net.score(), 1e-9, cell + ": chunk at " + from);
        }
    }

    @Test
    void givenStateNotCarried_whenSecondChunkFit_thenItStartsFromZeroAndScoresDifferently() {
        ComputationGraph net = network(CellType.LSTM);
        INDArray whole = Graphs.output(net, new INDArray[] {inputs(LANES, 0, 12)}, null)[0];
        net.fit(chunk(LANES, 0, CHUNK));
        net.fit(chunk(LANES, CHUNK, 2 * CHUNK));
        double carried = loss(whole, LANES, new int[] {CHUNK, CHUNK}, CHUNK);
        assertTrue(
                Math.abs(carried - net.score()) > 1e-6,
                "DL4J alone clears the state: " + carried + " vs " + net.score());
    }

    @Test
    void givenOneLaneReset_whenNextChunkFit_thenThatLaneStartsAfreshAndTheOtherContinues() {
        ComputationGraph net = network(CellType.LSTM);
        INDArray whole = Graphs.output(net, new INDArray[] {inputs(LANES, 0, 12)}, null)[0];
        CarriedState.carry(net, true);
        net.fit(chunk(LANES, 0, CHUNK));
        // lane 0 goes on with steps 4..7; lane 1 starts its stream again (a new document)
        CarriedState.reset(net, new boolean[] {false, true});
        INDArray in = Nd4j.create(DataType.DOUBLE, 2, 1, CHUNK);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, VOCABULARY, CHUNK);
        int[] from = {CHUNK, 0};
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < CHUNK; t++) {
                in.putScalar(b, 0, t, LANES[b][from[b] + t]);
                labels.putScalar(b, LANES[b][from[b] + t + 1], t, 1.0);
            }
        }
        net.fit(new DataSet(in, labels));
        assertEquals(loss(whole, LANES, from, CHUNK), net.score(), 1e-9);
    }

    @Test
    void givenCarryingSwitchedOff_whenFit_thenTheCarriedStateIsDropped() {
        ComputationGraph net = network(CellType.GRU);
        CarriedState.carry(net, true);
        net.fit(chunk(LANES, 0, CHUNK));
        CarriedState.carry(net, false);
        net.fit(chunk(LANES, CHUNK, 2 * CHUNK));
        double afterOff = net.score();
        ComputationGraph fresh = network(CellType.GRU);
        fresh.fit(chunk(LANES, CHUNK, 2 * CHUNK));
        assertEquals(fresh.score(), afterOff, 1e-9);
    }

    @Test
    void givenResetOfWrongWidth_whenApplied_thenRejectedNamingTheLanes() {
        ComputationGraph net = network(CellType.LSTM);
        CarriedState.carry(net, true);
        net.fit(chunk(LANES, 0, CHUNK));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CarriedState.reset(net, new boolean[] {true, false, true}));
        assertTrue(e.getMessage().contains("2 lanes"), e.getMessage());
    }
}
