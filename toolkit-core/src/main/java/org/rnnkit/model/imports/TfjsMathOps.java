package org.rnnkit.model.imports;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise and reduction ops: binary arithmetic with NumPy/TF broadcasting (libnd4j's {@code
 * add}, {@code subtract}, {@code multiply}, ...), FloorDiv/FloorMod, comparisons, activations, Cast
 * and the reductions Mean/Sum/Max/Min over the axes given by the second input.
 *
 * <p>FloorDiv/FloorMod are computed as floor(a / b) and a - floor(a / b) * b in double (exact for
 * int32 operands) and cast back to the input type, so integer and float inputs both round toward
 * negative infinity as in TF, independently of how libnd4j divides integers.
 */
final class TfjsMathOps {

    private TfjsMathOps() {}

    /**
     * Registers the element-wise ops, Cast and the reductions.
     *
     * @param ops the registry to add to
     */
    static void register(Map<String, TfjsOp> ops) {
        binary(ops, "Add", "add");
        binary(ops, "AddV2", "add");
        binary(ops, "Sub", "subtract");
        binary(ops, "Mul", "multiply");
        binary(ops, "RealDiv", "divide");
        binary(ops, "Div", "divide");
        binary(ops, "Maximum", "maximum");
        binary(ops, "Minimum", "minimum");
        binary(ops, "Equal", "equals");
        binary(ops, "Greater", "greater");
        binary(ops, "Less", "less");
        ops.put("FloorDiv", (n, in) -> new INDArray[] {floor(in[0], in[1], false)});
        ops.put("FloorMod", (n, in) -> new INDArray[] {floor(in[0], in[1], true)});
        ops.put("Relu", (n, in) -> new INDArray[] {Transforms.relu(in[0], true)});
        // One pass (libnd4j's relu6 clamps to [0, 6]) instead of max, then min.
        ops.put("Relu6", (n, in) -> new INDArray[] {Transforms.relu6(in[0], true)});
        ops.put("Sigmoid", (n, in) -> new INDArray[] {Transforms.sigmoid(in[0], true)});
        ops.put("Tanh", (n, in) -> new INDArray[] {Transforms.tanh(in[0], true)});
        ops.put("Elu", (n, in) -> new INDArray[] {Transforms.elu(in[0], true)});
        ops.put("Neg", (n, in) -> new INDArray[] {in[0].neg()});
        ops.put("Identity", (n, in) -> new INDArray[] {in[0]});
        ops.put(
                "Cast",
                (n, in) ->
                        new INDArray[] {
                            in[0].castTo(
                                    TfjsOps.dataType(n, n.attrs().get("DstT").get("type").asText()))
                        });
        ops.put("Mean", (n, in) -> new INDArray[] {reduce(n, in, "mean")});
        ops.put("Sum", (n, in) -> new INDArray[] {reduce(n, in, "sum")});
        ops.put("Max", (n, in) -> new INDArray[] {reduce(n, in, "max")});
        ops.put("Min", (n, in) -> new INDArray[] {reduce(n, in, "min")});
    }

    private static void binary(Map<String, TfjsOp> ops, String tfName, String nd4jName) {
        ops.put(tfName, (n, in) -> new INDArray[] {broadcast(nd4jName, in[0], in[1])});
    }

    /**
     * Runs a libnd4j broadcastable pairwise op.
     *
     * @param name the libnd4j op name
     * @param a the first operand
     * @param b the second operand
     * @return the result, of the broadcast shape
     */
    static INDArray broadcast(String name, INDArray a, INDArray b) {
        if (a.dataType() != b.dataType() && !name.equals("equals")) {
            b = b.castTo(a.dataType());
        }
        DynamicCustomOp op = DynamicCustomOp.builder(name).addInputs(a, b).build();
        return Nd4j.exec(op)[0];
    }

    private static INDArray floor(INDArray a, INDArray b, boolean mod) {
        DataType t = a.dataType();
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        INDArray q = Transforms.floor(broadcast("divide", x, y), false);
        INDArray r = mod ? broadcast("subtract", x, broadcast("multiply", q, y)) : q;
        return r.castTo(t);
    }

    private static INDArray reduce(TfjsNode node, INDArray[] in, String kind) {
        INDArray x = in[0];
        boolean keep = node.bool("keep_dims", false);
        long[] axes = TfjsOps.longs(in[1]);
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = TfjsOps.axis(axes[i], x.rank());
        }
        switch (kind) {
            case "mean":
                return x.mean(keep, dims);
            case "sum":
                return x.sum(keep, dims);
            case "max":
                return x.max(keep, dims);
            default:
                return x.min(keep, dims);
        }
    }
}
