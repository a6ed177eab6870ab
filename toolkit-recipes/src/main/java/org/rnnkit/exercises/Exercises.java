package org.rnnkit.exercises;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.model.CellType;
import org.rnnkit.model.layers.FusedRecurrentLayer;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.model.layers.SimpleRnnLayer;

/** Small helpers the exercises share: plots written atomically and plain-text tables. */
public final class Exercises {

    private Exercises() {}

    /**
     * Writes a chart as a PNG, atomically (a reader never sees half a file).
     *
     * @param chart any XChart chart
     * @param file the PNG to write; parent directories must exist
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path writePng(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(
                file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    /**
     * Formats rows as a Markdown table with columns padded to their widest cell.
     *
     * @param header the column names
     * @param rows the cells, each row as long as the header
     * @return the table, one line per row, ending with a newline
     * @throws IllegalArgumentException if a row's length differs from the header's
     */
    public static String table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(3, header.get(c).length());
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        "row has "
                                + row.size()
                                + " cells, header has "
                                + header.size()
                                + ": "
                                + row);
            }
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, width);
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        out.append(rule).append('\n');
        for (List<String> row : rows) {
            appendRow(out, row, width);
        }
        return out.toString();
    }

    /**
     * Formats a number with a fixed count of decimals, independent of the default locale.
     *
     * @param value the number
     * @param decimals digits after the point
     * @return e.g. {@code fixed(0.12345, 3) = "0.123"}
     */
    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * The name the course's tables use for a cell.
     *
     * @param cell the cell
     * @return {@code "SimpleRnn"}, {@code "LSTM"} or {@code "GRU"}
     */
    public static String label(CellType cell) {
        return switch (cell) {
            case SIMPLE -> "SimpleRnn";
            case LSTM -> "LSTM";
            case GRU -> "GRU";
        };
    }

    /**
     * A matrix of "fixed" weights for exercises done by hand: multiples of 0.1 in [-0.5, 0.5].
     *
     * @param random the source of the values (seeded by the caller)
     * @param rows rows
     * @param columns columns
     * @return a double-precision matrix
     */
    public static INDArray tenths(Random random, int rows, int columns) {
        double[][] v = new double[rows][columns];
        for (double[] row : v) {
            for (int c = 0; c < columns; c++) {
                row[c] = (random.nextInt(11) - 5) / 10.0;
            }
        }
        return Nd4j.create(v);
    }

    /**
     * Sets the initial bias of the update gate {@code z} of an rnnkit {@link GruLayer}, the GRU's
     * counterpart of the LSTM's forget-gate bias: with {@code h' = (1 - z) n + z h}, a positive
     * bias starts the cell close to copying its state (Tallec and Ollivier 2018, "chrono
     * initialization"). Sets the input bias {@code b} of gate {@code z} (gate order {@code [r, z,
     * n]}) and leaves the recurrent bias as initialised.
     *
     * @param network an initialised network
     * @param layerIndex the index of a {@link GruLayer}
     * @param bias the bias of every unit's update gate
     * @throws IllegalArgumentException if the layer is not a {@link GruLayer}
     */
    public static void setGruUpdateGateBias(
            MultiLayerNetwork network, int layerIndex, double bias) {
        org.deeplearning4j.nn.conf.layers.Layer conf =
                network.getLayer(layerIndex).conf().getLayer();
        if (!(conf instanceof GruLayer gru)) {
            throw new IllegalArgumentException(
                    "layerIndex must name a GruLayer, received: layerIndex="
                            + layerIndex
                            + " ("
                            + conf.getClass().getSimpleName()
                            + ")");
        }
        long hidden = gru.getNOut();
        network.getLayer(layerIndex)
                .getParam(FusedRecurrentLayer.BIAS_KEY)
                .get(NDArrayIndex.point(0), NDArrayIndex.interval(hidden, 2 * hidden))
                .assign(bias);
    }

    /**
     * Checks an exercise setting.
     *
     * @param name the setting's name, for the message
     * @param value its value
     * @throws IllegalArgumentException naming the setting if {@code value <= 0}
     */
    public static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + " must be > 0, received: " + name + "=" + value);
        }
    }

    /**
     * Checks an exercise setting.
     *
     * @param name the setting's name, for the message
     * @param value its value
     * @throws IllegalArgumentException naming the setting if {@code value} is not > 0 (NaN
     *     included)
     */
    public static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(
                    name + " must be > 0, received: " + name + "=" + value);
        }
    }

    /**
     * Returns one of rnnkit's recurrent layers for a cell: tanh {@link SimpleRnnLayer}, {@link
     * LstmLayer} with the given forget-gate bias, or {@link GruLayer}.
     *
     * @param cell the cell
     * @param inputSize inputs per step
     * @param hiddenSize units
     * @param forgetGateBias the LSTM's initial forget-gate bias (unused by the other cells)
     * @return the layer configuration
     */
    public static BaseRecurrentLayer recurrentLayer(
            CellType cell, int inputSize, int hiddenSize, double forgetGateBias) {
        return switch (cell) {
            case SIMPLE ->
                    new SimpleRnnLayer.Builder()
                            .rnnActivation(SimpleRnnLayer.Activation.TANH)
                            .nIn(inputSize)
                            .nOut(hiddenSize)
                            .build();
            case LSTM ->
                    new LstmLayer.Builder()
                            .forgetGateBiasInit(forgetGateBias)
                            .nIn(inputSize)
                            .nOut(hiddenSize)
                            .build();
            case GRU -> new GruLayer.Builder().nIn(inputSize).nOut(hiddenSize).build();
        };
    }

    /**
     * Builds and initialises a network of the given layers in double precision, the precision the
     * exercises compare hand-written equations in.
     *
     * @param seed the seed of the weights
     * @param layers the layers, first to last
     * @return the initialised network
     */
    public static MultiLayerNetwork doubleNetwork(long seed, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).list();
        for (Layer layer : layers) {
            list.layer(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /**
     * Throws when a setting is out of range.
     *
     * @param ok whether the setting is valid
     * @param message what was expected and what was received
     * @throws IllegalArgumentException with {@code message} when {@code ok} is false
     */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int c = 0; c < width.length; c++) {
            String cell = cells.get(c);
            out.append(' ').append(cell).append(" ".repeat(width[c] - cell.length())).append(" |");
        }
        out.append('\n');
    }
}
