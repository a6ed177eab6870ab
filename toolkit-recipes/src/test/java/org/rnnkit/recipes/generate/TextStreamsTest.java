package org.rnnkit.recipes.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.model.CellType;
import org.rnnkit.model.Graphs;
import org.rnnkit.model.LanguageModelBuilder;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.layers.CarriedState;
import org.rnnkit.train.OptimizerSpec;

class TextStreamsTest {

    /** Documents of 2..14 ids (begin 2 ... end 3), each id after the begin one unique per doc. */
    private static List<int[]> documents() {
        List<int[]> docs = new ArrayList<>();
        int[] lengths = {14, 3, 9, 2, 7, 12};
        for (int d = 0; d < lengths.length; d++) {
            int[] doc = new int[lengths[d]];
            doc[0] = 2;
            for (int t = 1; t < doc.length - 1; t++) {
                doc[t] = 4 + (d * 3 + t) % 5;
            }
            doc[doc.length - 1] = 3;
            docs.add(doc);
        }
        return docs;
    }

    @Test
    void givenDocuments_whenLaidOut_thenLanesContinueChunkToChunkAndEveryTokenIsPredictedOnce() {
        List<int[]> docs = documents();
        int lanes = 3;
        int chunk = 4;
        List<TextStreams.Chunk> rows = TextStreams.layout(docs, lanes, chunk, 5);
        assertEquals(0, rows.size() % lanes);
        long predicted = 0;
        for (int i = 0; i < rows.size(); i++) {
            TextStreams.Chunk row = rows.get(i);
            assertTrue(row.steps() <= chunk, "at most one chunk of steps");
            predicted += row.steps();
            if (!row.fresh()) {
                // a continued lane starts with the id the same lane's previous chunk ended on
                int[] previous = rows.get(i - lanes).ids();
                assertEquals(previous[previous.length - 1], row.ids()[0], "row " + i);
                assertEquals(chunk, rows.get(i - lanes).steps(), "only full chunks go on");
            }
        }
        long expected = docs.stream().mapToLong(d -> d.length - 1).sum();
        assertEquals(expected, predicted);
        // every document's start is a fresh chunk
        long starts = rows.stream().filter(r -> r.ids().length > 0 && r.ids()[0] == 2).count();
        assertEquals(docs.size(), starts);
        assertTrue(
                rows.stream()
                        .filter(r -> r.ids().length > 0 && r.ids()[0] == 2)
                        .allMatch(TextStreams.Chunk::fresh));
        // same seed, same layout; another seed, another order
        List<TextStreams.Chunk> again = TextStreams.layout(docs, lanes, chunk, 5);
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i).ids(), again.get(i).ids());
        }
    }

    @Test
    void givenOneLongDocument_whenLaidOut_thenItIsCutAcrossEveryLane() {
        int[] doc = new int[41];
        doc[0] = 2;
        for (int t = 1; t < 40; t++) {
            doc[t] = 4 + t % 3;
        }
        doc[40] = 3;
        List<TextStreams.Chunk> rows = TextStreams.layout(List.of(doc), 4, 5, 1);
        // 40 steps over 4 lanes: 10 steps = 2 chunks each
        assertEquals(8, rows.size());
        for (int lane = 0; lane < 4; lane++) {
            assertTrue(rows.get(lane).fresh());
            assertTrue(!rows.get(4 + lane).fresh());
        }
    }

    /**
     * The training side of the recipe: fitting the laid-out batches with carried state scores each
     * batch as one pass over every lane's whole stream (a learning rate too small to move the
     * weights).
     */
    @Test
    void givenLaidOutBatches_whenFitWithCarriedState_thenEachBatchScoresAsOnePassPerStream() {
        List<int[]> docs = documents();
        int lanes = 2;
        int chunk = 3;
        int classes = 9;
        List<TextStreams.Chunk> rows = TextStreams.layout(docs, lanes, chunk, 3);
        ComputationGraph net =
                LanguageModelBuilder.builder()
                        .setVocabularySize(classes)
                        .optEmbeddingSize(3)
                        .optRnn(new RnnSpec(CellType.LSTM, 5, 2, false, 0.0))
                        .optTbpttLength(chunk)
                        .optOptimizer(new OptimizerSpec(1e-30, 1.0, 0.0))
                        .optSeed(11)
                        .optDataType(DataType.DOUBLE)
                        .build();
        // reference: each segment (from a fresh chunk to the next fresh one) in one pass
        Map<Integer, double[]> nats = new HashMap<>();
        for (int lane = 0; lane < lanes; lane++) {
            List<Integer> segment = new ArrayList<>();
            for (int i = lane; i <= rows.size(); i += lanes) {
                boolean end = i >= rows.size() || rows.get(i).fresh();
                if (end && !segment.isEmpty()) {
                    score(net, rows, segment, nats);
                    segment.clear();
                }
                if (i < rows.size() && rows.get(i).steps() > 0) {
                    segment.add(i);
                }
            }
        }
        CarriedState.carry(net, true);
        for (int k = 0; k < rows.size() / lanes; k++) {
            List<TextStreams.Chunk> batch = rows.subList(k * lanes, (k + 1) * lanes);
            CarriedState.reset(net, TextStreams.fresh(batch));
            try (SequenceBatch b = TextStreams.batch(batch, classes)) {
                net.fit(b.toDataSet());
            }
            double expected = 0;
            for (int lane = 0; lane < lanes; lane++) {
                expected += nats.getOrDefault(k * lanes + lane, new double[] {0})[0];
            }
            assertEquals(expected / lanes, net.score(), 1e-9, "batch " + k);
        }
    }

    /** Scores the rows of one segment in one pass; stores each row's summed nats. */
    private static void score(
            ComputationGraph net,
            List<TextStreams.Chunk> rows,
            List<Integer> segment,
            Map<Integer, double[]> nats) {
        List<Integer> ids = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i : segment) {
            int[] row = rows.get(i).ids();
            for (int t = 0; t + 1 < row.length; t++) {
                ids.add(row[t]);
                targets.add(row[t + 1]);
            }
        }
        INDArray in = Nd4j.create(DataType.DOUBLE, 1, 1, ids.size());
        for (int t = 0; t < ids.size(); t++) {
            in.putScalar(0, 0, t, ids.get(t));
        }
        INDArray probs = Graphs.output(net, new INDArray[] {in}, null)[0];
        int t = 0;
        for (int i : segment) {
            double sum = 0;
            for (int s = 0; s < rows.get(i).steps(); s++, t++) {
                sum -= Math.log(probs.getDouble(0, targets.get(t), t));
            }
            nats.put(i, new double[] {sum});
        }
    }
}
