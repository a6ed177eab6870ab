package org.rnnkit.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.CellType;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 2: counting the parameters of recurrent networks by formula, checked against DL4J's
 * {@code numParams()} and its network summary.
 *
 * <p>Per recurrent layer with F inputs and H units (per direction; a bidirectional layer has two
 * independent copies, and the next layer then sees 2H inputs):
 *
 * <ul>
 *   <li>simple RNN: {@code W_F (H x F) + W_R (H x H) + b (H) = H(F + H + 1)};
 *   <li>LSTM (DL4J's {@code LSTM}: four gates, no peepholes): {@code 4(FH + H^2 + H)}; DL4J's
 *       {@code GravesLSTM} adds 3H peephole weights;
 *   <li>GRU (rnnkit's {@link GruLayer}, the PyTorch/cuDNN/Keras {@code reset_after=True} form with
 *       separate input and recurrent biases): {@code 3(FH + H^2 + 2H)}; the original GRU paper and
 *       Keras' {@code reset_after=False} have one bias per gate: {@code 3(FH + H^2 + H)} ({@link
 *       #gruWithoutResetAfter}).
 * </ul>
 *
 * The output layer (per-step dense) adds {@code O x H_last + O}. The course's example: 4 inputs, 5
 * simple RNN units and 3 outputs have {@code 20 + 25 + 5 + 15 + 3 = 68} parameters.
 */
public final class ParameterCount {

    private static final Pattern TOTAL = Pattern.compile("Total Parameters:\\s*([0-9,]+)");

    /**
     * A network: stacked recurrent layers of one cell type and a per-step output layer.
     *
     * @param cell the recurrent cell
     * @param inputs input features per step (F)
     * @param hidden units per layer and direction, one entry per layer
     * @param bidirectional whether every recurrent layer is bidirectional (outputs concatenated)
     * @param outputs output units per step (O)
     */
    public record Spec(
            CellType cell, int inputs, List<Integer> hidden, boolean bidirectional, int outputs) {
        /** Validates and copies. */
        public Spec {
            Exercises.require(
                    inputs >= 1
                            && outputs >= 1
                            && !hidden.isEmpty()
                            && hidden.stream().allMatch(h -> h >= 1),
                    "inputs, outputs and every hidden size must be >= 1, received: inputs="
                            + inputs
                            + ", hidden="
                            + hidden
                            + ", outputs="
                            + outputs);
            hidden = List.copyOf(hidden);
        }

        @Override
        public String toString() {
            return (bidirectional ? "Bi" : "")
                    + cell.name()
                    + " F="
                    + inputs
                    + " H="
                    + hidden
                    + " O="
                    + outputs;
        }
    }

    /**
     * One named group of parameters.
     *
     * @param name e.g. {@code "layer 1 W_F"}, {@code "output b_y"}
     * @param formula how it is counted, e.g. {@code "2 x 3 x h x d = 2 x 3 x 5 x 4"} (directions x
     *     gates x rows x columns, with the numbers put in)
     * @param count number of parameters
     */
    public record Part(String name, String formula, long count) {}

    /**
     * The count for one network, three ways.
     *
     * @param spec the network
     * @param parts the formula's terms
     * @param byFormula their sum
     * @param numParams DL4J's {@code numParams()}
     * @param summaryTotal the total printed by DL4J's {@code summary()}
     */
    public record Count(
            Spec spec, List<Part> parts, long byFormula, long numParams, long summaryTotal) {
        /**
         * @return the sum written out, e.g. {@code "20 + 25 + 5 + 15 + 3 = 68"}
         */
        public String sum() {
            StringBuilder s = new StringBuilder();
            for (Part p : parts) {
                s.append(s.length() == 0 ? "" : " + ").append(p.count());
            }
            return s.append(" = ").append(byFormula).toString();
        }
    }

    private ParameterCount() {}

    /**
     * Parameters of one recurrent layer in one direction.
     *
     * @param cell the cell
     * @param inputs F
     * @param units H
     * @return {@code H(F+H+1)}, {@code 4H(F+H+1)} or {@code 3H(F+H+2)}
     */
    public static long recurrentLayer(CellType cell, long inputs, long units) {
        return switch (cell) {
            case SIMPLE -> units * (inputs + units + 1);
            case LSTM -> 4 * (inputs * units + units * units + units);
            case GRU -> 3 * (inputs * units + units * units + 2 * units);
        };
    }

    /**
     * Parameters of one GRU layer in one direction in the form without reset-after: one bias per
     * gate (Cho et al. 2014; Keras {@code reset_after=False}, whose candidate is {@code tanh(x W_n
     * + (r * h) U_n + b_n)}). rnnkit's {@link GruLayer} does not use this form; the count is for
     * comparison with textbooks that do.
     *
     * @param inputs F
     * @param units H
     * @return {@code 3(FH + H^2 + H)}
     */
    public static long gruWithoutResetAfter(long inputs, long units) {
        return 3 * (inputs * units + units * units + units);
    }

    /**
     * The convention a cell's count follows, in words.
     *
     * @param cell the cell
     * @return one sentence naming the layer class and its bias convention
     */
    public static String convention(CellType cell) {
        return switch (cell) {
            case SIMPLE ->
                    "simple RNN (DL4J SimpleRnn): W_F h x d, W_R h x h, one bias b; h(d + h + 1)"
                            + " per layer and direction";
            case LSTM ->
                    "LSTM (DL4J LSTM, no peepholes): gates i, f, o, g, each with W_F, W_R and one"
                            + " bias b; 4(dh + h^2 + h) per layer and direction";
            case GRU ->
                    "GRU (rnnkit GruLayer, the PyTorch/cuDNN/Keras reset_after=True form): gates"
                            + " r, z, n, each with W_F, W_R, an input bias b and a recurrent bias"
                            + " b_R; 3(dh + h^2 + 2h) per layer and direction";
        };
    }

    /**
     * The formula's terms for a network, in the order of the course, each with its formula.
     *
     * @param spec the network
     * @return W_F, W_R and bias terms of every layer (times gates and directions), then the output
     */
    public static List<Part> parts(Spec spec) {
        List<Part> parts = new ArrayList<>();
        int gates = gates(spec.cell());
        int directions = spec.bidirectional() ? 2 : 1;
        String factors = (directions == 2 ? "2 x " : "") + (gates > 1 ? gates + " x " : "");
        long in = spec.inputs();
        for (int l = 0; l < spec.hidden().size(); l++) {
            long h = spec.hidden().get(l);
            String layer = "layer " + (l + 1) + " ";
            String d = l == 0 ? "d" : (directions == 2 ? "2h" : "h");
            long scale = (long) directions * gates;
            parts.add(
                    new Part(
                            layer + "W_F (input weights)",
                            factors + "h x " + d + " = " + factors + h + " x " + in,
                            scale * h * in));
            parts.add(
                    new Part(
                            layer + "W_R (recurrent weights)",
                            factors + "h x h = " + factors + h + " x " + h,
                            scale * h * h));
            parts.add(
                    new Part(
                            layer + (spec.cell() == CellType.GRU ? "b (input bias)" : "b (bias)"),
                            factors + "h = " + factors + h,
                            scale * h));
            if (spec.cell() == CellType.GRU) {
                parts.add(
                        new Part(
                                layer + "b_R (recurrent bias, reset-after)",
                                factors + "h = " + factors + h,
                                scale * h));
            }
            in = directions * h;
        }
        String last = spec.hidden().size() == 1 && directions == 1 ? "h" : "h_last";
        parts.add(
                new Part(
                        "output W_y",
                        "k x " + last + " = " + spec.outputs() + " x " + in,
                        spec.outputs() * in));
        parts.add(new Part("output b_y", "k = " + spec.outputs(), spec.outputs()));
        return parts;
    }

    /**
     * The network's total with GRU layers in the form without reset-after (one bias per gate,
     * {@link #gruWithoutResetAfter}): the alternative count a textbook may give.
     *
     * @param spec a network of {@link CellType#GRU} layers
     * @return the total with the recurrent biases {@code b_R} left out
     * @throws IllegalArgumentException if the cell is not a GRU
     */
    public static long totalWithoutResetAfter(Spec spec) {
        Exercises.require(
                spec.cell() == CellType.GRU,
                "spec.cell must be GRU, received: spec.cell=" + spec.cell());
        return parts(spec).stream()
                .filter(p -> !p.name().contains("b_R"))
                .mapToLong(Part::count)
                .sum();
    }

    /**
     * Counts a network's parameters by formula and with DL4J.
     *
     * @param spec the network
     * @return the three counts
     */
    public static Count count(Spec spec) {
        List<Part> parts = parts(spec);
        long byFormula = parts.stream().mapToLong(Part::count).sum();
        MultiLayerNetwork net = network(spec);
        return new Count(spec, parts, byFormula, net.numParams(), summaryTotal(net.summary()));
    }

    /**
     * Builds the network of a spec with DL4J's {@code SimpleRnn} and {@code LSTM} and rnnkit's
     * {@link GruLayer}.
     *
     * @param spec the network
     * @return an initialised network
     */
    public static MultiLayerNetwork network(Spec spec) {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder().seed(1).list();
        int directions = spec.bidirectional() ? 2 : 1;
        int in = spec.inputs();
        for (int h : spec.hidden()) {
            Layer layer = recurrent(spec.cell(), in, h);
            list.layer(
                    spec.bidirectional()
                            ? new Bidirectional(Bidirectional.Mode.CONCAT, layer)
                            : layer);
            in = directions * h;
        }
        list.layer(
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(in)
                        .nOut(spec.outputs())
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW)
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * Runs {@code rnnkit exercise parameter-count ARGS...} (see its {@code --help}): the course's
     * example and a few more networks, or one network given by {@code --inputs}, {@code --hidden},
     * {@code --layers}, {@code --outputs}, {@code --cell} and {@code --bidirectional}.
     *
     * @param args the arguments after {@code rnnkit exercise parameter-count}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "parameter-count"), args);
    }

    /**
     * The table of the example networks: formula, DL4J's {@code numParams()} and {@code summary()}
     * total for each.
     *
     * @param counts the counts, e.g. of {@link #examples()}
     * @return a Markdown table and the conventions of the cells in it
     */
    public static String table(List<Count> counts) {
        List<List<String>> rows = new ArrayList<>();
        for (Count c : counts) {
            rows.add(
                    List.of(
                            c.spec().toString(),
                            c.sum(),
                            Long.toString(c.numParams()),
                            Long.toString(c.summaryTotal())));
        }
        StringBuilder out =
                new StringBuilder(
                        Exercises.table(
                                List.of("network", "formula", "numParams()", "summary()"), rows));
        out.append('\n');
        counts.stream()
                .map(c -> c.spec().cell())
                .distinct()
                .forEach(cell -> out.append(convention(cell)).append('\n'));
        return out.toString();
    }

    /**
     * One network's count term by term, with the sizes it was given, the convention of its cell,
     * DL4J's counts and, for a GRU, the total without reset-after.
     *
     * @param c the count of one network
     * @return labelled lines and a Markdown table of the terms
     */
    public static String report(Count c) {
        Spec spec = c.spec();
        StringBuilder out = new StringBuilder();
        out.append("settings: cell ")
                .append(Exercises.label(spec.cell()))
                .append(", inputs d=")
                .append(spec.inputs())
                .append(", hidden h=")
                .append(spec.hidden())
                .append(" (")
                .append(spec.hidden().size())
                .append(spec.hidden().size() == 1 ? " layer" : " layers")
                .append(spec.bidirectional() ? ", bidirectional" : ", unidirectional")
                .append("), outputs k=")
                .append(spec.outputs())
                .append('\n');
        out.append("convention: ").append(convention(spec.cell())).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Part p : c.parts()) {
            rows.add(List.of(p.name(), p.formula(), Long.toString(p.count())));
        }
        rows.add(List.of("total", "", Long.toString(c.byFormula())));
        out.append(Exercises.table(List.of("term", "formula", "parameters"), rows));
        out.append("\nDL4J numParams(): ")
                .append(c.numParams())
                .append(", summary() total: ")
                .append(c.summaryTotal())
                .append(c.numParams() == c.byFormula() ? " (equal to the formula)" : " (DIFFERENT)")
                .append('\n');
        if (spec.cell() == CellType.GRU) {
            out.append("GRU without reset-after (one bias per gate, Cho et al. 2014, Keras")
                    .append(" reset_after=False; 3(dh + h^2 + h) per layer and direction): total ")
                    .append(totalWithoutResetAfter(spec))
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * The networks the exercise prints: the course's example first.
     *
     * @return specs
     */
    public static List<Spec> examples() {
        return List.of(
                new Spec(CellType.SIMPLE, 4, List.of(5), false, 3),
                new Spec(CellType.LSTM, 4, List.of(5), false, 3),
                new Spec(CellType.GRU, 4, List.of(5), false, 3),
                new Spec(CellType.SIMPLE, 4, List.of(5), true, 3),
                new Spec(CellType.LSTM, 10, List.of(32, 16), false, 2),
                new Spec(CellType.LSTM, 10, List.of(32, 16), true, 2),
                new Spec(CellType.GRU, 100, List.of(128, 128), true, 17));
    }

    static long summaryTotal(String summary) {
        Matcher m = TOTAL.matcher(summary);
        if (!m.find()) {
            throw new IllegalStateException(
                    "no 'Total Parameters' line in DL4J's summary:\n" + summary);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static int gates(CellType cell) {
        return switch (cell) {
            case SIMPLE -> 1;
            case LSTM -> 4;
            case GRU -> 3;
        };
    }

    private static Layer recurrent(CellType cell, int in, int units) {
        return switch (cell) {
            case SIMPLE ->
                    new SimpleRnn.Builder().nIn(in).nOut(units).activation(Activation.TANH).build();
            case LSTM -> new LSTM.Builder().nIn(in).nOut(units).activation(Activation.TANH).build();
            case GRU -> new GruLayer.Builder().nIn(in).nOut(units).build();
        };
    }
}
