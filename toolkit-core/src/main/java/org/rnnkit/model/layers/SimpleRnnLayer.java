package org.rnnkit.model.layers;

import java.util.Locale;

/**
 * An Elman RNN layer, {@code h_t = act(x W + h_(t-1) U + b)}, computing exactly the function of
 * DL4J's {@code SimpleRnn} (without layer normalization). Parameters: {@code H(nIn + H + 1)}.
 */
public class SimpleRnnLayer extends FusedRecurrentLayer {

    /** Activations a simple RNN supports. */
    public enum Activation {
        /** {@code tanh}, the default. */
        TANH,
        /** {@code max(0, x)}. */
        RELU,
        /** No activation (a linear RNN). */
        IDENTITY
    }

    private Activation rnnActivation = Activation.TANH;

    /** For JSON deserialization. */
    protected SimpleRnnLayer() {}

    private SimpleRnnLayer(Builder builder) {
        super(builder);
        this.rnnActivation = builder.rnnActivation;
    }

    @Override
    CellSettings cell() {
        return CellSettings.simple(rnnActivation);
    }

    /**
     * Returns the activation.
     *
     * @return the activation
     */
    public Activation getRnnActivation() {
        return rnnActivation;
    }

    /**
     * Sets the activation (for JSON).
     *
     * @param rnnActivation the activation
     */
    public void setRnnActivation(Activation rnnActivation) {
        this.rnnActivation = rnnActivation;
    }

    @Override
    public SimpleRnnLayer clone() {
        return (SimpleRnnLayer) super.clone();
    }

    /** Builder of {@link SimpleRnnLayer}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        private Activation rnnActivation = Activation.TANH;

        /**
         * Sets the activation.
         *
         * @param activation tanh (default), relu or identity
         * @return this builder
         */
        public Builder rnnActivation(Activation activation) {
            this.rnnActivation = activation;
            return this;
        }

        /**
         * Sets the activation from DL4J's enum.
         *
         * @param activation {@code TANH}, {@code RELU} or {@code IDENTITY}
         * @return this builder
         * @throws IllegalArgumentException for other activations
         */
        @Override
        public Builder activation(org.nd4j.linalg.activations.Activation activation) {
            try {
                this.rnnActivation = Activation.valueOf(activation.name().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "SimpleRnnLayer supports TANH, RELU and IDENTITY, received: " + activation);
            }
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SimpleRnnLayer build() {
            return new SimpleRnnLayer(this);
        }
    }
}
