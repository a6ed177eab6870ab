package org.rnnkit.model.layers;

import java.util.Collection;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every layer configuration's {@code instantiate} does with its new implementation. */
final class Layers {

    private Layers() {}

    /**
     * What a configuration's {@code instantiate} does: checks that {@code nIn} and {@code nOut} are
     * set, creates the implementation, and gives it its listeners, index, parameter view and
     * parameters.
     *
     * @param config the layer's configuration (its class name names it in the error)
     * @param implementation creates the implementation from the configuration and data type
     * @param conf the layer's network configuration
     * @param listeners training listeners
     * @param index the layer's index in the network
     * @param paramsView the layer's slice of the network's flattened parameters
     * @param initialize whether to initialise the parameters (else they are already set)
     * @param dataType the network's data type
     * @param <L> the implementation type
     * @return the layer
     * @throws org.deeplearning4j.exception.DL4JInvalidConfigException when {@code nIn} or {@code
     *     nOut} is not set
     */
    static <L extends BaseLayer<?>> L instantiate(
            FeedForwardLayer config,
            BiFunction<NeuralNetConfiguration, DataType, L> implementation,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initialize,
            DataType dataType) {
        LayerValidation.assertNInNOutSet(
                config.getClass().getSimpleName(),
                config.getLayerName(),
                index,
                config.getNIn(),
                config.getNOut());
        L layer = implementation.apply(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(config.initializer().init(conf, paramsView, initialize));
        layer.setConf(conf);
        return layer;
    }
}
