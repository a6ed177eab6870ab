package org.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Configuration shared by rnnkit's recurrent layers ({@link LstmLayer}, {@link GruLayer}, {@link
 * SimpleRnnLayer}): DL4J layer configurations, usable in {@code MultiLayerNetwork} and {@code
 * ComputationGraph}, inside DL4J's {@code Bidirectional} and {@code LastTimeStep} wrappers, and
 * serialized to and from DL4J's JSON like any built-in layer.
 *
 * <p>The layers compute the same functions as DL4J's {@code LSTM} and {@code SimpleRnn} (and a GRU,
 * which DL4J lacks) with fewer, larger operations: one GEMM for the input projection of all time
 * steps, one small GEMM per step, the gate arithmetic fused into one pass over Java arrays, the
 * weight gradients as single GEMMs after the backward loop, and the batch split over threads
 * ({@code -Drnnkit.threads}, default: all processors). Masks are exact: a padded step leaves the
 * state unchanged, outputs zero and receives no gradient, so padding never changes the outputs of
 * real steps. Supported: masks, {@code rnnTimeStep} and stored state, truncated BPTT, input dropout
 * ({@code dropOut(...)}), NCW and NWC formats, FLOAT and DOUBLE. Weight noise and layer
 * normalization are not supported.
 *
 * <p>Parameters (C order): {@code W [nIn, G*H]}, {@code RW [H, G*H]}, {@code b [1, G*H]} and, for
 * the GRU, {@code rb [1, G*H]}, with {@code G} gates per unit and {@code H = nOut}.
 */
public abstract class FusedRecurrentLayer extends BaseRecurrentLayer {

    /** Input weights {@code [nIn, G*H]}. */
    public static final String WEIGHT_KEY = "W";

    /** Recurrent weights {@code [H, G*H]}. */
    public static final String RECURRENT_WEIGHT_KEY = "RW";

    /** Input bias {@code [1, G*H]}. */
    public static final String BIAS_KEY = "b";

    /** Recurrent bias {@code [1, G*H]} (GRU only). */
    public static final String RECURRENT_BIAS_KEY = "rb";

    /** For JSON deserialization. */
    protected FusedRecurrentLayer() {}

    /**
     * Creates the configuration from a builder.
     *
     * @param builder the builder
     */
    protected FusedRecurrentLayer(Builder<?> builder) {
        super(builder);
    }

    /**
     * The cell a layer computes with the settings that only some cells take (compared by {@link
     * #equals}).
     *
     * @param kind the cell
     * @param forgetBiasInit the initial LSTM forget-gate bias (0 for other cells)
     * @param activation the activation of a simple RNN (tanh for the gated cells' candidate)
     */
    record CellSettings(
            CellKind kind, double forgetBiasInit, SimpleRnnLayer.Activation activation) {

        /** The GRU, which takes no settings of its own. */
        static final CellSettings GRU =
                new CellSettings(CellKind.GRU, 0.0, SimpleRnnLayer.Activation.TANH);

        static CellSettings lstm(double forgetBiasInit) {
            return new CellSettings(CellKind.LSTM, forgetBiasInit, SimpleRnnLayer.Activation.TANH);
        }

        static CellSettings simple(SimpleRnnLayer.Activation activation) {
            return new CellSettings(CellKind.SIMPLE, 0.0, activation);
        }
    }

    /**
     * The cell this layer computes, with its settings.
     *
     * @return the cell
     */
    abstract CellSettings cell();

    final CellKind kind() {
        return cell().kind();
    }

    final SimpleRnnLayer.Activation simpleActivation() {
        return cell().activation();
    }

    final double forgetBiasInit() {
        return cell().forgetBiasInit();
    }

    /**
     * Whether ND4J runs on its CPU backend, the only one these layers support (they call OpenBLAS
     * on host memory).
     *
     * @return {@code true} for nd4j-native
     */
    public static boolean cpuBackend() {
        return Nd4j.getBackend()
                .getClass()
                .getName()
                .equals("org.nd4j.linalg.cpu.nativecpu.CpuBackend");
    }

    /**
     * Number of parameters: {@code G*H*(nIn + H + 1)}, plus {@code G*H} for the GRU's recurrent
     * bias.
     *
     * @return the count
     */
    public long numParams() {
        return RecurrentParamInitializer.INSTANCE.numParams(this);
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return Layers.instantiate(
                this,
                this::cpuImplementation,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams,
                networkDataType);
    }

    private FusedRecurrentLayerImpl cpuImplementation(
            NeuralNetConfiguration conf, DataType networkDataType) {
        if (!cpuBackend()) {
            throw new IllegalStateException(
                    getClass().getSimpleName()
                            + " runs on ND4J's CPU backend (nd4j-native) only; this process uses "
                            + Nd4j.getBackend().getClass().getSimpleName()
                            + ". On CUDA use DL4J's LSTM (cuDNN).");
        }
        return new FusedRecurrentLayerImpl(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return RecurrentParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = numParams();
        int gates = kind().gates();
        long cachePerStep = (long) (gates + 3) * getNOut();
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, out)
                .standardMemory(params, params)
                .workingMemory(0, 0, cachePerStep, cachePerStep)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && super.equals(o)
                && cell().equals(((FusedRecurrentLayer) o).cell());
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + cell().hashCode();
    }

    /**
     * Builder of the common settings ({@code nIn}, {@code nOut}, weight init, dropout, ...).
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>>
            extends BaseRecurrentLayer.Builder<T> {}
}
