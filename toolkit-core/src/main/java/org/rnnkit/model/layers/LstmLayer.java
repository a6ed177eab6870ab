package org.rnnkit.model.layers;

/**
 * An LSTM layer computing exactly the function of DL4J's {@code LSTM} (sigmoid gates, tanh
 * activations, no peepholes, gate order {@code [block input, forget, output, input]}), several
 * times faster. Parameters: {@code 4H(nIn + H + 1)}; the forget-gate bias starts at {@link
 * Builder#forgetGateBiasInit(double)} (default 1.0, as DL4J).
 *
 * <pre>{@code
 * new LstmLayer.Builder().nIn(128).nOut(256).build()
 * }</pre>
 */
public class LstmLayer extends FusedRecurrentLayer {

    private double forgetGateBiasInit = 1.0;

    /** For JSON deserialization. */
    protected LstmLayer() {}

    private LstmLayer(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    @Override
    CellSettings cell() {
        return CellSettings.lstm(forgetGateBiasInit);
    }

    /**
     * Returns the initial forget-gate bias.
     *
     * @return the value
     */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    /**
     * Sets the initial forget-gate bias (for JSON).
     *
     * @param forgetGateBiasInit the value
     */
    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public LstmLayer clone() {
        return (LstmLayer) super.clone();
    }

    /** Builder of {@link LstmLayer}. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        private double forgetGateBiasInit = 1.0;

        /**
         * Sets the initial forget-gate bias.
         *
         * @param value the value (default 1.0)
         * @return this builder
         */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LstmLayer build() {
            return new LstmLayer(this);
        }
    }
}
