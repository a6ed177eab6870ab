package org.rnnkit.model.imports;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The registry of supported TensorFlow ops: op name to implementation, by op family. */
final class TfjsOps {

    private static final Map<String, TfjsOp> OPS = new TreeMap<>();

    static {
        TfjsConvOps.register(OPS);
        TfjsMathOps.register(OPS);
        TfjsShapeOps.register(OPS);
        TfjsImageOps.register(OPS);
    }

    private TfjsOps() {}

    /**
     * The implementation of an op.
     *
     * @param node the node whose op is wanted
     * @return the implementation
     * @throws UnsupportedOperationException naming the op and the node when the op is unknown
     */
    static TfjsOp get(TfjsNode node) {
        TfjsOp op = OPS.get(node.op());
        if (op == null) {
            throw new UnsupportedOperationException(
                    "unsupported TensorFlow op '"
                            + node.op()
                            + "' at node '"
                            + node.name()
                            + "' (supported: "
                            + OPS.keySet()
                            + ")");
        }
        return op;
    }

    /**
     * The supported op names.
     *
     * @return the names, sorted
     */
    static java.util.Set<String> supported() {
        return Collections.unmodifiableSet(OPS.keySet());
    }

    /**
     * Reads an integer tensor (a shape, axes, sizes) as longs.
     *
     * @param a a rank 0 or 1 integer (or integral float) array
     * @return its values
     */
    static long[] longs(INDArray a) {
        if (a.isScalar() || a.rank() == 0) {
            return new long[] {a.getLong(0)};
        }
        return a.ravel().toLongVector();
    }

    /**
     * Maps a TensorFlow {@code DT_*} type name to an ND4J data type.
     *
     * @param node the node, for the error message
     * @param tfType e.g. {@code DT_FLOAT}
     * @return the ND4J type
     * @throws UnsupportedOperationException for types without an ND4J counterpart here
     */
    static DataType dataType(TfjsNode node, String tfType) {
        switch (tfType) {
            case "DT_FLOAT":
                return DataType.FLOAT;
            case "DT_DOUBLE":
                return DataType.DOUBLE;
            case "DT_HALF":
                return DataType.HALF;
            case "DT_INT32":
                return DataType.INT;
            case "DT_INT64":
                return DataType.LONG;
            case "DT_BOOL":
                return DataType.BOOL;
            case "DT_UINT8":
                return DataType.UBYTE;
            default:
                throw new UnsupportedOperationException(
                        "unsupported dtype " + tfType + " at node '" + node.name() + "'");
        }
    }

    /**
     * Normalizes a possibly negative axis.
     *
     * @param axis the axis, negative counting from the end
     * @param rank the rank
     * @return the axis in [0, rank)
     */
    static int axis(long axis, int rank) {
        return (int) (axis < 0 ? axis + rank : axis);
    }
}
