package org.rnnkit.train;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
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

    /**
     * Creates a metric from a name and a function.
     *
     * @param name the metric's name, for example {@code dev_accuracy}
     * @param evaluate scores a network on the dev set; higher is better
     * @return the metric
     */
    static DevMetric of(String name, ToDoubleFunction<ComputationGraph> evaluate) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(evaluate, "evaluate");
        return new DevMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(ComputationGraph network) {
                return evaluate.applyAsDouble(network);
            }
        };
    }
}
