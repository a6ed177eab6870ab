package org.rnnkit.recipes.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.text.Vocabulary;

/**
 * Lays encoded documents out as {@code lanes} parallel token streams cut into consecutive chunks,
 * for stateful truncated BPTT ({@link org.rnnkit.model.layers.CarriedState}): row {@code b} of
 * batch {@code k + 1} continues row {@code b} of batch {@code k}, so the recurrent state one chunk
 * ends with is the state the next one starts from.
 *
 * <p>The documents, in an order shuffled with the seed, are cut into segments of at most the
 * corpus' share per lane (so that one long document still fills every lane) and each segment goes
 * to the lane with the fewest chunks so far. A segment starts from a zero state ({@link
 * Chunk#fresh()}): at a document's start, or where a long document was cut. A segment's last chunk
 * may be short; a lane that has run out gets empty chunks (all padding) until the longest lane
 * ends.
 */
public final class TextStreams {

    private TextStreams() {}

    /**
     * One row of a batch: {@code ids} are one chunk's inputs followed by its last target ({@code
     * steps + 1} ids, consecutive chunks overlapping by one), empty for a lane that has run out.
     *
     * @param ids the chunk's ids
     * @param fresh whether the lane starts from a zero state here
     */
    public record Chunk(int[] ids, boolean fresh) {

        /**
         * Returns the number of predicted steps.
         *
         * @return {@code ids.length - 1}, 0 for an empty chunk
         */
        public int steps() {
            return Math.max(0, ids.length - 1);
        }
    }

    /**
     * Lays the documents out.
     *
     * @param documents encoded documents (begin token, tokens, end token), at least 2 ids each
     * @param lanes the batch size: the number of parallel streams
     * @param chunk the predicted steps per chunk (the truncated-BPTT length)
     * @param seed the seed of the document order
     * @return the rows, batch by batch ({@code lanes} rows each, lane order)
     */
    public static List<Chunk> layout(List<int[]> documents, int lanes, int chunk, long seed) {
        List<int[]> order = new ArrayList<>(documents);
        Collections.shuffle(order, new Random(seed));
        long total = 0;
        for (int[] d : order) {
            total += d.length - 1;
        }
        long perLane = (total + lanes - 1) / lanes;
        int segmentSteps =
                (int) Math.min(Integer.MAX_VALUE, ((perLane + chunk - 1) / chunk) * chunk);
        List<List<Chunk>> streams = new ArrayList<>();
        PriorityQueue<int[]> shortest =
                new PriorityQueue<>(
                        (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : a[1] - b[1]);
        for (int l = 0; l < lanes; l++) {
            streams.add(new ArrayList<>());
            shortest.add(new int[] {0, l});
        }
        for (int[] doc : order) {
            for (int start = 0; start < doc.length - 1; start += segmentSteps) {
                int end = Math.min(doc.length, start + segmentSteps + 1);
                int[] lane = shortest.poll();
                List<Chunk> stream = streams.get(lane[1]);
                for (int from = start; from < end - 1; from += chunk) {
                    int to = Math.min(end, from + chunk + 1);
                    int[] ids = new int[to - from];
                    System.arraycopy(doc, from, ids, 0, ids.length);
                    stream.add(new Chunk(ids, from == start));
                }
                lane[0] = stream.size();
                shortest.add(lane);
            }
        }
        int batches = streams.stream().mapToInt(List::size).max().orElse(0);
        List<Chunk> rows = new ArrayList<>(batches * lanes);
        Chunk empty = new Chunk(new int[0], true);
        for (int k = 0; k < batches; k++) {
            for (List<Chunk> stream : streams) {
                rows.add(k < stream.size() ? stream.get(k) : empty);
            }
        }
        return rows;
    }

    /**
     * Builds one batch: features {@code [lanes, 1, steps]} (ids), one-hot labels {@code [lanes,
     * classes, steps]}, masks {@code [lanes, steps]} with 1 = real step; short and empty rows are
     * padded at the end.
     *
     * @param rows one batch of rows
     * @param classes the vocabulary size
     * @return the batch
     */
    public static SequenceBatch batch(List<Chunk> rows, int classes) {
        int steps = Math.max(1, rows.stream().mapToInt(Chunk::steps).max().orElse(1));
        int n = rows.size();
        INDArray features = Nd4j.zeros(DataType.FLOAT, n, 1, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes, steps);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, steps);
        long real = 0;
        for (int b = 0; b < n; b++) {
            int[] ids = rows.get(b).ids();
            for (int t = 0; t + 1 < ids.length; t++) {
                features.putScalar(b, 0, t, ids[t]);
                labels.putScalar(b, ids[t + 1], t, 1f);
                mask.putScalar(b, t, 1f);
                real++;
            }
            if (ids.length == 0) {
                features.putScalar(b, 0, 0, Vocabulary.PAD);
            }
        }
        return new SequenceBatch(features, labels, mask, mask.dup(), real);
    }

    /**
     * Which lanes of a batch start from a zero state.
     *
     * @param rows one batch of rows
     * @return {@code fresh[b]} per row
     */
    public static boolean[] fresh(List<Chunk> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int b = 0; b < out.length; b++) {
            out[b] = rows.get(b).fresh();
        }
        return out;
    }
}
