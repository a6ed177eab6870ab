package org.rnnkit.exercises;

/** The three recurrent cells the exercises compare, with the names the course tables use. */
public enum RecurrentCell {
    /** The Elman RNN, {@code h_t = tanh(x_t W + h_(t-1) U + b)}. */
    SIMPLE_RNN("SimpleRnn"),
    /** The LSTM (Hochreiter and Schmidhuber 1997), forget-gate bias 1.0 as in DL4J. */
    LSTM("LSTM"),
    /** The GRU (Cho et al. 2014), in the PyTorch/cuDNN form of rnnkit's {@code GruLayer}. */
    GRU("GRU");

    private final String label;

    RecurrentCell(String label) {
        this.label = label;
    }

    /**
     * The name shown in tables and plots.
     *
     * @return e.g. {@code "SimpleRnn"}
     */
    public String label() {
        return label;
    }
}
