package org.rnnkit.model.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shape and selection ops: ConcatV2 (axis = last input), Reshape (one -1 allowed), ExpandDims,
 * Squeeze, StridedSlice (TF's five masks, see {@link TfjsStridedSlice}), GatherV2 (batch_dims 0,
 * libnd4j {@code gather}), TopKV2 (libnd4j {@code top_k} over the last axis; outputs values and
 * int32 indices; float32 runs as a one-pass selection in Java, ties to the lower index). ND4J's
 * {@code TopK} class is bypassed because its constructor does not pass k on in 1.0.0-M2.1. For
 * equal values TF returns the lower index first; libnd4j's order among ties was not checked.
 */
final class TfjsShapeOps {

    private TfjsShapeOps() {}

    /**
     * Registers the shape and selection ops.
     *
     * @param ops the registry to add to
     */
    static void register(Map<String, TfjsOp> ops) {
        ops.put("ConcatV2", (n, in) -> new INDArray[] {concat(in)});
        ops.put("Reshape", (n, in) -> new INDArray[] {reshape(in[0], TfjsOps.longs(in[1]))});
        ops.put("ExpandDims", (n, in) -> new INDArray[] {expandDims(in[0], in[1].getLong(0))});
        ops.put("Squeeze", (n, in) -> new INDArray[] {squeeze(n, in[0])});
        ops.put("StridedSlice", TfjsShapeOps::stridedSlice);
        ops.put("GatherV2", TfjsShapeOps::gather);
        ops.put("TopKV2", TfjsShapeOps::topK);
    }

    private static INDArray concat(INDArray[] in) {
        INDArray[] parts = Arrays.copyOf(in, in.length - 1);
        int axis = TfjsOps.axis(in[in.length - 1].getLong(0), parts[0].rank());
        if (parts.length == 1) {
            return parts[0];
        }
        return Nd4j.concat(axis, parts);
    }

    /**
     * Reshapes in row-major order like TF.
     *
     * @param x the array
     * @param shape the new shape; one entry may be -1
     * @return the reshaped array
     */
    static INDArray reshape(INDArray x, long[] shape) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                free = i;
            } else {
                known *= shape[i];
            }
        }
        long[] s = shape.clone();
        if (free >= 0) {
            s[free] = known == 0 ? 0 : x.length() / known;
        }
        return TfjsWeights.shaped(x.dup('c').reshape(-1), s);
    }

    private static INDArray expandDims(INDArray x, long axis) {
        int a = TfjsOps.axis(axis, x.rank() + 1);
        long[] s = new long[x.rank() + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : x.size(j++);
        }
        return reshape(x, s);
    }

    private static INDArray squeeze(TfjsNode node, INDArray x) {
        long[] dims = node.ints("squeeze_dims");
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            boolean listed = dims.length == 0 && x.size(i) == 1;
            for (long d : dims) {
                listed |= TfjsOps.axis(d, x.rank()) == i;
            }
            if (!listed) {
                s.add(x.size(i));
            }
        }
        return reshape(x, s.stream().mapToLong(Long::longValue).toArray());
    }

    private static INDArray[] stridedSlice(TfjsNode n, INDArray[] in) {
        return new INDArray[] {
            TfjsStridedSlice.apply(
                    n, in[0], TfjsOps.longs(in[1]), TfjsOps.longs(in[2]), TfjsOps.longs(in[3]))
        };
    }

    private static INDArray[] gather(TfjsNode n, INDArray[] in) {
        if (n.integer("batch_dims", 0) != 0) {
            throw new UnsupportedOperationException(
                    "GatherV2 with batch_dims != 0 at node '" + n.name() + "'");
        }
        int axis = TfjsOps.axis(in[2].getLong(0), in[0].rank());
        return new INDArray[] {Nd4j.exec(new Gather(in[0], in[1], axis))[0]};
    }

    private static INDArray[] topK(TfjsNode n, INDArray[] in) {
        int k = in[1].getInt(0);
        INDArray x = in[0];
        if (x.dataType() == DataType.FLOAT && x.rank() >= 1 && k <= x.size(-1)) {
            return topKFloat(x, k);
        }
        // TopK(INDArray, double, boolean) in M2.1 does not pass k on (it runs with k = 1), so the
        // op is built here: k as integer argument 0, sorted as boolean argument 0.
        DynamicCustomOp op =
                DynamicCustomOp.builder("top_k")
                        .addInputs(in[0])
                        .addIntegerArguments(k)
                        .addBooleanArguments(n.bool("sorted", true))
                        .build();
        INDArray[] out = Nd4j.exec(op);
        return new INDArray[] {out[0], out[1].castTo(DataType.INT)};
    }

    /**
     * Top k over the last axis of a float32 array in one pass per row, keeping a sorted list of the
     * k best so far (a value must beat the k-th to enter; among equal values the lower index ranks
     * first, as in TF). libnd4j's {@code top_k} took seconds on the 1.3M-value CenterNet heat map.
     *
     * @param x values [..., n]
     * @param k how many, at most n
     * @return values [..., k] float32 and indices [..., k] int32, best first
     */
    static INDArray[] topKFloat(INDArray x, int k) {
        int n = (int) x.size(-1);
        int rows = (int) (x.length() / n);
        INDArray c = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
        float[] v = new float[n * rows];
        ((FloatPointer) c.data().pointer()).get(v, 0, v.length);
        float[] vals = new float[rows * k];
        int[] idx = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            int size = 0;
            for (int i = 0; i < n; i++) {
                float e = v[r * n + i];
                if (size == k && !(e > vals[base + k - 1])) {
                    continue;
                }
                // insert after every kept value >= e (earlier index wins ties)
                int pos = size < k ? size : k - 1;
                while (pos > 0 && vals[base + pos - 1] < e) {
                    pos--;
                }
                int last = size < k ? size : k - 1;
                System.arraycopy(vals, base + pos, vals, base + pos + 1, last - pos);
                System.arraycopy(idx, base + pos, idx, base + pos + 1, last - pos);
                vals[base + pos] = e;
                idx[base + pos] = i;
                if (size < k) {
                    size++;
                }
            }
        }
        long[] shape = x.shape().clone();
        shape[shape.length - 1] = k;
        return new INDArray[] {
            Nd4j.createFromArray(vals).reshape(shape), Nd4j.createFromArray(idx).reshape(shape)
        };
    }
}
