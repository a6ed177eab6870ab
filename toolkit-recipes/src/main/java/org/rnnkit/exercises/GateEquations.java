package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 6: the LSTM and GRU gate equations computed by hand (row-vector form, as DL4J stores the
 * weights) for fixed weights, compared with DL4J's {@code LSTM} and rnnkit's {@link GruLayer}.
 *
 * <p>LSTM (DL4J's gate order in {@code W}, {@code RW}, {@code b}: block input, forget, output,
 * input):
 *
 * <pre>
 * g_t = tanh(x_t W_g + h_(t-1) R_g + b_g)       candidate
 * f_t = sigmoid(x_t W_f + h_(t-1) R_f + b_f)    forget gate
 * o_t = sigmoid(x_t W_o + h_(t-1) R_o + b_o)    output gate
 * i_t = sigmoid(x_t W_i + h_(t-1) R_i + b_i)    input gate
 * c_t = f_t * c_(t-1) + i_t * g_t               cell state
 * h_t = o_t * tanh(c_t)
 * </pre>
 *
 * GRU (gate order r, z, n; separate input and recurrent biases):
 *
 * <pre>
 * r_t = sigmoid(x_t W_r + b_r + h_(t-1) R_r + c_r)
 * z_t = sigmoid(x_t W_z + b_z + h_(t-1) R_z + c_z)
 * n_t = tanh(x_t W_n + b_n + r_t * (h_(t-1) R_n + c_n))
 * h_t = (1 - z_t) * n_t + z_t * h_(t-1)
 * </pre>
 *
 * The last part sets the forget gate to 1 and the input gate to 0 (biases of +40 and -40 saturate
 * the sigmoids to exactly 1 and 0 in double precision): whatever the inputs, the cell state passes
 * through unchanged, the mechanism that lets an LSTM carry information over long distances.
 */
public final class GateEquations {

    /**
     * LSTM values at every step of one sequence.
     *
     * @param gates name ({@code "g"}, {@code "f"}, {@code "o"}, {@code "i"}, {@code "c"}, {@code
     *     "h"}) to {@code [hidden, time]} computed by hand
     * @param dl4jOutput DL4J's LSTM output {@code [hidden, time]}
     * @param dl4jCell DL4J's stored cell state after the last step
     * @param maxDifferenceOutput largest |h by hand - DL4J|
     * @param maxDifferenceCell largest |c_T by hand - DL4J's stored cell state|
     */
    public record LstmResult(
            Map<String, INDArray> gates,
            INDArray dl4jOutput,
            INDArray dl4jCell,
            double maxDifferenceOutput,
            double maxDifferenceCell) {}

    /**
     * GRU values at every step of one sequence.
     *
     * @param gates {@code "r"}, {@code "z"}, {@code "n"}, {@code "h"} to {@code [hidden, time]}
     * @param layerOutput rnnkit's GRU layer output {@code [hidden, time]}
     * @param maxDifference largest |h by hand - layer|
     */
    public record GruResult(
            Map<String, INDArray> gates, INDArray layerOutput, double maxDifference) {}

    /**
     * The cell-state carry: forget gate 1, input gate 0.
     *
     * @param initialCell the cell state before the sequence
     * @param finalCell the cell state after it (DL4J's stored state)
     * @param maxChange largest |final - initial| (0)
     * @param maxChangeUsualGates the same with the usual gates (forget bias 1, input bias 0): the
     *     state does change
     */
    public record CarryResult(
            INDArray initialCell,
            INDArray finalCell,
            double maxChange,
            double maxChangeUsualGates) {}

    private GateEquations() {}

