package org.rnnkit.recipes.forecast;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.model.ForecasterBuilder;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.train.OptimizerSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model stage of the forecaster: Adam with the recipe's per-epoch decay, and the graph of
 * {@link ForecasterBuilder}: a recurrent encoder over the window (plus calendar features) and
 * either a dense head that emits all horizon steps at once (direct) or a recurrent decoder over the
 * horizon (encoder-decoder), optionally beside a linear autoregressive component over the window.
 * The network predicts each step's change from the reference forecast, so an untrained network is
 * the reference (naive by default).
 */
final class ForecastNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastNetwork.class);

    private ForecastNetwork() {}

    /**
     * Returns the optimizer: Adam at {@code learningRate}, times {@code lrDecay} per epoch, with
     * the default gradient clipping.
     *
     * @param options the settings
     * @return the optimizer
     */
    static OptimizerSpec optimizer(ForecastOptions options) {
        return new OptimizerSpec(
                options.training().learningRate(),
                options.lrDecay(),
                OptimizerSpec.defaults().clipNorm());
    }

    /**
     * Builds and initialises the graph (seeded).
     *
     * @param options the settings (topology, autoregressive component, recurrent stack, seed)
     * @param data the prepared data, whose window batcher fixes the input and future sizes
     * @param optimizer the optimizer
     * @return the untrained graph
     */
    static ComputationGraph build(
            ForecastOptions options, ForecastData data, OptimizerSpec optimizer) {
        TrainingOptions training = options.training();
        ComputationGraph network =
                ForecasterBuilder.builder()
                        .setInputSize(data.prepared().batcher().inputSize())
                        .setHorizon(options.horizon())
                        .optNumTargets(data.spec().targets().size())
                        .optFutureSize(data.prepared().batcher().futureSize())
                        .optTopology(options.topology())
                        .optAutoregressive(options.autoregressive() ? options.lookback() : 0)
                        .optRnn(training.rnnSpec())
                        .optOptimizer(optimizer)
                        .optSeed(training.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());
        return network;
    }
}
