package org.rnnkit.train;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Adam with an exponential per-epoch learning-rate decay and per-layer gradient clipping.
 *
 * <p>The learning rate in epoch {@code e} (0-based) is {@code learningRate * lrDecay^e}. Gradients
 * are clipped to an L2 norm of at most {@code clipNorm} per layer before the update (DL4J's {@code
 * ClipL2PerLayer}); 0 disables clipping.
 *
 * @param learningRate the initial Adam step size, > 0
 * @param lrDecay the per-epoch decay factor, in (0, 1]
 * @param clipNorm the per-layer gradient L2 norm limit, >= 0 (0 = no clipping)
 */
public record OptimizerSpec(double learningRate, double lrDecay, double clipNorm) {

    /**
     * Validates the settings.
     *
     * @param learningRate see {@link #learningRate()}
     * @param lrDecay see {@link #lrDecay()}
     * @param clipNorm see {@link #clipNorm()}
     * @throws IllegalArgumentException when a value is out of range
     */
    public OptimizerSpec {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "learningRate must be > 0, received: learningRate=" + learningRate);
        }
        if (!(lrDecay > 0 && lrDecay <= 1)) {
            throw new IllegalArgumentException(
                    "lrDecay must be in (0, 1], received: lrDecay=" + lrDecay);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException(
                    "clipNorm must be >= 0, received: clipNorm=" + clipNorm);
        }
    }

    /**
     * Returns Adam at 2e-3, decay 0.85 per epoch, clipping at 1.0.
     *
     * @return the defaults
     */
    public static OptimizerSpec defaults() {
        return new OptimizerSpec(2e-3, 0.85, 1.0);
    }

    /**
     * Returns a copy with another learning rate.
     *
     * @param rate the new initial learning rate
     * @return the copy
     */
    public OptimizerSpec withLearningRate(double rate) {
        return new OptimizerSpec(rate, lrDecay, clipNorm);
    }

    /**
     * Creates the DL4J updater.
     *
     * @return Adam with the epoch schedule
     */
    public IUpdater toUpdater() {
        return new FastAdam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay));
    }

    /**
     * Returns the learning rate of an epoch.
     *
     * @param epoch the 0-based epoch
     * @return {@code learningRate * lrDecay^epoch}
     */
    public double learningRateAt(int epoch) {
        return learningRate * Math.pow(lrDecay, epoch);
    }
}
