package org.rnnkit.model.layers;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;

/**
 * One thread's share of a recurrent layer's batch: rows {@code [from, from + rows)} carried through
 * every time step, forward and backward.
 *
 * <p>Per time step this does one small GEMM (the recurrent product {@code h_(t-1) U}), bulk copies
 * between native memory and Java arrays, and the gate arithmetic in plain Java loops. The input
 * projection {@code X W} of all steps, the input gradient {@code dG W^T} and the weight gradients
 * are single large GEMMs outside the time loop. Masked steps leave the state unchanged, output zero
 * and receive no gradient. When every sequence is a prefix of real steps followed by padding (the
 * usual right padding), the rows are ordered by length and steps past a sequence's end cost
 * nothing: the recurrent GEMM and the gate arithmetic run over the rows still real at each step.
 *
 * <p>Layout for the JIT: every per-step quantity is its own Java array of {@code n = rows * H}
 * elements (one per gate, structure of arrays), and every loop of the gate arithmetic indexes all
 * of its arrays with the same index. HotSpot's C2 (JDK 17) vectorizes such loops with AVX; loops
 * mixing offsets into different arrays stay scalar, about seven times slower. Values kept for
 * backpropagation are copied into step-major caches ({@code [T][n]}) with {@code System.arraycopy}.
 *
 * <p>Java arrays are {@code float[]} or {@code double[]} according to the {@link Precision}; the
 * subclasses hold the gate arithmetic of one cell in one precision.
 */
abstract class CellSlice {

    final Recurrence r;
    final int index;
    int from;
    int rows;

    /** {@code rows * H}: the length of every per-step array. */
    int n;

    /**
     * Elements of the per-step arrays that belong to rows real at this step (a prefix); the gate
     * arithmetic runs over these only.
     */
    int active;

    /** Input projection of this step per gate. */
    Object[] gx;

    /** Recurrent product of this step per gate. */
    Object[] rr;

    /** Input bias per gate, repeated for each row. */
    Object[] bias;

    /** Recurrent bias per gate, repeated for each row (GRU), else {@code null}. */
    Object[] recurrentBias;

    /** The state before this step. */
    Object hPrev;

    /** The state after this step (written by {@link #step}). */
    Object hNew;

    /** All states, step-major: {@code [T+1][n]}, slot 0 the initial state. */
    Object states;

    /** Output gradient of this step. */
    Object eps;

    /** Gradient reaching the state other than through the recurrent GEMM. */
    Object dh;

    /** The next {@link #dh} (written by {@link #backStep}). */
    Object dhNext;

    /** Gradient reaching the state through the recurrent GEMM. */
    Object dhp;

    /** Gradient of the input projection of this step per gate. */
    Object[] dgx;

    /** Gradient of the recurrent product per gate ({@link #dgx} unless the cell differs). */
    Object[] dgr;

    /** Running sums of {@link #dgx} and {@link #dgr}: the bias gradients once rows are summed. */
    Object[] dbSum;

    Object[] drbSum;

    int allocatedRows;
    int allocatedSteps;

    private Object rowsScratch;
    private Object rowScratch;

    private NativeArray rNative;
    private NativeArray dhpNative;
    private NativeArray partialW;
    private NativeArray partialRw;

    CellSlice(Recurrence r, int index) {
        this.r = r;
        this.index = index;
    }

    /**
     * Computes {@link #hNew} (and caches for step {@code t}) from {@link #gx}, {@link #rr}, the
     * biases and {@link #hPrev}, for all rows; masked rows are restored afterwards.
     *
     * @param t the time step
     */
    abstract void step(int t);

    /**
     * Computes {@link #dgx}, {@link #dgr} and {@link #dhNext} of step {@code t} from {@link #eps},
     * {@link #dh}, {@link #dhp} and the caches, for all rows; masked rows are fixed afterwards.
     *
     * @param t the time step
     */
    abstract void backStep(int t);

    /** Allocates cell-specific arrays for {@link #allocatedRows} and {@link #allocatedSteps}. */
    void allocateExtra() {}

