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
 *       Keras' {@code reset_after=False} have one bias per gate: {@code 3(FH + H^2 + H)}.
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
                    "inputs, outputs and every hidden size must be >= 1");
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
     * @param count number of parameters
     */
    public record Part(String name, long count) {}

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
     * The formula's terms for a network, in the order of the course.
     *
     * @param spec the network
     * @return W_F, W_R and bias terms of every layer (times gates and directions), then the output
     */
    public static List<Part> parts(Spec spec) {
        List<Part> parts = new ArrayList<>();
        int gates = gates(spec.cell());
        int directions = spec.bidirectional() ? 2 : 1;
        long in = spec.inputs();
        for (int l = 0; l < spec.hidden().size(); l++) {
            long h = spec.hidden().get(l);
            String layer = "layer " + (l + 1) + " ";
            parts.add(new Part(layer + "W_F", directions * gates * h * in));
            parts.add(new Part(layer + "W_R", directions * gates * h * h));
            parts.add(new Part(layer + "b", directions * gates * h));
            if (spec.cell() == CellType.GRU) {
                parts.add(new Part(layer + "b_R", directions * gates * h));
            }
            in = directions * h;
        }
        parts.add(new Part("output W_y", spec.outputs() * in));
        parts.add(new Part("output b_y", spec.outputs()));
        return parts;
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
     * Prints the course's example and a few more networks.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<List<String>> rows = new ArrayList<>();
        for (Spec spec : examples()) {
            Count c = count(spec);
            rows.add(
                    List.of(
                            spec.toString(),
                            c.sum(),
                            Long.toString(c.numParams()),
                            Long.toString(c.summaryTotal())));
        }
        System.out.print(
                Exercises.table(List.of("network", "formula", "numParams()", "summary()"), rows));
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