    /**
     * Computes an LSTM's gates by hand and compares with DL4J's {@code LSTM}.
     *
     * @param features inputs per step
     * @param hidden units
     * @param steps sequence length
     * @param seed picks the fixed weights (multiples of 0.1) and inputs
     * @return gates, outputs and differences
     */
    public static LstmResult lstm(int features, int hidden, int steps, long seed) {
        MultiLayerNetwork net = lstmNetwork(features, hidden, seed);
        Random random = new Random(seed);
        INDArray w = Exercises.tenths(random, features, 4 * hidden);
        INDArray rw = Exercises.tenths(random, hidden, 4 * hidden);
        INDArray b = Exercises.tenths(random, 1, 4 * hidden);
        net.setParam("0_W", w);
        net.setParam("0_RW", rw);
        net.setParam("0_b", b);
        INDArray x = Exercises.tenths(random, features, steps);

        Map<String, INDArray> out = new HashMap<>();
        for (String k : List.of("g", "f", "o", "i", "c", "h")) {
            out.put(k, Nd4j.zeros(DataType.DOUBLE, hidden, steps));
        }
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 1, hidden);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, 1, hidden);
        for (int t = 0; t < steps; t++) {
            INDArray z = column(x, t).mmul(w).add(h.mmul(rw)).add(b.reshape(1, 4 * hidden));
            INDArray g = Transforms.tanh(block(z, 0, hidden));
            INDArray f = Transforms.sigmoid(block(z, 1, hidden));
            INDArray o = Transforms.sigmoid(block(z, 2, hidden));
            INDArray i = Transforms.sigmoid(block(z, 3, hidden));
            c = f.mul(c).add(i.mul(g));
            h = o.mul(Transforms.tanh(c));
            Map<String, INDArray> now = Map.of("g", g, "f", f, "o", o, "i", i, "c", c, "h", h);
            for (Map.Entry<String, INDArray> e : now.entrySet()) {
                out.get(e.getKey()).getColumn(t).assign(e.getValue().reshape(hidden));
            }
        }
        net.rnnClearPreviousState();
        INDArray dl4j = net.rnnTimeStep(x.reshape(1, features, steps)).reshape(hidden, steps);
        INDArray dl4jCell = net.rnnGetPreviousState(0).get(LSTM_CELL_KEY).reshape(hidden);
        return new LstmResult(
                out,
                dl4j,
                dl4jCell,
                out.get("h").sub(dl4j).amaxNumber().doubleValue(),
                c.reshape(hidden).sub(dl4jCell).amaxNumber().doubleValue());
    }

    /**
     * Computes a GRU's gates by hand and compares with rnnkit's {@link GruLayer}.
     *
     * @param features inputs per step
     * @param hidden units
     * @param steps sequence length
     * @param seed picks the fixed weights and inputs
     * @return gates, outputs and the difference
     */
    public static GruResult gru(int features, int hidden, int steps, long seed) {
        GruLayer layer = new GruLayer.Builder().nIn(features).nOut(hidden).build();
        MultiLayerNetwork net = Exercises.doubleNetwork(seed, layer);
        Random random = new Random(seed);
        INDArray w = Exercises.tenths(random, features, 3 * hidden);
        INDArray rw = Exercises.tenths(random, hidden, 3 * hidden);
        INDArray b = Exercises.tenths(random, 1, 3 * hidden);
        INDArray rb = Exercises.tenths(random, 1, 3 * hidden);
        net.getLayer(0).getParam("W").assign(w);
        net.getLayer(0).getParam("RW").assign(rw);
        net.getLayer(0).getParam("b").assign(b);
        net.getLayer(0).getParam("rb").assign(rb);
        INDArray x = Exercises.tenths(random, features, steps);

        Map<String, INDArray> out = new HashMap<>();
        for (String k : List.of("r", "z", "n", "h")) {
            out.put(k, Nd4j.zeros(DataType.DOUBLE, hidden, steps));
        }
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 1, hidden);
        for (int t = 0; t < steps; t++) {
            INDArray xi = column(x, t).mmul(w).add(b);
            INDArray hr = h.mmul(rw).add(rb);
            INDArray r = Transforms.sigmoid(block(xi, 0, hidden).add(block(hr, 0, hidden)));
            INDArray z = Transforms.sigmoid(block(xi, 1, hidden).add(block(hr, 1, hidden)));
            INDArray n = Transforms.tanh(block(xi, 2, hidden).add(r.mul(block(hr, 2, hidden))));
            h = z.rsub(1.0).mul(n).add(z.mul(h));
            Map<String, INDArray> now = Map.of("r", r, "z", z, "n", n, "h", h);
            for (Map.Entry<String, INDArray> e : now.entrySet()) {
                out.get(e.getKey()).getColumn(t).assign(e.getValue().reshape(hidden));
            }
        }
        INDArray layerOut = net.output(x.reshape(1, features, steps)).reshape(hidden, steps);
        return new GruResult(out, layerOut, out.get("h").sub(layerOut).amaxNumber().doubleValue());
    }

    /**
     * Feeds random inputs through an LSTM whose forget gate is saturated at 1 and input gate at 0,
     * starting from a given cell state, and measures how much the cell state changed.
     *
     * @param hidden units
     * @param steps sequence length
     * @param seed seeds the weights, the initial state and the inputs
     * @return the cell state before and after
     */
    public static CarryResult carry(int hidden, int steps, long seed) {
        int features = 3;
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 1, features, steps);
        INDArray c0 = Nd4j.randn(DataType.DOUBLE, 1, hidden);
        INDArray h0 = Nd4j.randn(DataType.DOUBLE, 1, hidden).muli(0.5);
        double[] changes = new double[2];
        INDArray finalCell = null;
        for (int variant = 0; variant < 2; variant++) {
            MultiLayerNetwork net = lstmNetwork(features, hidden, seed);
            INDArray b = net.getParam("0_b").reshape(4 * hidden);
            b.assign(0);
            boolean saturated = variant == 0;
            b.get(NDArrayIndex.interval(hidden, 2 * hidden)).assign(saturated ? 40 : 1);
            b.get(NDArrayIndex.interval(3 * hidden, 4 * hidden)).assign(saturated ? -40 : 0);
            Map<String, INDArray> state = new HashMap<>();
            state.put(LSTM_OUTPUT_KEY, h0.dup());
            state.put(LSTM_CELL_KEY, c0.dup());
            net.rnnSetPreviousState(0, state);
            net.rnnTimeStep(x);
            INDArray c = net.rnnGetPreviousState(0).get(LSTM_CELL_KEY);
            changes[variant] = c.sub(c0).amaxNumber().doubleValue();
            if (saturated) {
                finalCell = c.dup();
            }
        }
        return new CarryResult(c0, finalCell, changes[0], changes[1]);
    }

    /**
     * Prints the three parts.
     *
     * @param out where the report goes
     */
    public static void print(PrintWriter out) {
        out.println(
                "settings: 3 inputs, 2 units, 4 steps, seed 5 (LSTM and GRU); carry: 4 units, 50"
                        + " steps, seed 5; double precision");
        LstmResult lstm = lstm(3, 2, 4, 5);
        for (String k : List.of("i", "f", "o", "g", "c", "h")) {
            out.println("LSTM " + k + " (units x steps):\n" + lstm.gates().get(k));
        }
        out.println("DL4J LSTM output:\n" + lstm.dl4jOutput());
        out.println(
                "max |h by hand - DL4J| = "
                        + lstm.maxDifferenceOutput()
                        + ", max |c by hand - DL4J's cell state| = "
                        + lstm.maxDifferenceCell());
        GruResult gru = gru(3, 2, 4, 5);
        for (String k : List.of("r", "z", "n", "h")) {
            out.println("GRU " + k + ":\n" + gru.gates().get(k));
        }
        out.println("max |h by hand - rnnkit GRU| = " + gru.maxDifference());
        CarryResult carry = carry(4, 50, 5);
        out.println(
                "forget gate 1, input gate 0, 50 random inputs: max |c_50 - c_0| = "
                        + carry.maxChange()
                        + " (usual gates: "
                        + carry.maxChangeUsualGates()
                        + ")");
    }

    /**
     * Runs {@code rnnkit exercise gate-equations ARGS...}: the LSTM and GRU gates by hand beside
     * the layers'. The command line parses the arguments (see {@code --help}) and sets the exit
     * code.
     *
     * @param args the arguments after {@code rnnkit exercise gate-equations}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "gate-equations"), args);
    }

    /** DL4J's LSTM state keys (LSTMHelpers / BaseRecurrentLayer). */
    static final String LSTM_OUTPUT_KEY = "prevAct";

    static final String LSTM_CELL_KEY = "prevMem";

    private static MultiLayerNetwork lstmNetwork(int features, int hidden, long seed) {
        return Exercises.doubleNetwork(
                seed,
                new LSTM.Builder().nIn(features).nOut(hidden).activation(Activation.TANH).build());
    }

    private static INDArray column(INDArray x, int t) {
        return x.get(NDArrayIndex.all(), NDArrayIndex.point(t)).reshape(1, x.size(0));
    }

    private static INDArray block(INDArray z, int k, int hidden) {
        return z.get(NDArrayIndex.all(), NDArrayIndex.interval(k * hidden, (k + 1) * hidden));
    }
}
