package org.rnnkit.data;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One padded batch of sequences in DL4J layout.
 *
 * <p>Shapes: {@code features [batch, 1, time]} (token ids as floats, 0 = padding), {@code
 * featuresMask [batch, time]} with 1 for a real step and 0 for padding. {@code labels} is {@code
 * [batch, classes]} (one-hot) for many-to-one batches or {@code [batch, classes, time]} for
 * many-to-many ones, where {@code labelsMask [batch, time]} equals the feature mask; it is {@code
 * null} for inference batches. {@code realSteps} counts the unmasked steps, so {@code realSteps /
 * (batch * time)} is the batch's padding efficiency.
 *
 * @param features token ids, {@code [batch, 1, time]}
 * @param labels targets, or {@code null}
 * @param featuresMask {@code [batch, time]}, 1 = real step
 * @param labelsMask {@code [batch, time]} for many-to-many, else {@code null}
 * @param realSteps the number of real (unpadded) steps
 */
public record SequenceBatch(
        INDArray features,
        INDArray labels,
        INDArray featuresMask,
        INDArray labelsMask,
        long realSteps)
        implements AutoCloseable {

    /**
     * Validates the shapes.
     *
     * @param features see {@link #features()}
     * @param labels see {@link #labels()}
     * @param featuresMask see {@link #featuresMask()}
     * @param labelsMask see {@link #labelsMask()}
     * @param realSteps see {@link #realSteps()}
     * @throws IllegalArgumentException when the mask does not match the features
     */
    public SequenceBatch {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(featuresMask, "featuresMask");
        if (features.rank() != 3
                || featuresMask.rank() != 2
                || features.size(0) != featuresMask.size(0)
                || features.size(2) != featuresMask.size(1)) {
            throw new IllegalArgumentException(
                    "expected features [batch, 1, time] and mask [batch, time], got "
                            + java.util.Arrays.toString(features.shape())
                            + " and "
                            + java.util.Arrays.toString(featuresMask.shape()));
        }
    }

    /**
     * Returns the number of sequences.
     *
     * @return the batch size
     */
    public int batchSize() {
        return (int) features.size(0);
    }

    /**
     * Returns the padded length.
     *
     * @return the time dimension
     */
    public int timeSteps() {
        return (int) features.size(2);
    }

    /**
     * Returns the steps computed for this batch, padding included.
     *
     * @return {@code batch * time}
     */
    public long computedSteps() {
        return (long) batchSize() * timeSteps();
    }

    /**
     * Wraps the arrays (without copying) in a DL4J data set.
     *
     * @return a data set sharing this batch's arrays
     */
    public DataSet toDataSet() {
        return new DataSet(features, labels, featuresMask, labelsMask);
    }

    /** Releases the native memory of all arrays. Do not use the batch afterwards. */
    @Override
    public void close() {
        for (INDArray a : new INDArray[] {features, labels, featuresMask, labelsMask}) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }
}
