package org.rnnkit.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The model-selection score computed on the dev set after each epoch; higher is better.
 *
 * <p>For a metric where lower is better (a loss, an error), return its negation.
 */
public interface DevMetric {

    /**
     * Returns the metric's name, as logged and written to the metrics log.
     *
     * @return for example {@code dev_accuracy}
     */
    String name();

    /**
     * Scores the network on the dev set.
     *
     * @param network the network after an epoch, in inference mode
     * @return the score; higher is better
     */
    double evaluate(ComputationGraph network);
}
