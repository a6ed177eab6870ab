package org.rnnkit.model.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The computation of one recurrent layer over a batch, on batch-major native buffers ({@code [B, T,
 * features]}, C order) that it keeps between calls and grows as needed. One instance belongs to one
 * layer; it is not thread-safe (DL4J layers are not either), but splits each call over {@link
 * SliceRunner} threads by batch rows.
 */
final class Recurrence {

    final CellKind kind;
    final SimpleRnnLayer.Activation activation;

    Precision precision;
    int batch;
    int steps;
    int inputSize;
    int hidden;
    int gateWidth;
    boolean separateRecurrentGradient;

    /** {@code mask[b * T + t]}: whether step t of sequence b is real; {@code null}: all are. */
    boolean[] mask;

    /**
     * Whether every sequence is its real steps followed by padding; the internal row order is then
     * by decreasing length and each step only computes rows still real.
     */
    boolean sortedByLength;

    /** Original batch row of each internal row. */
    int[] order;

    /** Real steps of each internal row ({@code T} with irregular masks). */
    int[] lengths;

    NativeArray x;

    /** The input in internal row order, {@code [B, T+1, nIn]} with a zero last slot. */
    NativeArray xs;

    /** Input gradient in internal row order, {@code [B, T+1, nIn]}. */
    NativeArray dxs;

    NativeArray w;
    NativeArray rw;
    NativeArray gx;
    NativeArray hs;
    NativeArray y;
    NativeArray h0;
    NativeArray c0;
    NativeArray finalH;
    NativeArray finalC;
    NativeArray eps;
    NativeArray dgx;
    NativeArray dgr;
    NativeArray dx;
    NativeArray wGrad;
    NativeArray rwGrad;

    /** Whether the forward pass keeps what backpropagation needs. */
    boolean training = true;

    /** Input bias {@code [G*H]} as a Java array. */
    Object bias;

    /** Recurrent bias {@code [G*H]} (GRU), or {@code null}. */
    Object recurrentBias;

    private CellSlice[] slices = new CellSlice[0];
    private int sliceCount;
    private final Staging xStaging = new Staging();
    private INDArray xsBuffer;
    private INDArray dxsBuffer;
    private INDArray gxBuffer;
    private INDArray hsBuffer;
    private final Staging epsStaging = new Staging();
    private INDArray dgxBuffer;
    private INDArray dgrBuffer;
    private boolean forwardDone;

    Recurrence(CellKind kind, SimpleRnnLayer.Activation activation) {
        this.kind = kind;
        this.activation = activation;
    }

    /**
     * Runs the layer forward.
     *
     * @param input {@code [B, T, nIn]} in any layout
     * @param maskArray {@code [B, T]} with 0 at padded steps, or {@code null}
     * @param weights {@code W [nIn, G*H]}
     * @param recurrentWeights {@code U [H, G*H]}
     * @param b the input bias {@code [1, G*H]}
     * @param rb the recurrent bias {@code [1, G*H]} (GRU) or {@code null}
     * @param initialH {@code [B, H]} or {@code null} for zeros
     * @param initialC {@code [B, H]} (LSTM) or {@code null} for zeros
     * @param output {@code [B, T, H]} C order, receives the outputs (zero at padded steps)
     * @param keepState whether to record the final states ({@link #finalH()}, {@link #finalC()})
     */
    void forward(
            INDArray input,
            INDArray maskArray,
            INDArray weights,
            INDArray recurrentWeights,
            INDArray b,
            INDArray rb,
            INDArray initialH,
            INDArray initialC,
            INDArray output,
            boolean keepState) {
        Precision p = Precision.of(weights.dataType());
        batch = (int) input.size(0);
        steps = (int) input.size(1);
        inputSize = (int) input.size(2);
        hidden = (int) recurrentWeights.size(0);
        gateWidth = kind.gates() * hidden;
        separateRecurrentGradient = kind.separateRecurrentGradient();
        if (p != precision) {
            precision = p;
            slices = new CellSlice[0];
        }
        DataType type = weights.dataType();
        x = xStaging.read(input, type, batch, steps, inputSize);
        xsBuffer = ensure(xsBuffer, (long) batch * (steps + 1) * inputSize, type);
        xs = NativeArray.of(xsBuffer);
        gxBuffer = ensure(gxBuffer, (long) batch * steps * gateWidth, type);
        gx = NativeArray.of(gxBuffer);
        hsBuffer = ensure(hsBuffer, (long) batch * (steps + 1) * hidden, type);
        hs = NativeArray.of(hsBuffer);
        w = NativeArray.of(weights);
        rw = NativeArray.of(recurrentWeights);
        y = NativeArray.of(output);
        bias = toJava(b, p);
        recurrentBias = rb == null ? null : toJava(rb, p);
        mask = toMask(maskArray, batch, steps);
        orderRows();
        h0 = initialH == null ? null : NativeArray.of(contiguous(initialH, type));
        c0 = initialC == null ? null : NativeArray.of(contiguous(initialC, type));
        finalH =
                keepState
                        ? NativeArray.of(Nd4j.createUninitializedDetached(type, batch, hidden))
                        : null;
        finalC =
                keepState && kind == CellKind.LSTM
                        ? NativeArray.of(Nd4j.createUninitializedDetached(type, batch, hidden))
                        : null;
        prepareSlices();
        SliceRunner.run(sliceCount, s -> slices[s].forward());
        forwardDone = true;
    }

