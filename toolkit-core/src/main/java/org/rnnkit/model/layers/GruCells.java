package org.rnnkit.model.layers;

/**
 * GRU gate arithmetic in the form of PyTorch, cuDNN and Keras {@code reset_after=True}: the reset
 * gate multiplies the recurrent product <em>after</em> the recurrent weights, and input and
 * recurrent biases are separate. Gate order reset {@code r}, update {@code z}, candidate {@code n}.
 *
 * <pre>
 * r = sigmoid(x W_r + b_r + h_(t-1) U_r + c_r)
 * z = sigmoid(x W_z + b_z + h_(t-1) U_z + c_z)
 * n = tanh(x W_n + b_n + r * (h_(t-1) U_n + c_n))
 * h_t = (1 - z) * n + z * h_(t-1)
 * </pre>
 *
 * Caches per step: {@code r, z, n} and {@code h_(t-1) U_n + c_n}.
 */
final class GruCells {

    private GruCells() {}

    /** Single precision with vectorizable approximations of tanh and sigmoid. */
    static final class F extends CellSlice {
        private float[][] cache;
        private Object[] gateBias;

        @Override
        void loadExtraState() {
            int cap = allocatedRows * r.hidden;
            if (gateBias == null || ((float[]) gateBias[0]).length < cap) {
                gateBias = new Object[] {new float[cap], new float[cap]};
            }
            for (int q = 0; q < 2; q++) {
                float[] sum = (float[]) gateBias[q];
                float[] b = (float[]) bias[q];
                float[] c = (float[]) recurrentBias[q];
                for (int e = 0; e < n; e++) {
                    sum[e] = b[e] + c[e];
                }
            }
        }

        F(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void allocateExtra() {
            cache = new float[4][Math.multiplyExact(allocatedSteps, allocatedRows * r.hidden)];
        }

        @Override
        void step(int t) {
            // see LstmCells.F#step
            float[] rg = (float[]) gx[0];
            float[] z = (float[]) gx[1];
            float[] cand = (float[]) gx[2];
            float[] rr0 = (float[]) rr[0];
            float[] rr1 = (float[]) rr[1];
            float[] hn = (float[]) rr[2];
            // r and z see the sum of both biases (precomputed: C2 leaves a sigmoid loop with four
            // loads scalar, its body too large to unroll)
            float[] bc0 = (float[]) gateBias[0];
            float[] bc1 = (float[]) gateBias[1];
            float[] b2 = (float[]) bias[2];
            float[] c2 = (float[]) recurrentBias[2];
            float[] hp = (float[]) hPrev;
            float[] h = (float[]) hNew;
            int n = this.active;
            // One store per loop: C2 (JDK 17) vectorizes no loop storing to two arrays.
            for (int e = 0; e < n; e++) {
                rg[e] = FastMath.sigmoid(rg[e] + rr0[e] + bc0[e]);
            }
            for (int e = 0; e < n; e++) {
                z[e] = FastMath.sigmoid(z[e] + rr1[e] + bc1[e]);
            }
            for (int e = 0; e < n; e++) {
                hn[e] = hn[e] + c2[e];
            }
            for (int e = 0; e < n; e++) {
                cand[e] = FastMath.tanh(cand[e] + b2[e] + rg[e] * hn[e]);
            }
            for (int e = 0; e < n; e++) {
                h[e] = (1f - z[e]) * cand[e] + z[e] * hp[e];
            }
            if (r.training) {
                int at = t * this.n;
                System.arraycopy(rg, 0, cache[0], at, n);
                System.arraycopy(z, 0, cache[1], at, n);
                System.arraycopy(cand, 0, cache[2], at, n);
                System.arraycopy(hn, 0, cache[3], at, n);
            }
        }

        @Override
        void backStep(int t) {
            int n = this.active;
            int at = t * this.n;
            float[] rg = (float[]) gx[0];
            float[] z = (float[]) gx[1];
            float[] cand = (float[]) gx[2];
            float[] hn = (float[]) rr[2];
            float[] hp = (float[]) hPrev;
            System.arraycopy(cache[0], at, rg, 0, n);
            System.arraycopy(cache[1], at, z, 0, n);
            System.arraycopy(cache[2], at, cand, 0, n);
            System.arraycopy(cache[3], at, hn, 0, n);
            System.arraycopy(states, at, hp, 0, n);
            float[] eps = (float[]) this.eps;
            float[] dh = (float[]) this.dh;
            float[] dhp = (float[]) this.dhp;
            float[] dhNext = (float[]) this.dhNext;
            float[] dx0 = (float[]) dgx[0];
            float[] dx1 = (float[]) dgx[1];
            float[] dx2 = (float[]) dgx[2];
            float[] dr2 = (float[]) dgr[2];
            float[] dht = dhNext;
            for (int e = 0; e < n; e++) {
                dht[e] = eps[e] + dh[e] + dhp[e];
            }
            for (int e = 0; e < n; e++) {
                dx2[e] = dht[e] * (1f - z[e]) * (1f - cand[e] * cand[e]);
            }
            for (int e = 0; e < n; e++) {
                dx0[e] = dx2[e] * hn[e] * rg[e] * (1f - rg[e]);
            }
            for (int e = 0; e < n; e++) {
                dx1[e] = dht[e] * (hp[e] - cand[e]) * z[e] * (1f - z[e]);
            }
            for (int e = 0; e < n; e++) {
                dr2[e] = dx2[e] * rg[e];
            }
            for (int e = 0; e < n; e++) {
                dht[e] = dht[e] * z[e];
            }
            System.arraycopy(dx0, 0, dgr[0], 0, n);
            System.arraycopy(dx1, 0, dgr[1], 0, n);
        }
    }

