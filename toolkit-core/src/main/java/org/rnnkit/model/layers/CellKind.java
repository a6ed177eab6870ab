package org.rnnkit.model.layers;

/** The recurrent cells rnnkit computes, with their gate count and gradient structure. */
enum CellKind {
    SIMPLE(1, false),
    LSTM(4, false),
    GRU(3, true);

    private final int gates;
    private final boolean separateRecurrentGradient;

    CellKind(int gates, boolean separateRecurrentGradient) {
        this.gates = gates;
        this.separateRecurrentGradient = separateRecurrentGradient;
    }

    int gates() {
        return gates;
    }

    /** Whether the recurrent product's gradient differs from the input projection's (GRU). */
    boolean separateRecurrentGradient() {
        return separateRecurrentGradient;
    }

    CellSlice newSlice(Recurrence r, int index) {
        boolean f = r.precision == Precision.FLOAT;
        return switch (this) {
            case SIMPLE -> f ? new SimpleRnnCells.F(r, index) : new SimpleRnnCells.D(r, index);
            case LSTM -> f ? new LstmCells.F(r, index) : new LstmCells.D(r, index);
            case GRU -> f ? new GruCells.F(r, index) : new GruCells.D(r, index);
        };
    }
}
