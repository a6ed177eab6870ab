package org.rnnkit.train;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Fits one epoch of batches somewhere other than this thread, e.g. on a Spark cluster ({@code
 * toolkit-spark}). The {@link Trainer} hands it every batch of an epoch, in order, and keeps doing
 * everything else: dev evaluation, early stopping, checkpoints, resume, the metrics log.
 */
public interface EpochFitter extends AutoCloseable {

    /**
     * Trains the network on one epoch of batches and leaves the result in its parameters (and
     * updater state, where the fitter can).
     *
     * @param network the network, holding the parameters to start from
     * @param batches the epoch's batches in training order
     * @param epoch the 0-based epoch
     * @return the mean training loss of the epoch, or {@code NaN} when the fitter cannot tell
     */
    double fitEpoch(ComputationGraph network, List<MultiDataSet> batches, int epoch);

    /**
     * Describes where training runs, for the log.
     *
     * @return e.g. {@code "Spark local[2], gradient sharing"}
     */
    String describe();

    /** Releases the fitter's resources (e.g. stops a Spark context it started). */
    @Override
    void close();
}
