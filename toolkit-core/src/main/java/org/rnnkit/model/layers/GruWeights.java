package org.rnnkit.model.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Imports trained GRU weights from PyTorch or Keras into a {@link GruLayer}.
 *
 * <p>rnnkit's GRU is the PyTorch/cuDNN form (Keras {@code reset_after=True}), so weights carry over
 * exactly; only the layout differs:
 *
 * <table>
 *   <caption>Layouts</caption>
 *   <tr><th></th><th>input weights</th><th>recurrent weights</th><th>biases</th><th>gate order</th></tr>
 *   <tr><td>rnnkit</td><td>{@code W [nIn, 3H]}</td><td>{@code RW [H, 3H]}</td>
 *       <td>{@code b, rb [1, 3H]}</td><td>r, z, n</td></tr>
 *   <tr><td>PyTorch {@code nn.GRU}</td><td>{@code weight_ih_l0 [3H, nIn]}</td>
 *       <td>{@code weight_hh_l0 [3H, H]}</td><td>{@code bias_ih_l0, bias_hh_l0 [3H]}</td>
 *       <td>r, z, n</td></tr>
 *   <tr><td>Keras {@code GRU(reset_after=True)}</td><td>{@code kernel [nIn, 3H]}</td>
 *       <td>{@code recurrent_kernel [H, 3H]}</td><td>{@code bias [2, 3H]} (input, recurrent)</td>
 *       <td>z, r, n</td></tr>
 * </table>
 *
 * A GRU layer has {@code 3H(nIn + H + 2)} parameters. Keras GRUs with {@code reset_after=False}
 * (the TF1 default) compute a different function and cannot be imported.
 */
public final class GruWeights {

    private GruWeights() {}

    /**
     * Converts PyTorch {@code nn.GRU} weights of one layer and direction.
     *
     * @param weightIh {@code weight_ih_l0 [3H, nIn]}
     * @param weightHh {@code weight_hh_l0 [3H, H]}
     * @param biasIh {@code bias_ih_l0 [3H]}
     * @param biasHh {@code bias_hh_l0 [3H]}
     * @return rnnkit's parameters by key ({@code W, RW, b, rb})
     * @throws IllegalArgumentException when the shapes do not fit together
     */
    public static Map<String, INDArray> fromPyTorch(
            INDArray weightIh, INDArray weightHh, INDArray biasIh, INDArray biasHh) {
        long h3 = weightHh.size(0);
        require(
                h3 % 3 == 0 && weightHh.rank() == 2 && weightHh.size(1) * 3 == h3,
                "weight_hh must be [3H, H]",
                weightHh);
        require(
                weightIh.rank() == 2 && weightIh.size(0) == h3,
                "weight_ih must be [3H, nIn]",
                weightIh);
        require(biasIh.length() == h3, "bias_ih must have 3H elements", biasIh);
        require(biasHh.length() == h3, "bias_hh must have 3H elements", biasHh);
        return params(
                weightIh.transpose(),
                weightHh.transpose(),
                biasIh.reshape(1, h3),
                biasHh.reshape(1, h3));
    }

    /**
     * Converts Keras {@code GRU(reset_after=True)} weights ({@code layer.get_weights()}).
     *
     * @param kernel {@code [nIn, 3H]}, gates z, r, n
     * @param recurrentKernel {@code [H, 3H]}
     * @param bias {@code [2, 3H]}: input bias, then recurrent bias
     * @return rnnkit's parameters by key ({@code W, RW, b, rb})
     * @throws IllegalArgumentException when the shapes do not fit together
     */
    public static Map<String, INDArray> fromKeras(
            INDArray kernel, INDArray recurrentKernel, INDArray bias) {
        long h3 = recurrentKernel.size(1);
        require(
                recurrentKernel.rank() == 2 && recurrentKernel.size(0) * 3 == h3,
                "recurrent_kernel must be [H, 3H]",
                recurrentKernel);
        require(kernel.rank() == 2 && kernel.size(1) == h3, "kernel must be [nIn, 3H]", kernel);
        require(
                bias.length() == 2 * h3,
                "bias must be [2, 3H] (reset_after=True); a [3H] bias means reset_after=False,"
                        + " which computes another function",
                bias);
        INDArray b = bias.reshape(2, h3);
        return params(
                zrnToRzn(kernel),
                zrnToRzn(recurrentKernel),
                zrnToRzn(b.getRow(0, true)),
                zrnToRzn(b.getRow(1, true)));
    }

    /**
     * Sets converted parameters on a GRU layer of a network ({@code net.getLayer(i)}), checking the
     * shapes.
     *
     * @param layer a layer built from a {@link GruLayer} configuration
     * @param params parameters from {@link #fromPyTorch} or {@link #fromKeras}
     * @throws IllegalArgumentException when the layer is not a GRU or a shape differs
     */
    public static void load(Layer layer, Map<String, INDArray> params) {
        if (!(layer.conf().getLayer() instanceof GruLayer)) {
            throw new IllegalArgumentException(
                    "expected a GruLayer, got "
                            + layer.conf().getLayer().getClass().getSimpleName());
        }
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray target = layer.getParam(e.getKey());
            if (target == null || !Arrays.equals(target.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(
                        "parameter "
                                + e.getKey()
                                + ": layer has shape "
                                + (target == null ? "none" : Arrays.toString(target.shape()))
                                + ", imported weights have "
                                + Arrays.toString(e.getValue().shape())
                                + " (check nIn and nOut)");
            }
        }
        params.forEach((k, v) -> layer.setParam(k, v.castTo(layer.getParam(k).dataType())));
    }

    private static Map<String, INDArray> params(INDArray w, INDArray rw, INDArray b, INDArray rb) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(FusedRecurrentLayer.WEIGHT_KEY, w.dup('c'));
        m.put(FusedRecurrentLayer.RECURRENT_WEIGHT_KEY, rw.dup('c'));
        m.put(FusedRecurrentLayer.BIAS_KEY, b.dup('c'));
        m.put(FusedRecurrentLayer.RECURRENT_BIAS_KEY, rb.dup('c'));
        return m;
    }

    /** Reorders column blocks {@code [z | r | n]} to {@code [r | z | n]}. */
    private static INDArray zrnToRzn(INDArray a) {
        long h = a.size(1) / 3;
        return Nd4j.hstack(
                a.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)),
                a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)),
                a.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h)));
    }

    private static void require(boolean ok, String what, INDArray got) {
        if (!ok) {
            throw new IllegalArgumentException(
                    what + ", got shape " + Arrays.toString(got.shape()));
        }
    }
}
