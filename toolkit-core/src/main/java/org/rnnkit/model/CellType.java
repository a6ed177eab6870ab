package org.rnnkit.model;

import java.util.Arrays;
import java.util.Locale;

/** The recurrent cell of a layer. */
public enum CellType {
    /**
     * Elman RNN: {@code h_t = tanh(W x_t + U h_(t-1) + b)}, as DL4J's {@code SimpleRnn}; built as
     * {@link org.rnnkit.model.layers.SimpleRnnLayer}.
     */
    SIMPLE("rnn"),
    /**
     * Long short-term memory (Hochreiter and Schmidhuber 1997), as DL4J's {@code LSTM} (no
     * peepholes); built as {@link org.rnnkit.model.layers.LstmLayer}.
     */
    LSTM("lstm"),
    /**
     * Gated recurrent unit (Cho et al. 2014) in the PyTorch/cuDNN form; built as {@link
     * org.rnnkit.model.layers.GruLayer}.
     */
    GRU("gru");

    private final String cliName;

    CellType(String cliName) {
        this.cliName = cliName;
    }

    /**
     * Returns the command-line name.
     *
     * @return {@code rnn}, {@code lstm} or {@code gru}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line or enum name, case-insensitive.
     *
     * @param name {@code rnn}/{@code simple}, {@code lstm} or {@code gru}
     * @return the cell type
     * @throws IllegalArgumentException for any other name
     */
    public static CellType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (CellType c : values()) {
            if (c.cliName.equals(n) || c.name().toLowerCase(Locale.ROOT).equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "cell must be one of "
                        + Arrays.stream(values()).map(CellType::cliName).toList()
                        + ", received: cell="
                        + name);
    }
}
