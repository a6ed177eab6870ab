package org.rnnkit.model.layers;

/**
 * LSTM gate arithmetic, gate order as DL4J's {@code LSTM}: block input {@code z}, forget {@code f},
 * output {@code o}, input {@code i}.
 *
 * <pre>
 * a = x W + h_(t-1) U + b          (columns [z | f | o | i])
 * z = tanh(a_z), f = sigmoid(a_f), o = sigmoid(a_o), i = sigmoid(a_i)
 * c_t = f * c_(t-1) + i * z
 * h_t = o * tanh(c_t)
 * </pre>
 *
 * Caches per step: {@code z, f, o, i, tanh(c_t)} and the cell states.
 */
final class LstmCells {

    private LstmCells() {}

    /** Cell state, caches and carried cell gradient, for either precision. */
    abstract static class State extends CellSlice {
        /** Per step {@code z, f, o, i, tanh(c_t)}: {@code [5][T * n]}. */
        Object[] cache;

        /** Cell states, step-major {@code [T+1][n]}, slot 0 the initial state. */
        Object cells;

        /** The running cell state (and scratch in the backward pass). */
        Object c;

        Object tc;
        Object dc;
        Object dcNext;

        State(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void allocateExtra() {
            int cap = allocatedRows * r.hidden;
            Precision p = r.precision;
            cache = new Object[5];
            for (int q = 0; q < 5; q++) {
                cache[q] = p.allocate(Math.multiplyExact(allocatedSteps, cap));
            }
            cells = p.allocate(Math.multiplyExact(allocatedSteps + 1, cap));
            c = p.allocate(cap);
            tc = p.allocate(cap);
            dc = p.allocate(cap);
            dcNext = p.allocate(cap);
        }

        @Override
        void loadExtraState() {
            int h = r.hidden;
            for (int i = 0; i < rows; i++) {
                if (r.c0 != null) {
                    copyIn(r.c0, (long) orig(i) * h, cells, i * h, h);
                } else {
                    fill(cells, i * h, h);
                }
            }
            System.arraycopy(cells, 0, c, 0, n);
        }

        @Override
        void keepExtraTail(int t) {
            System.arraycopy(cells, t * n + active, cells, (t + 1) * n + active, n - active);
        }

        @Override
        void keepExtraRow(int i, int t) {
            int h = r.hidden;
            System.arraycopy(cells, t * n + i * h, c, i * h, h);
            System.arraycopy(cells, t * n + i * h, cells, (t + 1) * n + i * h, h);
        }

        @Override
        void saveExtraState(int i, int slot) {
            int h = r.hidden;
            copyOut(cells, slot * n + i * h, r.finalC, (long) orig(i) * h, h);
        }

        @Override
        void clearExtraGradients() {
            fill(dc, 0, n);
            fill(dcNext, 0, n);
        }

        @Override
        void passExtraGradientRow(int i) {
            int h = r.hidden;
            System.arraycopy(dc, i * h, dcNext, i * h, h);
        }

        @Override
        void swapExtraGradients() {
            Object s = dc;
            dc = dcNext;
            dcNext = s;
        }

        /** Keeps this step's gate activations, {@code tanh(c_t)} and {@code c_t}. */
        final void cacheStep(int t) {
            int at = t * n;
            if (r.training) {
                for (int q = 0; q < 4; q++) {
                    System.arraycopy(gx[q], 0, cache[q], at, active);
                }
                System.arraycopy(tc, 0, cache[4], at, active);
            }
            System.arraycopy(c, 0, cells, at + n, active);
        }
    }

