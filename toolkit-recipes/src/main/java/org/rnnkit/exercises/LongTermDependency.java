package org.rnnkit.exercises;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.CellType;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.model.layers.SimpleRnnLayer;

/**
 * Exercise 7: a simple RNN vs. LSTM and GRU on a dependency that spans the whole sequence.
 *
 * <p>Task ({@link #firstSymbolTask}): each sequence is {@code length} one-hot symbols drawn
 * uniformly from an alphabet of {@code symbols}; the label is the <em>first</em> symbol, and every
 * later symbol is a distractor from the same alphabet. One more input channel, a start flag, is 1
 * at the first step only (as a begin-of-sequence token), so that a gate can learn when to write.
 * The loss is taken at the last step only (many-to-one), so the network must carry the first symbol
 * through {@code length - 1} updates of its state. Chance accuracy is {@code 1 / symbols}.
 *
 * <p>Model: one recurrent layer of {@code hiddenSize} units (rnnkit's {@link SimpleRnnLayer} with
 * tanh, {@link LstmLayer} or {@link GruLayer}, which compute the same functions as DL4J's {@code
 * SimpleRnn} and {@code LSTM}, several times faster) and a softmax {@link RnnOutputLayer} whose
 * labels mask keeps only the last step, trained with Adam and per-layer gradient norm clipping
 * (DL4J's {@code ClipL2PerLayer} at {@code clipThreshold}, for every cell) on {@code trainSize}
 * sequences and scored on {@code testSize} sequences generated with another seed. The LSTM's
 * forget-gate bias starts at {@code forgetGateBias} and the GRU's update-gate bias at {@code
 * updateGateBias}: gates that start open let the gradient reach the first step (see {@link
 * GradientFlow}: at their default initialisation the gated cells get no more gradient at the first
 * step than the simple RNN, and the GRU much less).
 *
 * <p>Expected (the course's answer): at the short length every cell learns the task (asserted by
 * {@code LongTermDependencyTest}); at the long length the simple RNN stays near chance, because the
 * gradient reaching the first step vanishes (exercise 5, {@link GradientFlow}), while the gated
 * cells are near perfect. This is <em>not</em> yet a robust outcome of this implementation, so no
 * test asserts it. Measured at length 100 (hidden 32, 3200 sequences in batches of 32, 5 epochs =
 * 500 updates, Adam 0.01, clipping 1.0, gate biases 3; seeds 1, 2, 3 unless stated):
 *
 * <ul>
 *   <li>2 symbols (seed 7): SimpleRnn, LSTM and GRU all reach 1.000. A tanh unit with a large
 *       self-weight latches one bit, and Adam finds it (SimpleRnn still reaches 1.000 at length
 *       200); with Nesterov SGD (0.1, momentum 0.9) SimpleRnn reaches 1.000 and LSTM and GRU stay
 *       at chance (0.49, 0.51).
 *   <li>4 symbols: GRU 1.000 on every seed; SimpleRnn 0.642, 0.478, 0.250 (chance 0.25); LSTM
 *       0.236, 0.220, 0.224 with forget-gate bias 5 and 0.252, 0.228, 0.228 with bias 3.
 *   <li>8 symbols: GRU 0.998, 1.000, 1.000; SimpleRnn 0.140, 0.206, 0.240 (chance 0.125); LSTM
 *       0.104, 0.736, 0.132; with Adam 0.003 the LSTM reaches 1.000, 0.968, 0.494 (forget-gate bias
 *       3) and 0.838, 0.816, 0.962 (bias 5), and stays at chance with bias 1.
 * </ul>
 *
 * <p>So with 8 symbols the simple RNN fails and the GRU with an open update gate succeeds on every
 * seed tried, but the LSTM learns the task within 500 updates only on some seeds; {@code main}
 * prints what a run gives.
 *
 * <p>Run: {@code java -cp ... org.rnnkit.exercises.LongTermDependency}; prints the accuracy table
 * (rows cells, columns lengths). See {@link Options#defaults()} for the settings and their cost.
 */
public final class LongTermDependency {

    private LongTermDependency() {}

