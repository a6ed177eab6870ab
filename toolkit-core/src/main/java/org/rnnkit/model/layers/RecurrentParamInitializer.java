package org.rnnkit.model.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link FusedRecurrentLayer}s, laid out in one flat view: {@code W [nIn, G*H]},
 * {@code RW [H, G*H]}, {@code b [1, G*H]} and the GRU's {@code rb [1, G*H]}, each in C order.
 */
final class RecurrentParamInitializer implements ParamInitializer {

    static final RecurrentParamInitializer INSTANCE = new RecurrentParamInitializer();

    private RecurrentParamInitializer() {}

    private static FusedRecurrentLayer config(Layer layer) {
        return (FusedRecurrentLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedRecurrentLayer c = config(layer);
        long gh = (long) c.kind().gates() * c.getNOut();
        long biases = c.kind() == CellKind.GRU ? 2 : 1;
        return gh * (c.getNIn() + c.getNOut() + biases);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(weightKeys(layer));
        keys.addAll(biasKeys(layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(FusedRecurrentLayer.WEIGHT_KEY, FusedRecurrentLayer.RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return config(layer).kind() == CellKind.GRU
                ? List.of(FusedRecurrentLayer.BIAS_KEY, FusedRecurrentLayer.RECURRENT_BIAS_KEY)
                : List.of(FusedRecurrentLayer.BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return FusedRecurrentLayer.WEIGHT_KEY.equals(key)
                || FusedRecurrentLayer.RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return FusedRecurrentLayer.BIAS_KEY.equals(key)
                || FusedRecurrentLayer.RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(
            NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FusedRecurrentLayer c = config(conf.getLayer());
        Map<String, INDArray> m = subsets(c, paramsView);
        if (initializeParams) {
            long nIn = c.getNIn();
            long h = c.getNOut();
            long gh = c.kind().gates() * h;
            IWeightInit init = c.getWeightInitFn();
            IWeightInit recurrentInit =
                    c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : init;
            // fan-in and fan-out as DL4J's LSTM (gated cells) and SimpleRnn, so that switching
            // from DL4J's layers keeps the initial weight scale
            boolean gated = c.kind() != CellKind.SIMPLE;
            init.init(
                    gated ? h : nIn,
                    gated ? nIn + h : h,
                    new long[] {nIn, gh},
                    'c',
                    m.get(FusedRecurrentLayer.WEIGHT_KEY));
            recurrentInit.init(
                    h,
                    gated ? nIn + h : h,
                    new long[] {h, gh},
                    'c',
                    m.get(FusedRecurrentLayer.RECURRENT_WEIGHT_KEY));
            INDArray b = m.get(FusedRecurrentLayer.BIAS_KEY);
            b.assign(c.getBiasInit());
            if (c.kind() == CellKind.LSTM) {
                b.get(NDArrayIndex.point(0), NDArrayIndex.interval(h, 2 * h))
                        .assign(c.forgetBiasInit());
            }
            INDArray rb = m.get(FusedRecurrentLayer.RECURRENT_BIAS_KEY);
            if (rb != null) {
                rb.assign(c.getBiasInit());
            }
        }
        for (String key : m.keySet()) {
            conf.addVariable(key);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(
            NeuralNetConfiguration conf, INDArray gradientView) {
        return subsets(config(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> subsets(FusedRecurrentLayer c, INDArray view) {
        long nIn = c.getNIn();
        long h = c.getNOut();
        long gh = c.kind().gates() * h;
        INDArray flat = view.reshape(view.length());
        Map<String, INDArray> m = new LinkedHashMap<>();
        long at = 0;
        m.put(FusedRecurrentLayer.WEIGHT_KEY, slice(flat, at, nIn, gh));
        at += nIn * gh;
        m.put(FusedRecurrentLayer.RECURRENT_WEIGHT_KEY, slice(flat, at, h, gh));
        at += h * gh;
        m.put(FusedRecurrentLayer.BIAS_KEY, slice(flat, at, 1, gh));
        at += gh;
        if (c.kind() == CellKind.GRU) {
            m.put(FusedRecurrentLayer.RECURRENT_BIAS_KEY, slice(flat, at, 1, gh));
        }
        return m;
    }

    private static INDArray slice(INDArray flat, long at, long rows, long cols) {
        return flat.get(NDArrayIndex.interval(at, at + rows * cols)).reshape('c', rows, cols);
    }
}