    /** Loads cell-specific initial state (the LSTM cell state). */
    void loadExtraState() {}

    /**
     * Undoes step {@code t} for a masked row in cell-specific state.
     *
     * @param i the row
     * @param t the step
     */
    void keepExtraRow(int i, int t) {}

    /**
     * Passes cell-specific carried gradient through a masked row.
     *
     * @param i the row
     */
    void passExtraGradientRow(int i) {}

    /** Swaps cell-specific carried-gradient buffers after a backward step. */
    void swapExtraGradients() {}

    /** Clears cell-specific carried gradients before a backward pass. */
    void clearExtraGradients() {}

    /**
     * Keeps cell-specific state of the rows past {@link #active} unchanged through step {@code t}.
     *
     * @param t the step
     */
    void keepExtraTail(int t) {}

    /**
     * Writes cell-specific final state of row {@code i} to the recurrence.
     *
     * @param i the row
     * @param slot the state slot holding the final state
     */
    void saveExtraState(int i, int slot) {}

    final void assign(int from, int rows) {
        this.from = from;
        this.rows = rows;
        this.n = rows * r.hidden;
        if (rows > allocatedRows || r.steps > allocatedSteps) {
            allocatedRows = Math.max(rows, allocatedRows);
            allocatedSteps = Math.max(r.steps, allocatedSteps);
            int cap = allocatedRows * r.hidden;
            int g = r.kind.gates();
            Precision p = r.precision;
            gx = arrays(p, g, cap);
            rr = arrays(p, g, cap);
            bias = arrays(p, g, cap);
            recurrentBias = r.kind == CellKind.GRU ? arrays(p, g, cap) : null;
            hPrev = p.allocate(cap);
            hNew = p.allocate(cap);
            states = p.allocate(Math.multiplyExact(allocatedSteps + 1, cap));
            eps = p.allocate(cap);
            dh = p.allocate(cap);
            dhNext = p.allocate(cap);
            dhp = p.allocate(cap);
            dgx = arrays(p, g, cap);
            dgr = r.separateRecurrentGradient ? arrays(p, g, cap) : dgx;
            dbSum = arrays(p, g, cap);
            drbSum = r.separateRecurrentGradient ? arrays(p, g, cap) : null;
            rNative = r.scratch(allocatedRows * r.gateWidth);
            rowsScratch = p.allocate(allocatedRows * r.gateWidth);
            rowScratch = p.allocate(r.gateWidth);
            dhpNative = r.scratch(cap);
            allocateExtra();
        }
    }

    private static Object[] arrays(Precision p, int count, int length) {
        Object[] a = new Object[count];
        for (int i = 0; i < count; i++) {
            a[i] = p.allocate(length);
        }
        return a;
    }

    /** Original batch row of slice row {@code i}. */
    final int orig(int i) {
        return r.order[from + i];
    }

    /** Number of real steps of slice row {@code i}. */
    final int length(int i) {
        return r.lengths[from + i];
    }

    /**
     * Rows of the slice that are real at step {@code t}: in length order a prefix; with irregular
     * masks all rows (masked ones are undone after the step).
     */
    private int activeRowCount(int t) {
        if (!r.sortedByLength) {
            return rows;
        }
        int m = rows;
        while (m > 0 && length(m - 1) <= t) {
            m--;
        }
        return m;
    }

    private boolean irregularMasked(int i, int t) {
        return !r.sortedByLength && r.mask != null && !r.mask[orig(i) * r.steps + t];
    }

