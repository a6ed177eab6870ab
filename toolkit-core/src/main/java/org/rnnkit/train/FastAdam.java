package org.rnnkit.train;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J's {@link Adam}, same settings, same state layout and same arithmetic, with a faster update
 * for FLOAT parameters: one vectorized Java pass over chunks of the gradient and moment estimates
 * instead of ND4J's {@code adam_updater} op (measured 4.7x faster: 2.4 ms instead of 11.3 ms per
 * update of 1.7M parameters on one thread, {@code bench/FastAdamBench.java}; DL4J's op was ~12% of
 * a training step of a small recurrent model). DOUBLE parameters and non-contiguous views use
 * DL4J's op.
 *
 * <p>Update, with {@code t} the iteration counted from 0: {@code m = b1 m + (1 - b1) g}, {@code v =
 * b2 v + (1 - b2) g^2}, {@code update = lr sqrt(1 - b2^(t+1)) / (1 - b1^(t+1)) m / (sqrt(v) +
 * eps)}.
 */
public class FastAdam extends Adam {

    /** With DL4J's defaults (learning rate 1e-3, betas 0.9 and 0.999, epsilon 1e-8). */
    public FastAdam() {
        super();
    }

    /**
     * Creates the updater with a fixed learning rate and default betas.
     *
     * @param learningRate the learning rate
     */
    public FastAdam(double learningRate) {
        super(learningRate);
    }

    /**
     * Creates the updater with a learning-rate schedule and default betas.
     *
     * @param schedule the schedule
     */
    public FastAdam(ISchedule schedule) {
        super(schedule);
    }

    /**
     * Creates the updater.
     *
     * @param learningRate the learning rate (ignored when {@code schedule} is set)
     * @param schedule a learning-rate schedule, or {@code null}
     * @param beta1 decay of the first moment estimate
     * @param beta2 decay of the second moment estimate
     * @param epsilon added to the denominator
     */
    public FastAdam(
            double learningRate, ISchedule schedule, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        setLearningRateSchedule(schedule);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        FastAdamUpdater u = new FastAdamUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = Arrays.copyOf(flat.shape(), flat.rank());
        gradientShape[0] /= 2;
        u.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(
            Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        FastAdamUpdater u = new FastAdamUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public FastAdam clone() {
        return new FastAdam(
                getLearningRate(),
                getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone(),
                getBeta1(),
                getBeta2(),
                getEpsilon());
    }
}
