package org.rnnkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Groups examples of similar length into batches so that little padding is computed.
 *
 * <p>Each epoch the examples are shuffled with {@code seed + epoch}, cut into pools of {@code
 * poolBatches * batchSize}, each pool is sorted by length and cut into batches, and the batch order
 * is shuffled again. Every example appears exactly once per epoch, and the plan depends only on the
 * seed and the epoch number, so a run resumed at epoch {@code e} sees the same batches as an
 * uninterrupted one. With {@code shuffle == false} the examples are simply sorted by length (for
 * evaluation).
 *
 * @param <E> the example type
 */
public final class BucketingIterator<E> implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient List<E> examples;
    private final transient int batchSize;
    private final transient ToIntFunction<E> length;
    private final transient BiFunction<List<E>, Integer, SequenceBatch> batcher;
    private final transient long seed;
    private final transient int poolBatches;
    private final transient boolean shuffle;
    private final transient int numOutcomes;
    private transient List<int[]> plan;
    private transient int cursor;
    private transient int epoch;
    private transient long realSteps;
    private transient long computedSteps;
    private transient DataSetPreProcessor preProcessor;

    /**
     * Creates the iterator.
     *
     * @param examples the examples; not copied, must not change while iterating
     * @param batchSize the number of examples per batch, at least 1
     * @param length the length of an example after truncation, used for bucketing
     * @param batcher turns a list of examples into a padded batch
     * @param numOutcomes the number of classes (reported through {@link #totalOutcomes()})
     * @param shuffle shuffle per epoch (training) or sort by length once (evaluation)
     * @param seed the shuffle seed
     * @throws IllegalArgumentException when there are no examples or {@code batchSize < 1}
     */
    public BucketingIterator(
            List<E> examples,
            int batchSize,
            ToIntFunction<E> length,
            Function<List<E>, SequenceBatch> batcher,
            int numOutcomes,
            boolean shuffle,
            long seed) {
        this(
                examples,
                batchSize,
                length,
                epochBatcher(Objects.requireNonNull(batcher, "batcher")),
                numOutcomes,
                shuffle,
                seed);
    }

    /**
     * Creates the iterator with a batcher that also receives the epoch (for per-epoch random
     * augmentation such as word dropout, repeated exactly by a resumed run).
     *
     * @param examples the examples; not copied, must not change while iterating
     * @param batchSize the number of examples per batch, at least 1
     * @param length the length of an example after truncation, used for bucketing
     * @param batcher turns a list of examples and the 0-based epoch into a padded batch
     * @param numOutcomes the number of classes (reported through {@link #totalOutcomes()})
     * @param shuffle shuffle per epoch (training) or sort by length once (evaluation)
     * @param seed the shuffle seed
     * @throws IllegalArgumentException when there are no examples or {@code batchSize < 1}
     */
    public BucketingIterator(
            List<E> examples,
            int batchSize,
            ToIntFunction<E> length,
            BiFunction<List<E>, Integer, SequenceBatch> batcher,
            int numOutcomes,
            boolean shuffle,
            long seed) {
        this.examples = Objects.requireNonNull(examples, "examples");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("examples must not be empty");
        }
        Arguments.atLeast("batchSize", batchSize, 1);
        this.batchSize = batchSize;
        this.length = Objects.requireNonNull(length, "length");
        this.batcher = Objects.requireNonNull(batcher, "batcher");
        this.numOutcomes = numOutcomes;
        this.shuffle = shuffle;
        this.seed = seed;
        this.poolBatches = 50;
        setEpoch(0);
    }

    private static <E> BiFunction<List<E>, Integer, SequenceBatch> epochBatcher(
            Function<List<E>, SequenceBatch> batcher) {
        return (items, epoch) -> batcher.apply(items);
    }

    /**
     * Prepares the batch plan of an epoch and rewinds.
     *
     * @param epoch the 0-based epoch number
     */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        this.plan = plan(epoch);
        this.cursor = 0;
    }

    /**
     * Returns the epoch whose plan is being iterated.
     *
     * @return the 0-based epoch
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Returns the number of batches per epoch.
     *
     * @return the batch count
     */
    public int batchesPerEpoch() {
        return plan.size();
    }

    /**
     * Returns the example indices of each batch of the current epoch, in iteration order.
     *
     * @return an unmodifiable view; each array holds indices into the example list
     */
    public List<int[]> plan() {
        return Collections.unmodifiableList(plan);
    }

    /**
     * Returns real steps / computed steps over all batches produced so far.
     *
     * @return the padding efficiency in (0, 1], or 1 before the first batch
     */
    public double paddingEfficiency() {
        return computedSteps == 0 ? 1.0 : (double) realSteps / computedSteps;
    }

    /** Forgets the padding statistics. */
    public void resetStatistics() {
        realSteps = 0;
        computedSteps = 0;
    }

    private List<int[]> plan(int epoch) {
        int n = examples.size();
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Comparator<Integer> byLength =
                Comparator.comparingInt(i -> length.applyAsInt(examples.get(i)));
        Random random = new Random(seed * 1_000_003L + epoch);
        int pool = shuffle ? batchSize * poolBatches : n;
        if (shuffle) {
            Collections.shuffle(order, random);
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < n; start += pool) {
            List<Integer> chunk = new ArrayList<>(order.subList(start, Math.min(n, start + pool)));
            chunk.sort(byLength);
            for (int b = 0; b < chunk.size(); b += batchSize) {
                List<Integer> ids = chunk.subList(b, Math.min(chunk.size(), b + batchSize));
                batches.add(ids.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        if (shuffle) {
            Collections.shuffle(batches, random);
        }
        return batches;
    }

    /** {@inheritDoc} */
    @Override
    public boolean hasNext() {
        return cursor < plan.size();
    }

    /** {@inheritDoc} */
    @Override
    public DataSet next() {
        return nextBatch().toDataSet();
    }

    /**
     * Returns the next batch as rnnkit's own type (with its real-step count).
     *
     * @return the batch
     * @throws NoSuchElementException at the end of the epoch
     */
    public SequenceBatch nextBatch() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has " + plan.size() + " batches");
        }
        int[] ids = plan.get(cursor++);
        List<E> items = new ArrayList<>(ids.length);
        for (int i : ids) {
            items.add(examples.get(i));
        }
        SequenceBatch batch;
        try {
            batch = batcher.apply(items, epoch);
        } catch (IllegalArgumentException e) {
            // The batcher only knows positions inside the length-sorted batch; name the caller's.
            throw new IllegalArgumentException(
                    "batch of examples "
                            + Arrays.toString(ids)
                            + " (indices into the examples list, in batch order): "
                            + e.getMessage(),
                    e);
        }
        realSteps += batch.realSteps();
        computedSteps += batch.computedSteps();
        if (preProcessor != null) {
            preProcessor.preProcess(batch.toDataSet());
        }
        return batch;
    }

    /**
     * Not supported: batch sizes are fixed at construction.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException(
                "BucketingIterator has a fixed batch size of " + batchSize);
    }

    /** {@inheritDoc} */
    @Override
    public int inputColumns() {
        return 1;
    }

    /** {@inheritDoc} */
    @Override
    public int totalOutcomes() {
        return numOutcomes;
    }

    /** {@inheritDoc} */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Rewinds to the start of the current epoch's plan. */
    @Override
    public void reset() {
        cursor = 0;
    }

    /** {@inheritDoc} */
    @Override
    public int batch() {
        return batchSize;
    }

    /** {@inheritDoc} */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** {@inheritDoc} */
    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> getLabels() {
        return null;
    }
}
