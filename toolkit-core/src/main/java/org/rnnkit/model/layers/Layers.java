package org.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every layer configuration's {@code instantiate} does with its new implementation. */
final class Layers {

    private Layers() {}

    /**
     * Gives a new layer implementation its listeners, index, parameter view and parameters.
     *
     * @param layer the implementation
     * @param initializer the configuration's parameter initializer
     * @param conf the layer's configuration
     * @param listeners training listeners
     * @param index the layer's index in the network
     * @param paramsView the layer's slice of the network's flattened parameters
     * @param initialize whether to initialise the parameters (else they are already set)
     * @param <L> the implementation type
     * @return the layer
     */
    static <L extends BaseLayer<?>> L wire(
            L layer,
            ParamInitializer initializer,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners,
            int index,
            INDArray paramsView,
            boolean initialize) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initialize));
        layer.setConf(conf);
        return layer;
    }
}
