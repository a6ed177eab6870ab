package org.rnnkit.data;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;

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
 * @param extraInputs further network inputs after {@code features} (for example character ids for a
 *     tagger), empty for single-input networks
 * @param extraMasks their masks, one per extra input (entries may be {@code null})
 */
public record SequenceBatch(
        INDArray features,
        INDArray labels,
        INDArray featuresMask,
        INDArray labelsMask,
        long realSteps,
        INDArray[] extraInputs,
        INDArray[] extraMasks)
        implements AutoCloseable {

    /**
     * Creates a single-input batch (shapes as in the class comment: features {@code [batch, 1,
     * time]}, masks {@code [batch, time]}).
     *
     * @param features see {@link #features()}
     * @param labels see {@link #labels()}
     * @param featuresMask see {@link #featuresMask()}
     * @param labelsMask see {@link #labelsMask()}
     * @param realSteps see {@link #realSteps()}
     */
    public SequenceBatch(
            INDArray features,
            INDArray labels,
            INDArray featuresMask,
            INDArray labelsMask,
            long realSteps) {
        this(
                features,
                labels,
                featuresMask,
                labelsMask,
                realSteps,
                new INDArray[0],
                new INDArray[0]);
    }

    /**
     * Returns this batch with further network inputs.
     *
     * @param inputs the inputs after {@code features}, each {@code [batch, size, time]} with the
     *     same batch and time as {@code features}
     * @param masks their masks (same length), each {@code [batch, time]} or {@code null}
     * @return a new batch sharing this batch's arrays
     */
    public SequenceBatch withExtraInputs(INDArray[] inputs, INDArray[] masks) {
        return new SequenceBatch(
                features, labels, featuresMask, labelsMask, realSteps, inputs, masks);
    }

    /**
     * Wraps the arrays (without copying) in a DL4J multi data set: inputs {@code features} then the
     * extra inputs; one label array.
     *
     * @return a multi data set sharing this batch's arrays
     */
    public MultiDataSet toMultiDataSet() {
        return new MultiDataSet(
                inputs(),
                labels == null ? null : new INDArray[] {labels},
                inputMasks(),
                labelsMask == null ? null : new INDArray[] {labelsMask});
    }

    /**
     * Returns all network inputs in order.
     *
     * @return {@code features} ({@code [batch, 1, time]}) then the extra inputs ({@code [batch,
     *     size, time]})
     */
    public INDArray[] inputs() {
        return prepend(features, extraInputs);
    }

    /**
     * Returns the masks of all network inputs in order.
     *
     * @return {@code featuresMask} then the extra masks, each {@code [batch, time]} or {@code null}
     */
    public INDArray[] inputMasks() {
        return prepend(featuresMask, extraMasks);
    }

    private static INDArray[] prepend(INDArray first, INDArray[] rest) {
        INDArray[] all = new INDArray[1 + rest.length];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /**
     * Validates the shapes.
     *
     * @param features see {@link #features()}
     * @param labels see {@link #labels()}
     * @param featuresMask see {@link #featuresMask()}
     * @param labelsMask see {@link #labelsMask()}
     * @param realSteps see {@link #realSteps()}
     * @param extraInputs see {@link #extraInputs()}
     * @param extraMasks see {@link #extraMasks()}
     * @throws IllegalArgumentException when the mask does not match the features
     */
    public SequenceBatch {
        Objects.requireNonNull(features, "features");
        extraInputs = extraInputs == null ? new INDArray[0] : extraInputs.clone();
        extraMasks = extraMasks == null ? new INDArray[extraInputs.length] : extraMasks.clone();
        if (extraMasks.length != extraInputs.length) {
            throw new IllegalArgumentException(
                    "expected one mask per extra input, got "
                            + extraMasks.length
                            + " masks for "
                            + extraInputs.length
                            + " inputs");
        }
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
        java.util.List<INDArray> all =
                new java.util.ArrayList<>(
                        java.util.Arrays.asList(features, labels, featuresMask, labelsMask));
        all.addAll(java.util.Arrays.asList(extraInputs));
        all.addAll(java.util.Arrays.asList(extraMasks));
        for (INDArray a : all) {
            if (a != null && !a.wasClosed() && a.closeable()) {
                a.close();
            }
        }
    }
}
