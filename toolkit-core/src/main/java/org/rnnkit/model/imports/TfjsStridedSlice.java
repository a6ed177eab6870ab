package org.rnnkit.model.imports;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TF's StridedSlice, written out in Java: begin/end/strides with {@code begin_mask}, {@code
 * end_mask}, {@code ellipsis_mask}, {@code new_axis_mask} and {@code shrink_axis_mask} as TF
 * defines them (negative indices count from the end, out-of-range bounds are clamped).
 *
 * <p>libnd4j's {@code strided_slice} is not used: in 1.0.0-M2.1 it returned x[:, 2, 0:4] instead of
 * x[:, 2, ::-1] for a negative stride with the end mask set (see TfjsOpsTest). The slices in graphs
 * like CenterNet are small ([1,100,4]), so a plain copy loop is fast enough.
 */
final class TfjsStridedSlice {

    private TfjsStridedSlice() {}

    /**
     * Slices an array.
     *
     * @param node the StridedSlice node (masks, and its name for errors)
     * @param x the input, any rank and dtype
     * @param begin the begin indices, one per spec entry
     * @param end the end indices
     * @param strides the strides (non-zero)
     * @return the slice, of the input's dtype
     */
    static INDArray apply(TfjsNode node, INDArray x, long[] begin, long[] end, long[] strides) {
        int beginMask = (int) node.integer("begin_mask", 0);
        int endMask = (int) node.integer("end_mask", 0);
        int ellipsisMask = (int) node.integer("ellipsis_mask", 0);
        int newAxisMask = (int) node.integer("new_axis_mask", 0);
        int shrinkMask = (int) node.integer("shrink_axis_mask", 0);
        int rank = x.rank();
        long[] shape = x.shape();
        int specs = begin.length;
        int consuming = 0;
        for (int i = 0; i < specs; i++) {
            if ((ellipsisMask & (1 << i)) == 0 && (newAxisMask & (1 << i)) == 0) {
                consuming++;
            }
        }
        List<long[]> picks = new ArrayList<>(); // per input dim: the source indices
        List<Long> outShape = new ArrayList<>();
        int dim = 0;
        boolean sawEllipsis = false;
        for (int i = 0; i < specs; i++) {
            int bit = 1 << i;
            if ((ellipsisMask & bit) != 0) {
                if (sawEllipsis) {
                    throw new IllegalArgumentException(
                            "StridedSlice at node '" + node.name() + "': more than one ellipsis");
                }
                sawEllipsis = true;
                int n = rank - consuming;
                for (int k = 0; k < n; k++, dim++) {
                    picks.add(range(0, shape[dim], 1));
                    outShape.add(shape[dim]);
                }
            } else if ((newAxisMask & bit) != 0) {
                outShape.add(1L);
            } else {
                if (dim >= rank) {
                    throw new IllegalArgumentException(
                            "StridedSlice at node '"
                                    + node.name()
                                    + "': more indices than dimensions");
                }
                long size = shape[dim];
                if (strides[i] == 0) {
                    throw new IllegalArgumentException(
                            "StridedSlice at node '" + node.name() + "': stride 0");
                }
                if ((shrinkMask & bit) != 0) {
                    long idx = begin[i] < 0 ? begin[i] + size : begin[i];
                    if (idx < 0 || idx >= size) {
                        throw new IllegalArgumentException(
                                "StridedSlice at node '"
                                        + node.name()
                                        + "': index "
                                        + begin[i]
                                        + " out of range for size "
                                        + size);
                    }
                    picks.add(new long[] {idx});
                } else {
                    long s = strides[i];
                    long start;
                    long stop;
                    if (s > 0) {
                        start = (beginMask & bit) != 0 ? 0 : clamp(begin[i], size, 0, size);
                        stop = (endMask & bit) != 0 ? size : clamp(end[i], size, 0, size);
                    } else {
                        start =
                                (beginMask & bit) != 0
                                        ? size - 1
                                        : clamp(begin[i], size, -1, size - 1);
                        stop = (endMask & bit) != 0 ? -1 : clamp(end[i], size, -1, size - 1);
                    }
                    long[] r = range(start, stop, s);
                    picks.add(r);
                    outShape.add((long) r.length);
                }
                dim++;
            }
        }
        for (; dim < rank; dim++) {
            picks.add(range(0, shape[dim], 1));
            outShape.add(shape[dim]);
        }
        double[] src = x.dup('c').data().asDouble();
        long[] stridesIn = new long[rank];
        for (int d = rank - 1, m = 1; d >= 0; d--) {
            stridesIn[d] = m;
            m *= (int) shape[d];
        }
        long total = 1;
        for (long[] p : picks) {
            total *= p.length;
        }
        double[] out = new double[(int) total];
        int[] counter = new int[rank];
        for (int o = 0; o < total; o++) {
            long off = 0;
            for (int d = 0; d < rank; d++) {
                off += picks.get(d)[counter[d]] * stridesIn[d];
            }
            out[o] = src[(int) off];
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < picks.get(d).length) {
                    break;
                }
                counter[d] = 0;
            }
        }
        long[] s = outShape.stream().mapToLong(Long::longValue).toArray();
        INDArray result = TfjsWeights.shaped(Nd4j.createFromArray(out), s);
        return x.dataType() == DataType.DOUBLE ? result : result.castTo(x.dataType());
    }

    private static long clamp(long v, long size, long lo, long hi) {
        long w = v < 0 ? v + size : v;
        return Math.max(lo, Math.min(hi, w));
    }

    private static long[] range(long start, long stop, long step) {
        List<Long> r = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            r.add(i);
        }
        return r.stream().mapToLong(Long::longValue).toArray();
    }
}
