package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 3: the sizes of a simple RNN's components, in the course's notation beside the shapes
 * DL4J actually uses (read from a real network and a real forward pass).
 *
 * <p>For F input features, H units, O outputs, a batch of N sequences of T steps: {@code W_F} is
 * {@code H x F}, {@code W_R} is {@code H x H}, {@code b} has H entries, {@code W_y} is {@code O x
 * H}, {@code b_y} has O; each step's state {@code a_t} has H entries and output {@code y_t} has O.
 * DL4J stores weight matrices transposed ({@code W} is {@code F x H}, row-vector convention) and a
 * simple RNN's bias as a vector of H; its recurrent activations are {@code [N, H, T]} (NCW).
 *
 * @see ParameterCount
 */
public final class ComponentSizes {

    /**
     * One component.
     *
     * @param component the course's name, e.g. {@code "W_F"}
     * @param courseShape the shape in the course's column-vector notation
     * @param dl4jName the DL4J parameter key or activation it corresponds to
     * @param dl4jShape the shape DL4J reports
     */
    public record Row(String component, long[] courseShape, String dl4jName, long[] dl4jShape) {
        /**
         * @return the number of entries
         */
        public long size() {
            return Arrays.stream(courseShape).reduce(1, (a, b) -> a * b);
        }
    }

    private ComponentSizes() {}

    /**
     * Builds a one-layer simple RNN with a per-step output layer, runs a batch through it and lists
     * its components.
     *
     * @param features F
     * @param hidden H
     * @param outputs O
     * @param batch N
     * @param steps T
     * @return weights, biases and activations with both shapes
     */
    public static List<Row> run(int features, int hidden, int outputs, int batch, int steps) {
        MultiLayerNetwork net =
                ParameterCount.network(
                        new ParameterCount.Spec(
                                CellType.SIMPLE, features, List.of(hidden), false, outputs));
        Map<String, INDArray> p = net.paramTable();
        List<INDArray> acts =
                net.feedForward(Nd4j.rand(net.params().dataType(), batch, features, steps), false);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("x_t", new long[] {features}, "input [N, F, T]", acts.get(0).shape()));
        rows.add(new Row("W_F", new long[] {hidden, features}, "0_W", p.get("0_W").shape()));
        rows.add(new Row("W_R", new long[] {hidden, hidden}, "0_RW", p.get("0_RW").shape()));
        rows.add(new Row("b", new long[] {hidden}, "0_b", p.get("0_b").shape()));
        rows.add(
                new Row(
                        "a_t",
                        new long[] {hidden},
                        "layer 0 output [N, H, T]",
                        acts.get(1).shape()));
        rows.add(new Row("W_y", new long[] {outputs, hidden}, "1_W", p.get("1_W").shape()));
        rows.add(new Row("b_y", new long[] {outputs}, "1_b", p.get("1_b").shape()));
        rows.add(new Row("y_t", new long[] {outputs}, "output [N, O, T]", acts.get(2).shape()));
        return rows;
    }

    /**
     * Formats the rows as the course's table.
     *
     * @param rows from {@link #run}
     * @return a Markdown table
     */
    public static String table(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(
                    List.of(
                            r.component(),
                            shape(r.courseShape()),
                            Long.toString(r.size()),
                            r.dl4jName(),
                            shape(r.dl4jShape())));
        }
        return Exercises.table(
                List.of("component", "course shape", "entries", "DL4J", "DL4J shape"), cells);
    }

    /**
     * Prints the table for F=4, H=5, O=3 and a batch of 2 sequences of 7 steps.
     *
     * @param out where the report goes
     */
    public static void print(PrintWriter out) {
        out.println(
                "settings: F=4 inputs, H=5 units, O=3 outputs, a batch of N=2 sequences of T=7"
                        + " steps");
        out.print(table(run(4, 5, 3, 2, 7)));
    }

    /**
     * Runs {@code rnnkit exercise component-sizes ARGS...}: the shapes of the course beside DL4J's.
     * The command line parses the arguments (see {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise component-sizes}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "component-sizes"), args);
    }

    private static String shape(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(s.length() == 0 ? "" : " x ").append(d);
        }
        return s.toString();
    }
}
