package org.rnnkit.model.layers;

/**
 * Elman RNN arithmetic: {@code h_t = act(x W + h_(t-1) U + b)}, as DL4J's {@code SimpleRnn}. The
 * derivative of the activation is computed from {@code h_t}, so no cache is needed.
 */
final class SimpleRnnCells {

    private SimpleRnnCells() {}

    /** Single precision. */
    static final class F extends CellSlice {
        F(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void step(int t) {
            float[] a = (float[]) gx[0];
            float[] rec = (float[]) rr[0];
            float[] b = (float[]) bias[0];
            float[] h = (float[]) hNew;
            int n = this.active;
            switch (r.activation) {
                case TANH -> {
                    for (int e = 0; e < n; e++) {
                        h[e] = FastMath.tanh(a[e] + rec[e] + b[e]);
                    }
                }
                case RELU -> {
                    for (int e = 0; e < n; e++) {
                        h[e] = Math.max(0f, a[e] + rec[e] + b[e]);
                    }
                }
                case IDENTITY -> {
                    for (int e = 0; e < n; e++) {
                        h[e] = a[e] + rec[e] + b[e];
                    }
                }
            }
        }

        @Override
        void backStep(int t) {
            int n = this.active;
            float[] y = (float[]) hNew;
            System.arraycopy(states, (t + 1) * this.n, y, 0, n);
            float[] eps = (float[]) this.eps;
            float[] dh = (float[]) this.dh;
            float[] dhp = (float[]) this.dhp;
            float[] dhNext = (float[]) this.dhNext;
            float[] da = (float[]) dgx[0];
            switch (r.activation) {
                case TANH -> {
                    for (int e = 0; e < n; e++) {
                        da[e] = (eps[e] + dh[e] + dhp[e]) * (1f - y[e] * y[e]);
                    }
                }
                case RELU -> {
                    for (int e = 0; e < n; e++) {
                        da[e] = y[e] > 0f ? eps[e] + dh[e] + dhp[e] : 0f;
                    }
                }
                case IDENTITY -> {
                    for (int e = 0; e < n; e++) {
                        da[e] = eps[e] + dh[e] + dhp[e];
                    }
                }
            }
            java.util.Arrays.fill(dhNext, 0, n, 0f);
        }
    }

    /** Double precision with exact tanh (for gradient checks). */
    static final class D extends CellSlice {
        D(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void step(int t) {
            double[] h = (double[]) hNew;
            for (int e = 0; e < active; e++) {
                double a = ((double[]) gx[0])[e] + ((double[]) rr[0])[e] + ((double[]) bias[0])[e];
                h[e] =
                        switch (r.activation) {
                            case TANH -> Math.tanh(a);
                            case RELU -> Math.max(0.0, a);
                            case IDENTITY -> a;
                        };
            }
        }

        @Override
        void backStep(int t) {
            double[] hs = (double[]) states;
            int at = (t + 1) * n;
            for (int e = 0; e < active; e++) {
                double dht = ((double[]) eps)[e] + ((double[]) dh)[e] + ((double[]) dhp)[e];
                double y = hs[at + e];
                ((double[]) dgx[0])[e] =
                        switch (r.activation) {
                            case TANH -> dht * (1 - y * y);
                            case RELU -> y > 0 ? dht : 0;
                            case IDENTITY -> dht;
                        };
                ((double[]) dhNext)[e] = 0;
            }
        }
    }
}