    /**
     * Settings of the exercise.
     *
     * @param lengths the sequence lengths to compare, each >= 2
     * @param symbols alphabet size (one-hot input width and number of classes), >= 2
     * @param hiddenSize units of the recurrent layer, > 0
     * @param trainSize training sequences per length, > 0
     * @param testSize held-out sequences per length, > 0
     * @param batchSize sequences per update, > 0
     * @param epochs passes over the training sequences, > 0
     * @param learningRate Adam's learning rate, > 0
     * @param clipThreshold the largest L2 norm of each layer's gradient (DL4J's {@code
     *     ClipL2PerLayer}), > 0
     * @param forgetGateBias initial bias of the LSTM's forget gate (DL4J's default is 1.0)
     * @param updateGateBias initial bias of the GRU's update gate {@code z} (0 is a plain GRU), set
     *     with {@link Exercises#setGruUpdateGateBias}
     * @param seed seed of the training data and the weights; the test data uses {@code seed + 1}
     */
    public record Options(
            int[] lengths,
            int symbols,
            int hiddenSize,
            int trainSize,
            int testSize,
            int batchSize,
            int epochs,
            double learningRate,
            double clipThreshold,
            double forgetGateBias,
            double updateGateBias,
            long seed) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException if a setting is out of range
         */
        public Options {
            Objects.requireNonNull(lengths, "lengths");
            if (lengths.length == 0) {
                throw new IllegalArgumentException(
                        "lengths must not be empty, received: lengths=[]");
            }
            lengths = lengths.clone();
            for (int length : lengths) {
                if (length < 2) {
                    throw new IllegalArgumentException(
                            "lengths must be >= 2, received: length=" + length);
                }
            }
            if (symbols < 2) {
                throw new IllegalArgumentException(
                        "symbols must be >= 2, received: symbols=" + symbols);
            }
            positive("hiddenSize", hiddenSize);
            positive("trainSize", trainSize);
            positive("testSize", testSize);
            positive("batchSize", batchSize);
            positive("epochs", epochs);
            if (!Double.isFinite(forgetGateBias)) {
                throw new IllegalArgumentException(
                        "forgetGateBias must be finite, received: forgetGateBias="
                                + forgetGateBias);
            }
            if (!Double.isFinite(updateGateBias)) {
                throw new IllegalArgumentException(
                        "updateGateBias must be finite, received: updateGateBias="
                                + updateGateBias);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException(
                        "learningRate must be > 0, received: learningRate=" + learningRate);
            }
            if (!(clipThreshold > 0) || Double.isInfinite(clipThreshold)) {
                throw new IllegalArgumentException(
                        "clipThreshold must be finite and > 0, received: clipThreshold="
                                + clipThreshold);
            }
        }