    /** Single precision with vectorizable approximations of tanh and sigmoid. */
    static final class F extends State {
        F(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void step(int t) {
            float[] z = (float[]) gx[0];
            float[] f = (float[]) gx[1];
            float[] o = (float[]) gx[2];
            float[] in = (float[]) gx[3];
            float[] rz = (float[]) rr[0];
            float[] rf = (float[]) rr[1];
            float[] ro = (float[]) rr[2];
            float[] ri = (float[]) rr[3];
            float[] bz = (float[]) bias[0];
            float[] bf = (float[]) bias[1];
            float[] bo = (float[]) bias[2];
            float[] bi = (float[]) bias[3];
            float[] c = (float[]) this.c;
            float[] tc = (float[]) this.tc;
            float[] h = (float[]) hNew;
            int n = this.active;
            for (int e = 0; e < n; e++) {
                z[e] = FastMath.tanh(z[e] + rz[e] + bz[e]);
            }
            for (int e = 0; e < n; e++) {
                f[e] = FastMath.sigmoid(f[e] + rf[e] + bf[e]);
            }
            for (int e = 0; e < n; e++) {
                o[e] = FastMath.sigmoid(o[e] + ro[e] + bo[e]);
            }
            for (int e = 0; e < n; e++) {
                in[e] = FastMath.sigmoid(in[e] + ri[e] + bi[e]);
            }
            for (int e = 0; e < n; e++) {
                c[e] = f[e] * c[e] + in[e] * z[e];
            }
            for (int e = 0; e < n; e++) {
                tc[e] = FastMath.tanh(c[e]);
            }
            for (int e = 0; e < n; e++) {
                h[e] = o[e] * tc[e];
            }
            cacheStep(t);
        }

        @Override
        void backStep(int t) {
            int n = this.active;
            int at = t * this.n;
            float[] z = (float[]) gx[0];
            float[] f = (float[]) gx[1];
            float[] o = (float[]) gx[2];
            float[] in = (float[]) gx[3];
            float[] tc = (float[]) this.tc;
            float[] cp = (float[]) this.c;
            for (int q = 0; q < 4; q++) {
                System.arraycopy(cache[q], at, gx[q], 0, n);
            }
            System.arraycopy(cache[4], at, tc, 0, n);
            System.arraycopy(cells, at, cp, 0, n);
            float[] eps = (float[]) this.eps;
            float[] dh = (float[]) this.dh;
            float[] dhp = (float[]) this.dhp;
            float[] dhNext = (float[]) this.dhNext;
            float[] dz = (float[]) dgx[0];
            float[] df = (float[]) dgx[1];
            float[] dout = (float[]) dgx[2];
            float[] di = (float[]) dgx[3];
            float[] dc = (float[]) this.dc;
            float[] dcNext = (float[]) this.dcNext;
            // One store per loop: C2 (JDK 17) vectorizes no loop storing to two arrays.
            float[] dht = dhNext;
            for (int e = 0; e < n; e++) {
                dht[e] = eps[e] + dh[e] + dhp[e];
            }
            float[] dct = dcNext;
            for (int e = 0; e < n; e++) {
                dct[e] = dc[e] + dht[e] * o[e] * (1f - tc[e] * tc[e]);
            }
            for (int e = 0; e < n; e++) {
                dz[e] = dct[e] * in[e] * (1f - z[e] * z[e]);
            }
            for (int e = 0; e < n; e++) {
                df[e] = dct[e] * cp[e] * f[e] * (1f - f[e]);
            }
            for (int e = 0; e < n; e++) {
                dout[e] = dht[e] * tc[e] * o[e] * (1f - o[e]);
            }
            for (int e = 0; e < n; e++) {
                di[e] = dct[e] * z[e] * in[e] * (1f - in[e]);
            }
            for (int e = 0; e < n; e++) {
                dct[e] = dct[e] * f[e];
            }
            java.util.Arrays.fill(dhNext, 0, n, 0f);
        }
    }

    /** Double precision with exact tanh and sigmoid (for gradient checks). */
    static final class D extends State {
        D(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void step(int t) {
            // a[q] holds gate q's input projection and receives its activation: [z, f, o, i]
            double[][] a = doubles(gx, 4);
            double[][] ra = doubles(rr, 4);
            double[][] b = doubles(bias, 4);
            double[] c = (double[]) this.c;
            double[] tc = (double[]) this.tc;
            double[] h = (double[]) hNew;
            for (int e = 0; e < active; e++) {
                a[0][e] = Math.tanh(a[0][e] + ra[0][e] + b[0][e]);
                for (int q = 1; q < 4; q++) {
                    a[q][e] = FastMath.sigmoid(a[q][e] + ra[q][e] + b[q][e]);
                }
                c[e] = a[1][e] * c[e] + a[3][e] * a[0][e];
                tc[e] = Math.tanh(c[e]);
                h[e] = a[2][e] * tc[e];
            }
            cacheStep(t);
        }

        @Override
        void backStep(int t) {
            int n = this.active;
            int at = t * this.n;
            double[] eps = (double[]) this.eps;
            double[] dh = (double[]) this.dh;
            double[] dhp = (double[]) this.dhp;
            double[] dhNext = (double[]) this.dhNext;
            double[][] g = doubles(cache, 5);
            double[] cs = (double[]) cells;
            double[] dc = (double[]) this.dc;
            double[] dcNext = (double[]) this.dcNext;
            // d[q] receives the gradient of gate q's pre-activation: [z, f, o, i]
            double[][] d = doubles(dgx, 4);
            for (int e = 0; e < n; e++) {
                double z = g[0][at + e];
                double f = g[1][at + e];
                double o = g[2][at + e];
                double in = g[3][at + e];
                double tc = g[4][at + e];
                double dht = eps[e] + dh[e] + dhp[e];
                double dct = dc[e] + dht * o * (1 - tc * tc);
                d[0][e] = dct * in * (1 - z * z);
                d[1][e] = dct * cs[at + e] * f * (1 - f);
                d[2][e] = dht * tc * o * (1 - o);
                d[3][e] = dct * z * in * (1 - in);
                dcNext[e] = dct * f;
                dhNext[e] = 0;
            }
        }
    }
}
