package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 1: the simple RNN forward equations, computed by hand with ND4J and compared with DL4J's
 * {@code SimpleRnn} layer.
 *
 * <p>In the course's column-vector notation, layer {@code l} at step {@code t} computes
 *
 * <pre>
 * a^l_t = tanh(W_F a^(l-1)_t + W_R a^l_(t-1) + b),   a^l_0 = 0,   a^0_t = x_t
 * </pre>
 *
 * and, stacking the two weight matrices side by side, the same with one product:
 *
 * <pre>
 * a^l_t = tanh(W [a^(l-1)_t ; a^l_(t-1)] + b),   W = [W_F  W_R]   (H x (F + H))
 * </pre>
 *
 * DL4J stores the transposes, row-vector style: parameter {@code W} is {@code W_F^T} ({@code F x
 * H}), {@code RW} is {@code W_R^T} ({@code H x H}), {@code b} is {@code 1 x H}. The weights here
 * are fixed multiples of 0.1, small enough to follow with pencil and paper.
 */
public final class RnnEquations {

    /**
     * The outputs of every layer at every step, three ways.
     *
     * @param input the input sequence {@code [features, time]} (column t is x_t)
     * @param byEquations per layer {@code [hidden, time]}: the two-matrix equation
     * @param byStackedMatrix per layer: the one-matrix (stacked) equation
     * @param byDl4j per layer: DL4J's {@code SimpleRnn} activations
     * @param maxDifferenceEquations largest |equations - DL4J| over all layers and steps
     * @param maxDifferenceStacked largest |stacked - DL4J|
     */
    public record Result(
            INDArray input,
            List<INDArray> byEquations,
            List<INDArray> byStackedMatrix,
            List<INDArray> byDl4j,
            double maxDifferenceEquations,
            double maxDifferenceStacked) {}

    private RnnEquations() {}

    /**
     * Runs the exercise on a stack of simple RNN layers with fixed weights (double precision).
     *
     * @param features input features per step (F)
     * @param hidden units per layer, one entry per layer
     * @param steps sequence length (T)
     * @param seed picks the fixed weights and the input
     * @return the outputs and their differences
     */
    public static Result run(int features, int[] hidden, int steps, long seed) {
        MultiLayerNetwork net = network(features, hidden, seed);
        Random random = new Random(seed);
        for (int l = 0; l < hidden.length; l++) {
            int in = l == 0 ? features : hidden[l - 1];
            net.setParam(l + "_W", Exercises.tenths(random, in, hidden[l]));
            net.setParam(l + "_RW", Exercises.tenths(random, hidden[l], hidden[l]));
            net.setParam(l + "_b", Exercises.tenths(random, 1, hidden[l]));
        }
        INDArray x = Exercises.tenths(random, features, steps);

        List<INDArray> dl4j = new ArrayList<>();
        List<INDArray> activations = net.feedForward(x.reshape(1, features, steps), false);
        for (int l = 0; l < hidden.length; l++) {
            dl4j.add(activations.get(l + 1).reshape(hidden[l], steps));
        }

        List<INDArray> equations = new ArrayList<>();
        List<INDArray> stacked = new ArrayList<>();
        INDArray below = x;
        INDArray belowStacked = x;
        for (int l = 0; l < hidden.length; l++) {
            INDArray wf = net.getParam(l + "_W").transpose(); // H x F
            INDArray wr = net.getParam(l + "_RW").transpose(); // H x H
            INDArray b = net.getParam(l + "_b").reshape(hidden[l], 1);
            INDArray a = Nd4j.zeros(DataType.DOUBLE, hidden[l], steps);
            INDArray s = Nd4j.zeros(DataType.DOUBLE, hidden[l], steps);
            INDArray w = Nd4j.hstack(wf, wr); // H x (F + H)
            INDArray prev = Nd4j.zeros(DataType.DOUBLE, hidden[l], 1);
            INDArray prevStacked = prev.dup();
            for (int t = 0; t < steps; t++) {
                INDArray xt = below.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
                INDArray at = Transforms.tanh(wf.mmul(xt).add(wr.mmul(prev)).add(b));
                a.put(
                        new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.point(t)},
                        at.reshape(hidden[l]));
                prev = at;

                INDArray xs = belowStacked.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1));
                INDArray st = Transforms.tanh(w.mmul(Nd4j.vstack(xs, prevStacked)).add(b));
                s.put(
                        new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.point(t)},
                        st.reshape(hidden[l]));
                prevStacked = st;
            }
            equations.add(a);
            stacked.add(s);
            below = a;
            belowStacked = s;
        }
        return new Result(
                x,
                equations,
                stacked,
                dl4j,
                maxDifference(equations, dl4j),
                maxDifference(stacked, dl4j));
    }

    /**
     * Prints the exercise for 3 features, layers of 4 and 2 units, 5 steps.
     *
     * @param out where the report goes
     */
    public static void print(PrintWriter out) {
        Result r = run(3, new int[] {4, 2}, 5, 7);
        out.println(
                "settings: F=3 features, two SimpleRnn layers of 4 and 2 units, T=5 steps,"
                        + " weights and input from seed 7, double precision");
        out.println("x (features x time):\n" + r.input());
        for (int l = 0; l < r.byDl4j().size(); l++) {
            out.println("layer " + (l + 1) + " by the equations:\n" + r.byEquations().get(l));
            out.println("layer " + (l + 1) + " by DL4J's SimpleRnn:\n" + r.byDl4j().get(l));
        }
        out.println("max |equations - DL4J| = " + r.maxDifferenceEquations());
        out.println("max |stacked W [a ; a_prev] - DL4J| = " + r.maxDifferenceStacked());
    }

    /**
     * Runs {@code rnnkit exercise rnn-equations ARGS...}: the forward equations by hand beside
     * DL4J's SimpleRnn. The command line parses the arguments (see {@code --help}) and sets the
     * exit code.
     *
     * @param args the arguments after {@code rnnkit exercise rnn-equations}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "rnn-equations"), args);
    }

    static MultiLayerNetwork network(int features, int[] hidden, long seed) {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).list();
        for (int l = 0; l < hidden.length; l++) {
            list.layer(
                    new SimpleRnn.Builder()
                            .nIn(l == 0 ? features : hidden[l - 1])
                            .nOut(hidden[l])
                            .activation(Activation.TANH)
                            .build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static double maxDifference(List<INDArray> a, List<INDArray> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, a.get(i).sub(b.get(i)).amaxNumber().doubleValue());
        }
        return max;
    }
}