        /**
         * The course settings: lengths 5, 20 and 50, 4 symbols, 32 units, 2000 training and 500
         * test sequences, batches of 50, 6 epochs, Adam 0.01, clipping 1.0, forget-gate and
         * update-gate biases 3, seed 7. A few minutes on 2 CPU cores.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(
                    new int[] {5, 20, 50}, 4, 32, 2000, 500, 50, 6, 0.01, 1.0, 3.0, 3.0, 7);
        }

        @Override
        public int[] lengths() {
            return lengths.clone();
        }

        /**
         * Returns these options with another seed.
         *
         * @param newSeed the seed
         * @return the copy
         */
        public Options withSeed(long newSeed) {
            return new Options(
                    lengths,
                    symbols,
                    hiddenSize,
                    trainSize,
                    testSize,
                    batchSize,
                    epochs,
                    learningRate,
                    clipThreshold,
                    forgetGateBias,
                    updateGateBias,
                    newSeed);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(
                        name + " must be > 0, received: " + name + "=" + value);
            }
        }
    }

    /**
     * The accuracies of the exercise.
     *
     * @param options the settings used
     * @param accuracy held-out accuracy per cell, in the order of {@link Options#lengths()}
     * @param chance the accuracy of guessing, {@code 1 / symbols}
     */
    public record Result(Options options, Map<CellType, double[]> accuracy, double chance) {

        /**
         * Copies the map (the arrays stay shared; treat them as read-only).
         *
         * @throws NullPointerException if an argument is null
         */
        public Result {
            Objects.requireNonNull(options, "options");
            accuracy = Map.copyOf(accuracy);
        }

        /**
         * The held-out accuracy of one cell at one length.
         *
         * @param cell the cell
         * @param length one of {@link Options#lengths()}
         * @return the accuracy in [0, 1]
         * @throws IllegalArgumentException if the length was not run
         */
        public double accuracy(CellType cell, int length) {
            int[] lengths = options.lengths();
            for (int i = 0; i < lengths.length; i++) {
                if (lengths[i] == length) {
                    return accuracy.get(cell)[i];
                }
            }
            throw new IllegalArgumentException(
                    "length must be one of "
                            + java.util.Arrays.toString(lengths)
                            + ", received: length="
                            + length);
        }

        /**
         * The course table: one row per cell, one column per length.
         *
         * @return a Markdown table
         */
        public String table() {
            List<String> header = new ArrayList<>(List.of("cell"));
            for (int length : options.lengths()) {
                header.add("T=" + length);
            }
            List<List<String>> rows = new ArrayList<>();
            for (CellType cell : CellType.values()) {
                List<String> row = new ArrayList<>(List.of(Exercises.label(cell)));
                for (double a : accuracy.get(cell)) {
                    row.add(Exercises.fixed(a, 3));
                }
                rows.add(row);
            }
            return Exercises.table(header, rows);
        }
    }

    /**
     * Trains and scores every cell at every length.
     *
     * @param options the settings
     * @return the accuracies
     * @throws NullPointerException if {@code options} is null
     */
    public static Result run(Options options) {
        Objects.requireNonNull(options, "options");
        Map<CellType, double[]> accuracy = new EnumMap<>(CellType.class);
        int[] lengths = options.lengths();
        for (CellType cell : CellType.values()) {
            accuracy.put(cell, new double[lengths.length]);
        }
        for (int i = 0; i < lengths.length; i++) {
            DataSet train =
                    firstSymbolTask(
                            options.trainSize(), lengths[i], options.symbols(), options.seed());
            DataSet test =
                    firstSymbolTask(
                            options.testSize(), lengths[i], options.symbols(), options.seed() + 1);
            for (CellType cell : CellType.values()) {
                accuracy.get(cell)[i] = trainAndScore(cell, train, test, options);
            }
        }
        return new Result(options, accuracy, 1.0 / options.symbols());
    }

    /**
     * Trains one network on {@code train} and returns its accuracy on {@code test}.
     *
     * @param cell the recurrent cell
     * @param train sequences from {@link #firstSymbolTask}
     * @param test held-out sequences of the same length and alphabet
     * @param options the model and training settings ({@code lengths}, {@code trainSize} and {@code
     *     testSize} are not used)
     * @return the fraction of test sequences whose first symbol is predicted at the last step
     * @throws NullPointerException if an argument is null
     */
    public static double trainAndScore(
            CellType cell, DataSet train, DataSet test, Options options) {
        Objects.requireNonNull(cell, "cell");
        MultiLayerNetwork network = network(cell, options);
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            // The same shuffle for every cell, so that the cells differ only in their layer.
            for (DataSet batch : batches(train, options.batchSize(), options.seed() + epoch)) {
                network.fit(batch);
            }
        }
        return accuracy(network, test);
    }

    /**
     * The first-symbol task: one-hot symbols, label = the first symbol, given at the last step.
     *
     * @param count number of sequences, > 0
     * @param length steps per sequence, >= 2
     * @param symbols alphabet size, >= 2
     * @param seed the random seed (same seed, same sequences)
     * @return features {@code [count, symbols + 1, length]} (NCW; the last channel is the start
     *     flag), labels {@code [count, symbols, length]} (one-hot at the last step, zero before)
     *     and labels mask {@code [count, length]} (1 at the last step only); no features mask,
     *     every step is real
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static DataSet firstSymbolTask(int count, int length, int symbols, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0, received: count=" + count);
        }
        if (length < 2) {
            throw new IllegalArgumentException("length must be >= 2, received: length=" + length);
        }
        if (symbols < 2) {
            throw new IllegalArgumentException(
                    "symbols must be >= 2, received: symbols=" + symbols);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int width = symbols + 1;
        double[][][] features = new double[count][width][length];
        double[][][] labels = new double[count][symbols][length];
        double[][] labelsMask = new double[count][length];
        for (int n = 0; n < count; n++) {
            int first = random.nextInt(symbols);
            features[n][first][0] = 1;
            features[n][symbols][0] = 1;
            for (int t = 1; t < length; t++) {
                features[n][random.nextInt(symbols)][t] = 1;
            }
            labels[n][first][length - 1] = 1;
            labelsMask[n][length - 1] = 1;
        }
        return new DataSet(
                Nd4j.create(features).castTo(DataType.FLOAT),
                Nd4j.create(labels).castTo(DataType.FLOAT),
                null,
                Nd4j.create(labelsMask).castTo(DataType.FLOAT));
    }

    private static MultiLayerNetwork network(CellType cell, Options options) {
        int symbols = options.symbols();
        int width = symbols + 1;
        int hidden = options.hiddenSize();
        BaseRecurrentLayer recurrent =
                switch (cell) {
                    case SIMPLE ->
                            new SimpleRnnLayer.Builder()
                                    .rnnActivation(SimpleRnnLayer.Activation.TANH)
                                    .nIn(width)
                                    .nOut(hidden)
                                    .build();
                    case LSTM ->
                            new LstmLayer.Builder()
                                    .forgetGateBiasInit(options.forgetGateBias())
                                    .nIn(width)
                                    .nOut(hidden)
                                    .build();
                    case GRU -> new GruLayer.Builder().nIn(width).nOut(hidden).build();
                };
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(options.seed())
                        .dataType(DataType.FLOAT)
                        .weightInit(WeightInit.XAVIER)
                        .updater(new Adam(options.learningRate()))
                        .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                        .gradientNormalizationThreshold(options.clipThreshold())
                        .list()
                        .layer(recurrent)
                        .layer(
                                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .activation(Activation.SOFTMAX)
                                        .nIn(hidden)
                                        .nOut(symbols)
                                        .build())
                        .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        if (cell == CellType.GRU) {
            Exercises.setGruUpdateGateBias(network, 0, options.updateGateBias());
        }
        return network;
    }

    private static List<DataSet> batches(DataSet data, int batchSize, long seed) {
        int count = data.numExamples();
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < count; start += batchSize) {
            int end = Math.min(count, start + batchSize);
            INDArray rows = Nd4j.createFromArray(java.util.Arrays.copyOfRange(order, start, end));
            batches.add(
                    new DataSet(
                            data.getFeatures().get(rows),
                            data.getLabels().get(rows),
                            null,
                            data.getLabelsMaskArray().get(rows)));
        }
        return batches;
    }

    private static double accuracy(MultiLayerNetwork network, DataSet test) {
        INDArray output = network.output(test.getFeatures(), false);
        long last = output.size(2) - 1;
        INDArray predicted =
                output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last))
                        .argMax(1);
        INDArray truth =
                test.getLabels()
                        .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(last))
                        .argMax(1);
        long correct = 0;
        for (long n = 0; n < predicted.length(); n++) {
            if (predicted.getLong(n) == truth.getLong(n)) {
                correct++;
            }
        }
        return (double) correct / predicted.length();
    }

    /**
     * Prints the accuracy table with the default settings.
     *
     * @param args optional: a seed (default 7)
     */
    public static void main(String[] args) {
        Options options = Options.defaults();
        if (args.length > 0) {
            options = options.withSeed(Long.parseLong(args[0]));
        }
        long start = System.nanoTime();
        Result result = run(options);
        System.out.println(
                "Exercise 7: held-out accuracy of predicting the first of T symbols ("
                        + options.symbols()
                        + " symbols, chance "
                        + Exercises.fixed(result.chance(), 3)
                        + ", seed "
                        + options.seed()
                        + ")");
        System.out.println();
        System.out.print(result.table());
        System.out.println();
        System.out.println(
                "(" + Exercises.fixed((System.nanoTime() - start) / 1e9, 1) + " s on CPU)");
    }
}
