package org.rnnkit.train;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param network the trained network, holding the parameters of the best dev epoch
 * @param bestEpoch the 1-based epoch with the best dev score
 * @param bestDevMetric that score
 * @param history one record per epoch, resumed epochs included
 * @param stoppedEarly whether training stopped because the dev score stopped improving
 * @param resumedAfterEpoch the epoch of the checkpoint training resumed from, or 0
 * @param bestAveraged whether the network holds the averaged weights of the best epoch (weight
 *     averaging scored higher than the trained weights there)
 */
public record TrainingResult(
        ComputationGraph network,
        int bestEpoch,
        double bestDevMetric,
        List<EpochRecord> history,
        boolean stoppedEarly,
        int resumedAfterEpoch,
        boolean bestAveraged) {

    /**
     * Validates and freezes the fields.
     *
     * @param network see {@link #network()}
     * @param bestEpoch see {@link #bestEpoch()}
     * @param bestDevMetric see {@link #bestDevMetric()}
     * @param history see {@link #history()}
     * @param stoppedEarly see {@link #stoppedEarly()}
     * @param resumedAfterEpoch see {@link #resumedAfterEpoch()}
     * @param bestAveraged see {@link #bestAveraged()}
     */
    public TrainingResult {
        history = List.copyOf(history);
    }
}