    /**
     * Backpropagates through time after {@link #forward} on the same input.
     *
     * @param epsilon {@code [B, T, H]} gradient of the outputs, any layout
     * @param stop the earliest time step that receives gradient (0 for full BPTT)
     * @param weightGrad gradient view of W
     * @param recurrentWeightGrad gradient view of U
     * @param biasGrad gradient view of the input bias
     * @param recurrentBiasGrad gradient view of the recurrent bias, or {@code null}
     * @param inputGrad {@code [B, T, nIn]} C order, receives the input gradient
     */
    void backward(
            INDArray epsilon,
            int stop,
            INDArray weightGrad,
            INDArray recurrentWeightGrad,
            INDArray biasGrad,
            INDArray recurrentBiasGrad,
            INDArray inputGrad) {
        if (!forwardDone || !training) {
            throw new IllegalStateException("backward() needs a training forward() first");
        }
        DataType type = weightGrad.dataType();
        eps = epsStaging.read(epsilon, type, batch, steps, hidden);
        dgxBuffer = ensure(dgxBuffer, (long) batch * (steps + 1) * gateWidth, type);
        dgx = NativeArray.of(dgxBuffer);
        if (separateRecurrentGradient) {
            dgrBuffer = ensure(dgrBuffer, (long) batch * (steps + 1) * gateWidth, type);
            dgr = NativeArray.of(dgrBuffer);
        } else {
            dgr = dgx;
        }
        dx = NativeArray.of(inputGrad);
        dxsBuffer = ensure(dxsBuffer, (long) batch * (steps + 1) * inputSize, type);
        dxs = NativeArray.of(dxsBuffer);
        wGrad = NativeArray.of(weightGrad);
        rwGrad = NativeArray.of(recurrentWeightGrad);
        SliceRunner.run(sliceCount, s -> slices[s].backward(stop));
        for (int s = 1; s < sliceCount; s++) {
            precision.axpy(inputSize * gateWidth, slices[s].partialW(), wGrad);
            precision.axpy(hidden * gateWidth, slices[s].partialRw(), rwGrad);
        }
        double[] db = new double[gateWidth];
        double[] drb = recurrentBiasGrad == null ? null : new double[gateWidth];
        for (int s = 0; s < sliceCount; s++) {
            slices[s].addBiasGradients(db, drb);
        }
        NativeArray.of(biasGrad).putDoubles(db);
        if (drb != null) {
            NativeArray.of(recurrentBiasGrad).putDoubles(drb);
        }
    }

    INDArray finalH() {
        return finalH == null ? null : finalH.array();
    }

    INDArray finalC() {
        return finalC == null ? null : finalC.array();
    }

    /**
     * Allocates a detached native scratch array.
     *
     * @param length elements
     * @return the array
     */
    NativeArray scratch(int length) {
        return NativeArray.of(
                Nd4j.createUninitializedDetached(
                        precision == Precision.FLOAT ? DataType.FLOAT : DataType.DOUBLE,
                        Math.max(1, length)));
    }