    /** Double precision with exact tanh and sigmoid (for gradient checks). */
    static final class D extends CellSlice {
        private double[][] cache;

        D(Recurrence r, int index) {
            super(r, index);
        }

        @Override
        void allocateExtra() {
            cache = new double[4][Math.multiplyExact(allocatedSteps, allocatedRows * r.hidden)];
        }

        @Override
        void step(int t) {
            double[] hp = (double[]) hPrev;
            double[] h = (double[]) hNew;
            int at = t * this.n;
            for (int e = 0; e < n; e++) {
                double rg =
                        FastMath.sigmoid(
                                ((double[]) gx[0])[e]
                                        + ((double[]) rr[0])[e]
                                        + ((double[]) bias[0])[e]
                                        + ((double[]) recurrentBias[0])[e]);
                double z =
                        FastMath.sigmoid(
                                ((double[]) gx[1])[e]
                                        + ((double[]) rr[1])[e]
                                        + ((double[]) bias[1])[e]
                                        + ((double[]) recurrentBias[1])[e]);
                double hn = ((double[]) rr[2])[e] + ((double[]) recurrentBias[2])[e];
                double cand = Math.tanh(((double[]) gx[2])[e] + ((double[]) bias[2])[e] + rg * hn);
                h[e] = (1 - z) * cand + z * hp[e];
                cache[0][at + e] = rg;
                cache[1][at + e] = z;
                cache[2][at + e] = cand;
                cache[3][at + e] = hn;
            }
        }

        @Override
        void backStep(int t) {
            int at = t * this.n;
            double[] hs = (double[]) states;
            double[] eps = (double[]) this.eps;
            double[] dh = (double[]) this.dh;
            double[] dhp = (double[]) this.dhp;
            double[] dhNext = (double[]) this.dhNext;
            for (int e = 0; e < n; e++) {
                double rg = cache[0][at + e];
                double z = cache[1][at + e];
                double cand = cache[2][at + e];
                double dht = eps[e] + dh[e] + dhp[e];
                double dn = dht * (1 - z) * (1 - cand * cand);
                double dr = dn * cache[3][at + e] * rg * (1 - rg);
                double dz = dht * (hs[at + e] - cand) * z * (1 - z);
                ((double[]) dgx[0])[e] = dr;
                ((double[]) dgx[1])[e] = dz;
                ((double[]) dgx[2])[e] = dn;
                ((double[]) dgr[0])[e] = dr;
                ((double[]) dgr[1])[e] = dz;
                ((double[]) dgr[2])[e] = dn * rg;
                dhNext[e] = dht * z;
            }
        }
    }
}
