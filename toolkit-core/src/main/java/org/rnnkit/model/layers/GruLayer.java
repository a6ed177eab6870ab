package org.rnnkit.model.layers;

/**
 * A GRU layer, the cell DL4J lacks, in the form of PyTorch, cuDNN and Keras {@code
 * reset_after=True} (see {@link GruWeights} to import trained weights):
 *
 * <pre>
 * r = sigmoid(x W_r + b_r + h U_r + c_r)
 * z = sigmoid(x W_z + b_z + h U_z + c_z)
 * n = tanh(x W_n + b_n + r * (h U_n + c_n))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * Gate order in the parameters: {@code [r, z, n]}; input bias {@code b} and recurrent bias {@code
 * rb} are separate. Parameters: {@code 3H(nIn + H + 2)}.
 */
public class GruLayer extends FusedRecurrentLayer {

    /** For JSON deserialization. */
    protected GruLayer() {}

    private GruLayer(Builder builder) {
        super(builder);
    }

    @Override
    CellSettings cell() {
        return CellSettings.GRU;
    }

    @Override
    public GruLayer clone() {
        return (GruLayer) super.clone();
    }

    /** Builder of {@link GruLayer}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public GruLayer build() {
            return new GruLayer(this);
        }
    }
}