    /** Finds each row's length and, with right padding only, orders rows by length. */
    private void orderRows() {
        int[] len = new int[batch];
        boolean prefixes = true;
        for (int b = 0; b < batch; b++) {
            int l = steps;
            if (mask != null) {
                l = 0;
                while (l < steps && mask[b * steps + l]) {
                    l++;
                }
                for (int t = l; t < steps && prefixes; t++) {
                    prefixes = !mask[b * steps + t];
                }
            }
            len[b] = l;
        }
        sortedByLength = prefixes;
        int slices = SliceRunner.slicesFor(batch);
        Integer[] byLength = new Integer[batch];
        for (int b = 0; b < batch; b++) {
            byLength[b] = b;
        }
        if (sortedByLength) {
            java.util.Arrays.sort(byLength, (a, b) -> Integer.compare(len[b], len[a]));
        }
        // slice s takes ranks s, s + S, s + 2S, ...: equal work per thread, each slice sorted
        order = new int[batch];
        lengths = new int[batch];
        int k = 0;
        for (int s = 0; s < slices; s++) {
            for (int rank = s; rank < batch; rank += slices) {
                order[k] = byLength[rank];
                lengths[k] = sortedByLength ? len[byLength[rank]] : steps;
                k++;
            }
        }
    }

    private void prepareSlices() {
        int n = SliceRunner.slicesFor(batch);
        if (slices.length < n) {
            CellSlice[] grown = new CellSlice[n];
            System.arraycopy(slices, 0, grown, 0, slices.length);
            for (int s = slices.length; s < n; s++) {
                grown[s] = kind.newSlice(this, s);
            }
            slices = grown;
        }
        sliceCount = n;
        int from = 0;
        for (int s = 0; s < n; s++) {
            int rows = (batch - s + n - 1) / n;
            slices[s].assign(from, rows);
            from += rows;
        }
    }

    private static Object toJava(INDArray row, Precision p) {
        INDArray c = contiguous(row, row.dataType());
        int n = (int) c.length();
        Object a = p.allocate(n);
        CellSlice.copyIn(NativeArray.of(c), 0, a, 0, n);
        return a;
    }

    private static INDArray contiguous(INDArray a, DataType type) {
        INDArray c = a.dataType() == type ? a : a.castTo(type);
        return NativeArray.isRowMajorContiguous(c) ? c : c.dup('c');
    }

    private static boolean[] toMask(INDArray maskArray, int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.length() != (long) batch * steps) {
            throw new IllegalArgumentException(
                    "mask must have shape [batch, steps] = ["
                            + batch
                            + ", "
                            + steps
                            + "], got "
                            + java.util.Arrays.toString(maskArray.shape()));
        }
        float[] values = Nd4j.toFlattened('c', maskArray).castTo(DataType.FLOAT).toFloatVector();
        boolean[] m = new boolean[values.length];
        boolean all = true;
        for (int i = 0; i < values.length; i++) {
            m[i] = values[i] != 0f;
            all &= m[i];
        }
        return all ? null : m;
    }

    /** Reads a batch-major {@code [B, T, F]} array in place, or through a reusable copy. */
    private static final class Staging {
        private INDArray buffer;

        /**
         * Returns the array's memory when it is contiguous (read during this call only), else a
         * copy.
         */
        NativeArray read(INDArray a, DataType type, long... shape) {
            if (NativeArray.isRowMajorContiguous(a) && a.dataType() == type) {
                return NativeArray.of(a);
            }
            buffer = ensure(buffer, shape[0] * shape[1] * shape[2], type);
            view(buffer, shape).assign(a);
            return NativeArray.of(buffer);
        }
    }

    private static INDArray ensure(INDArray buffer, long length, DataType type) {
        if (buffer != null && buffer.length() >= length && buffer.dataType() == type) {
            return buffer;
        }
        long grown =
                buffer == null || buffer.dataType() != type
                        ? length
                        : Math.max(length, buffer.length() * 3 / 2);
        return Nd4j.createUninitializedDetached(type, grown);
    }

    private static INDArray view(INDArray flat, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        INDArray v = flat.length() == n ? flat : flat.get(NDArrayIndex.interval(0, n));
        return v.reshape('c', shape);
    }
}