    /** Runs the forward pass of this slice. */
    final void forward() {
        Precision p = r.precision;
        int steps = r.steps;
        int h = r.hidden;
        int gh = r.gateWidth;
        int gates = r.kind.gates();
        int nIn = r.inputSize;
        int slots = steps + 1;
        int size = r.precision == Precision.FLOAT ? Float.BYTES : Double.BYTES;
        for (int i = 0; i < rows; i++) {
            // this slice's rows of the input, in internal order with a zero row after the last
            // step (so the weight gradients below are single GEMMs over all rows)
            long own = (long) (from + i) * slots * nIn;
            Pointer.memcpy(
                    r.xs.pointer(own),
                    r.x.pointer((long) orig(i) * steps * nIn),
                    (long) steps * nIn * size);
            Pointer.memset(r.xs.pointer(own + (long) steps * nIn), 0, (long) nIn * size);
            if (length(i) > 0) {
                p.gemm(
                        false,
                        false,
                        length(i),
                        gh,
                        nIn,
                        r.xs,
                        own,
                        nIn,
                        r.w,
                        0,
                        gh,
                        0,
                        r.gx,
                        (long) (from + i) * steps * gh,
                        gh);
            }
        }
        for (int q = 0; q < gates; q++) {
            broadcast(r.bias, q * h, bias[q], rows, h);
            if (recurrentBias != null) {
                broadcast(r.recurrentBias, q * h, recurrentBias[q], rows, h);
            }
        }
        for (int i = 0; i < rows; i++) {
            if (r.h0 != null) {
                copyIn(r.h0, (long) orig(i) * h, states, i * h, h);
            } else {
                fill(states, i * h, h);
            }
            copyOut(states, i * h, r.hs, (long) (from + i) * slots * h, h);
        }
        loadExtraState();
        for (int t = 0; t < steps; t++) {
            int m = activeRowCount(t);
            active = m * h;
            if (m > 0) {
                p.gemm(
                        false,
                        false,
                        m,
                        gh,
                        h,
                        r.hs,
                        ((long) from * slots + t) * h,
                        slots * h,
                        r.rw,
                        0,
                        gh,
                        0,
                        rNative,
                        0,
                        gh);
            }
            // one native copy per row (and one for the recurrent product), then split by gate on
            // the heap: native bulk copies carry a fixed cost that heap arraycopy does not
            if (m > 0) {
                copyIn(rNative, 0, rowsScratch, 0, m * gh);
            }
            for (int i = 0; i < m; i++) {
                copyIn(r.gx, ((long) (from + i) * steps + t) * gh, rowScratch, 0, gh);
                for (int q = 0; q < gates; q++) {
                    System.arraycopy(rowsScratch, i * gh + q * h, rr[q], i * h, h);
                    System.arraycopy(rowScratch, q * h, gx[q], i * h, h);
                }
            }
            System.arraycopy(states, t * n, hPrev, 0, n);
            if (m > 0) {
                step(t);
            }
            if (active < n) {
                System.arraycopy(hPrev, active, hNew, active, n - active);
                keepExtraTail(t);
            }
            for (int i = 0; i < m; i++) {
                if (irregularMasked(i, t)) {
                    System.arraycopy(hPrev, i * h, hNew, i * h, h);
                    keepExtraRow(i, t);
                }
            }
            System.arraycopy(hNew, 0, states, (t + 1) * n, n);
            for (int i = 0; i < m; i++) {
                copyOut(hNew, i * h, r.hs, ((long) (from + i) * slots + t + 1) * h, h);
            }
        }
        for (int i = 0; i < rows; i++) {
            long dst = (long) orig(i) * steps * h;
            int len = length(i);
            if (len < steps) {
                // states past the end were never written; the weight gradient GEMM reads them
                Pointer.memset(
                        r.hs.pointer(((long) (from + i) * slots + len + 1) * h),
                        0,
                        (long) (steps - len) * h * size);
            }
            if (len > 0) {
                Pointer.memcpy(
                        r.y.pointer(dst),
                        r.hs.pointer(((long) (from + i) * slots + 1) * h),
                        (long) len * h * size);
            }
            if (len < steps) {
                Pointer.memset(
                        r.y.pointer(dst + (long) len * h), 0, (long) (steps - len) * h * size);
            }
            for (int t = 0; t < len; t++) {
                if (irregularMasked(i, t)) {
                    Pointer.memset(r.y.pointer(dst + (long) t * h), 0, (long) h * size);
                }
            }
            if (r.finalH != null) {
                copyOut(states, steps * n + i * h, r.finalH, (long) orig(i) * h, h);
                saveExtraState(i, steps);
            }
        }
    }

