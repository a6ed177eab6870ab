package org.rnnkit.model.layers;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A contiguous, row-major ND4J array seen as plain native memory: pointers for BLAS calls and bulk
 * copies to and from Java arrays, with no ND4J operation (and none of its fixed per-op cost) on the
 * way. Offsets are in elements from the array's first element.
 */
final class NativeArray {

    private final INDArray array;
    private final long address;
    private final int base;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    private NativeArray(INDArray array) {
        this.array = array;
        this.address = array.data().address() + array.offset() * array.dataType().width();
        this.base = Math.toIntExact(array.offset());
        if (array.dataType() == DataType.FLOAT) {
            floats = array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            doubles = null;
        } else {
            doubles = array.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
            floats = null;
        }
    }

    /**
     * Wraps an array.
     *
     * @param array a FLOAT or DOUBLE array in C order with default strides
     * @return the view
     * @throws IllegalArgumentException when the array is not contiguous row-major
     */
    static NativeArray of(INDArray array) {
        if (!isRowMajorContiguous(array)) {
            throw new IllegalArgumentException(
                    "expected a contiguous C-order array, got shape "
                            + java.util.Arrays.toString(array.shape())
                            + " strides "
                            + java.util.Arrays.toString(array.stride()));
        }
        DataType t = array.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected FLOAT or DOUBLE, got " + t);
        }
        return new NativeArray(array);
    }

    /**
     * Whether an array can be wrapped without a copy.
     *
     * @param array any array
     * @return {@code true} for C order with default strides
     */
    static boolean isRowMajorContiguous(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    INDArray array() {
        return array;
    }

    Pointer pointer(long offset) {
        return new RawPointer(address + offset * array.dataType().width());
    }

    FloatPointer floatPointer(long offset) {
        return new FloatPointer(new RawPointer(address + offset * Float.BYTES));
    }

    DoublePointer doublePointer(long offset) {
        return new DoublePointer(new RawPointer(address + offset * Double.BYTES));
    }

    void get(long offset, float[] dst, int dstOffset, int length) {
        floats.get(base + Math.toIntExact(offset), dst, dstOffset, length);
    }

    void get(long offset, double[] dst, int dstOffset, int length) {
        doubles.get(base + Math.toIntExact(offset), dst, dstOffset, length);
    }

    void put(long offset, float[] src, int srcOffset, int length) {
        floats.put(base + Math.toIntExact(offset), src, srcOffset, length);
    }

    void put(long offset, double[] src, int srcOffset, int length) {
        doubles.put(base + Math.toIntExact(offset), src, srcOffset, length);
    }

    /**
     * Overwrites the first elements with the given values, converted to this array's type.
     *
     * @param values the values
     */
    void putDoubles(double[] values) {
        if (floats != null) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            put(0, f, 0, f.length);
        } else {
            put(0, values, 0, values.length);
        }
    }

    /** A pointer at a raw address, owning nothing. */
    private static final class RawPointer extends Pointer {
        RawPointer(long address) {
            this.address = address;
        }
    }
}
