package org.rnnkit.model;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnkit.train.OptimizerSpec;

/** The configuration every rnnkit topology starts from. */
final class NetworkBase {

    private NetworkBase() {}

    /**
     * Seed, data type, updater, Xavier initialisation and per-layer gradient clipping.
     *
     * @param seed the initialisation seed
     * @param dataType FLOAT or DOUBLE
     * @param optimizer the optimizer and clipping norm
     * @return the builder to add a graph to
     */
    static NeuralNetConfiguration.Builder of(
            long seed, DataType dataType, OptimizerSpec optimizer) {
        NeuralNetConfiguration.Builder base =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(dataType)
                        .updater(optimizer.toUpdater())
                        .weightInit(WeightInit.XAVIER);
        if (optimizer.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(optimizer.clipNorm());
        }
        return base;
    }
}