    /**
     * Runs backpropagation through time for this slice.
     *
     * @param stop the earliest step that receives gradient (0 for full BPTT)
     */
    final void backward(int stop) {
        Precision p = r.precision;
        int steps = r.steps;
        int h = r.hidden;
        int gh = r.gateWidth;
        int gates = r.kind.gates();
        int nIn = r.inputSize;
        int slots = steps + 1;
        fill(dh, 0, n);
        fill(dhNext, 0, n);
        fill(dhp, 0, n);
        for (int q = 0; q < gates; q++) {
            fill(dbSum[q], 0, n);
            if (drbSum != null) {
                fill(drbSum[q], 0, n);
            }
        }
        clearExtraGradients();
        for (int t = steps - 1; t >= stop; t--) {
            int m = activeRowCount(t);
            active = m * h;
            if (m == 0) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                copyIn(r.eps, ((long) orig(i) * steps + t) * h, eps, i * h, h);
            }
            backStep(t);
            for (int i = 0; i < m; i++) {
                if (irregularMasked(i, t)) {
                    for (int q = 0; q < gates; q++) {
                        fill(dgx[q], i * h, h);
                        fill(dgr[q], i * h, h);
                    }
                    addRows(dh, dhp, dhNext, i * h, h);
                    passExtraGradientRow(i);
                }
            }
            Object swap = dh;
            dh = dhNext;
            dhNext = swap;
            swapExtraGradients();
            for (int q = 0; q < gates; q++) {
                accumulate(dbSum[q], dgx[q], active);
                if (drbSum != null) {
                    accumulate(drbSum[q], dgr[q], active);
                }
            }
            for (int i = 0; i < m; i++) {
                long row = ((long) (from + i) * slots + t) * gh;
                for (int q = 0; q < gates; q++) {
                    copyOut(dgx[q], i * h, r.dgx, row + q * h, h);
                    if (r.separateRecurrentGradient) {
                        copyOut(dgr[q], i * h, r.dgr, row + q * h, h);
                    }
                }
            }
            if (t > stop) {
                p.gemm(
                        false,
                        true,
                        m,
                        h,
                        gh,
                        r.dgr,
                        ((long) from * slots + t) * gh,
                        slots * gh,
                        r.rw,
                        0,
                        gh,
                        0,
                        dhpNative,
                        0,
                        h);
                copyIn(dhpNative, 0, dhp, 0, active);
            }
        }
        int size = r.precision == Precision.FLOAT ? Float.BYTES : Double.BYTES;
        for (int i = 0; i < rows; i++) {
            // rows that received no gradient (before the truncation point, past the end, the
            // extra slot) must be zero for the GEMMs over all rows below
            int len = length(i);
            long own = (long) (from + i) * slots * gh;
            int first = Math.min(stop, len);
            for (NativeArray d :
                    r.separateRecurrentGradient
                            ? new NativeArray[] {r.dgx, r.dgr}
                            : new NativeArray[] {r.dgx}) {
                if (first > 0) {
                    Pointer.memset(d.pointer(own), 0, (long) first * gh * size);
                }
                Pointer.memset(
                        d.pointer(own + (long) len * gh), 0, (long) (slots - len) * gh * size);
            }
        }
        long first = (long) from * slots;
        int count = rows * slots;
        p.gemm(
                false,
                true,
                count,
                nIn,
                gh,
                r.dgx,
                first * gh,
                gh,
                r.w,
                0,
                gh,
                0,
                r.dxs,
                first * nIn,
                nIn);
        for (int i = 0; i < rows; i++) {
            Pointer.memcpy(
                    r.dx.pointer((long) orig(i) * steps * nIn),
                    r.dxs.pointer((long) (from + i) * slots * nIn),
                    (long) steps * nIn * size);
        }
        NativeArray wGrad = index == 0 ? r.wGrad : partialW();
        NativeArray rwGrad = index == 0 ? r.rwGrad : partialRw();
        p.gemm(
                true,
                false,
                nIn,
                gh,
                count,
                r.xs,
                first * nIn,
                nIn,
                r.dgx,
                first * gh,
                gh,
                0,
                wGrad,
                0,
                gh);
        p.gemm(
                true,
                false,
                h,
                gh,
                count,
                r.hs,
                first * h,
                h,
                r.dgr,
                first * gh,
                gh,
                0,
                rwGrad,
                0,
                gh);
    }

    /**
     * Adds this slice's bias gradients (summed over rows) into {@code db} and {@code drb}.
     *
     * @param db {@code [G*H]} accumulator of the input bias gradient
     * @param drb {@code [G*H]} accumulator of the recurrent bias gradient, or {@code null}
     */
    final void addBiasGradients(double[] db, double[] drb) {
        int h = r.hidden;
        for (int q = 0; q < r.kind.gates(); q++) {
            sumRows(dbSum[q], db, q * h);
            if (drb != null) {
                sumRows(drbSum != null ? drbSum[q] : dbSum[q], drb, q * h);
            }
        }
    }

    private void sumRows(Object src, double[] dst, int offset) {
        int h = r.hidden;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < h; j++) {
                dst[offset + j] +=
                        src instanceof float[] f ? f[i * h + j] : ((double[]) src)[i * h + j];
            }
        }
    }

    NativeArray partialW() {
        if (partialW == null) {
            partialW = r.scratch(r.inputSize * r.gateWidth);
        }
        return partialW;
    }

    NativeArray partialRw() {
        if (partialRw == null) {
            partialRw = r.scratch(r.hidden * r.gateWidth);
        }
        return partialRw;
    }

    static void copyIn(NativeArray src, long offset, Object dst, int dstOffset, int length) {
        if (dst instanceof float[] f) {
            src.get(offset, f, dstOffset, length);
        } else {
            src.get(offset, (double[]) dst, dstOffset, length);
        }
    }

    static void copyOut(Object src, int srcOffset, NativeArray dst, long offset, int length) {
        if (src instanceof float[] f) {
            dst.put(offset, f, srcOffset, length);
        } else {
            dst.put(offset, (double[]) src, srcOffset, length);
        }
    }

    /**
     * Views the first {@code count} arrays of a double-precision slice as {@code double[]}, so the
     * double-precision cells index gates as {@code a[gate][element]}.
     */
    static double[][] doubles(Object[] arrays, int count) {
        double[][] typed = new double[count][];
        for (int q = 0; q < count; q++) {
            typed[q] = (double[]) arrays[q];
        }
        return typed;
    }

    static void fill(Object a, int from, int length) {
        if (a instanceof float[] f) {
            Arrays.fill(f, from, from + length, 0f);
        } else {
            Arrays.fill((double[]) a, from, from + length, 0.0);
        }
    }

    private static void broadcast(Object row, int offset, Object dst, int rows, int length) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(row, offset, dst, i * length, length);
        }
    }

    private static void accumulate(Object acc, Object x, int length) {
        if (acc instanceof float[] a) {
            float[] b = (float[]) x;
            for (int e = 0; e < length; e++) {
                a[e] += b[e];
            }
        } else {
            double[] a = (double[]) acc;
            double[] b = (double[]) x;
            for (int e = 0; e < length; e++) {
                a[e] += b[e];
            }
        }
    }

    private static void addRows(Object a, Object b, Object dst, int offset, int length) {
        if (a instanceof float[] fa) {
            float[] fb = (float[]) b;
            float[] fd = (float[]) dst;
            for (int j = offset; j < offset + length; j++) {
                fd[j] = fa[j] + fb[j];
            }
        } else {
            double[] da = (double[]) a;
            double[] db = (double[]) b;
            double[] dd = (double[]) dst;
            for (int j = offset; j < offset + length; j++) {
                dd[j] = da[j] + db[j];
            }
        }
    }
}
