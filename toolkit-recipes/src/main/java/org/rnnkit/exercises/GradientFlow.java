package org.rnnkit.exercises;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.CellType;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.model.layers.SimpleRnnLayer;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 5: backpropagation through time, vanishing and exploding gradients, and gradient
 * clipping.
 *
 * <p>Task: {@link LongTermDependency#firstSymbolTask}, sequences of {@code length} one-hot symbols
 * whose label (the first symbol) is scored at the last step only (many-to-one: a softmax {@link
 * RnnOutputLayer} whose labels mask is 1 at the last step). For a network and a batch, {@link
 * #inputGradientNorms} returns {@code ||dL/dx_t||} for every step {@code t}: the L2 norm over the
 * batch of the gradient of the loss with respect to the input at step {@code t}, from DL4J's {@code
 * MultiLayerNetwork.calculateGradients}. Its value at the first step against the last step shows
 * how much of the error signal BPTT carries back over {@code length - 1} steps (Bengio, Simard and
 * Frasconi 1994; Pascanu, Mikolov and Bengio 2013).
 *
 * <ol>
 *   <li><b>Vanishing.</b> Freshly initialised (seeded, Xavier) networks of one recurrent layer:
 *       rnnkit's {@link SimpleRnnLayer} (tanh), {@link LstmLayer} (forget-gate bias 1.0) and {@link
 *       GruLayer}, which compute the same functions as DL4J's {@code SimpleRnn} and {@code LSTM},
 *       with the same initial weight scale, several times faster (DL4J has no GRU), each at {@code
 *       initializations} seeds (the per-step norms are averaged geometrically, because a single
 *       Xavier-initialised simple RNN sits near the edge of stability and its decay varies by
 *       orders of magnitude from seed to seed). Computed in DOUBLE so that tiny norms are exact.
 *       The simple RNN multiplies the gradient by {@code diag(1 - h^2) U^T} at each step and loses
 *       orders of magnitude. The gated cells at their <em>default</em> initialisation do not keep
 *       more: the LSTM's cell path is multiplied by the forget gate, {@code sigmoid(1) ~ 0.73} per
 *       step, and the GRU's state path by the update gate, {@code sigmoid(0) = 0.5}, which vanishes
 *       faster than the simple RNN. What the gates give is a path whose factor is a gate value, not
 *       a weight matrix squashed by {@code tanh'}: with the gate opened ({@code gateBias} on the
 *       LSTM's forget gate, Gers et al. 2000; on the GRU's update gate, Tallec and Ollivier 2018)
 *       the factor is close to 1 without the state exploding, and the first step receives far more
 *       gradient than in the simple RNN. Training learns such gates; the open-gate rows show the
 *       untrained state it can reach.
 *   <li><b>Exploding.</b> DL4J's {@link SimpleRnn} with the identity activation and recurrent
 *       weights {@code U = gain * I} (spectral radius {@code gain}): the gradient at step {@code t}
 *       is {@code gain^(length - t)} times that at the last step, so the first-to-last ratio is
 *       exactly {@code gain^(length - 1)}.
 *   <li><b>Clipping.</b> The exploding network trained for a few plain SGD steps with a large
 *       learning rate: without clipping its parameters and loss overflow to infinity or NaN; with
 *       DL4J's {@link GradientNormalization#ClipL2PerLayer} (norm clipping) or {@link
 *       GradientNormalization#ClipElementWiseAbsoluteValue} (value clipping) at {@code
 *       clipThreshold} every update is bounded and training stays finite.
 * </ol>
 *
 * <p>Run: {@code java -cp ... org.rnnkit.exercises.GradientFlow [gradient-flow.png]}; prints the
 * norm tables and writes the curves as a PNG with a log-scale y axis. Takes a few seconds on CPU.
 */
public final class GradientFlow {

    private GradientFlow() {}

    /**
     * Settings of the exercise.
     *
     * @param length steps per sequence, >= 2
     * @param symbols alphabet size (input width and classes), >= 2
     * @param hiddenSize units of the recurrent layer, > 0
     * @param batchSize sequences in the batch the gradients are computed on, > 0
     * @param gateBias the open-gate initial bias: LSTM forget gate and GRU update gate, finite
     * @param explodingGain the recurrent weights of the exploding network, {@code gain * I}, > 0
     * @param learningRate SGD learning rate of the clipping runs, > 0
     * @param trainingSteps SGD steps of the clipping runs, > 0
     * @param clipThreshold threshold of both clipping kinds, > 0
     * @param reportEvery the tables show every {@code reportEvery}-th step, > 0
     * @param initializations freshly initialised networks per cell, with seeds {@code seed, seed +
     *     1, ...}; their norms are averaged geometrically, step by step, > 0
     * @param seed seed of the data and the weights
     */
    public record Options(
            int length,
            int symbols,
            int hiddenSize,
            int batchSize,
            double gateBias,
            double explodingGain,
            double learningRate,
            int trainingSteps,
            double clipThreshold,
            int reportEvery,
            int initializations,
            long seed) {

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException if a setting is out of range
         */
        public Options {
            Exercises.require(length >= 2, "length must be >= 2, received: length=" + length);
            Exercises.require(symbols >= 2, "symbols must be >= 2, received: symbols=" + symbols);
            Exercises.requirePositive("hiddenSize", hiddenSize);
            Exercises.requirePositive("batchSize", batchSize);
            Exercises.requirePositive("trainingSteps", trainingSteps);
            Exercises.requirePositive("reportEvery", reportEvery);
            Exercises.requirePositive("initializations", initializations);
            Exercises.require(
                    Double.isFinite(gateBias),
                    "gateBias must be finite, received: gateBias=" + gateBias);
            Exercises.requirePositive("explodingGain", explodingGain);
            Exercises.requirePositive("learningRate", learningRate);
            Exercises.requirePositive("clipThreshold", clipThreshold);
        }

        /**
         * The course settings: 100 steps, 4 symbols, 32 units, a batch of 64, open-gate bias 3,
         * gain 3, SGD 0.1 for 5 steps, clipping at 1.0, every 20th step reported, 5
         * initialisations, seed 42.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(100, 4, 32, 64, 3.0, 3.0, 0.1, 5, 1.0, 20, 5, 42);
        }
    }

    /**
     * The gradient norms of one network.
     *
     * @param network what was measured, e.g. {@code "SimpleRnn"}
     * @param norms {@code ||dL/dx_t||} for {@code t = 1 .. length} (index {@code t - 1}), the
     *     geometric mean over the initialisations
     */
    public record GradientProfile(String network, double[] norms) {

        /**
         * Copies the norms.
         *
         * @throws NullPointerException if an argument is null
         */
        public GradientProfile {
            Objects.requireNonNull(network, "network");
            norms = norms.clone();
        }

        @Override
        public double[] norms() {
            return norms.clone();
        }

        /**
         * The norm at the first step over the norm at the last step.
         *
         * @return {@code ||dL/dx_1|| / ||dL/dx_T||}: below 1 vanishing, above 1 exploding
         */
        public double firstToLast() {
            return norms[0] / norms[norms.length - 1];
        }
    }

    /**
     * One training run of the exploding network.
     *
     * @param clipping DL4J's gradient normalization ({@code None} for no clipping)
     * @param losses the loss before training and after each step ({@code trainingSteps + 1})
     * @param maxAbsParameter the largest absolute parameter after training (NaN if any is NaN)
     * @param finite whether every loss and every parameter is finite
     */
    public record TrainingRun(
            GradientNormalization clipping,
            double[] losses,
            double maxAbsParameter,
            boolean finite) {

        /**
         * Copies the losses.
         *
         * @throws NullPointerException if an argument is null
         */
        public TrainingRun {
            Objects.requireNonNull(clipping, "clipping");
            losses = losses.clone();
        }

        @Override
        public double[] losses() {
            return losses.clone();
        }
    }

    /**
     * The numbers of the exercise.
     *
     * @param options the settings used
     * @param untrained the gradient norms of the freshly initialised networks, per cell, with the
     *     layers' default initialisation
     * @param openGate the same for the LSTM and the GRU initialised with open gates ({@code
     *     gateBias} on the LSTM's forget gate and the GRU's update gate)
     * @param exploding the gradient norms of the linear simple RNN with {@code U = gain * I}
     * @param training the exploding network trained without clipping, with norm clipping and with
     *     value clipping, in this order
     */
    public record Result(
            Options options,
            Map<CellType, GradientProfile> untrained,
            Map<CellType, GradientProfile> openGate,
            GradientProfile exploding,
            List<TrainingRun> training) {

        /**
         * Copies the collections.
         *
         * @throws NullPointerException if an argument is null
         */
        public Result {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(exploding, "exploding");
            untrained = Map.copyOf(untrained);
            openGate = Map.copyOf(openGate);
            training = List.copyOf(training);
        }

        /**
         * The norm table: one row per network, every {@code reportEvery}-th step and the
         * first-to-last ratio.
         *
         * @return a Markdown table
         */
        public String normTable() {
            List<Integer> steps = reportedSteps(options);
            List<String> header = new ArrayList<>(List.of("network"));
            for (int t : steps) {
                header.add("t=" + t);
            }
            header.add("first/last");
            List<GradientProfile> profiles = new ArrayList<>();
            for (CellType cell : CellType.values()) {
                profiles.add(untrained.get(cell));
            }
            profiles.add(openGate.get(CellType.LSTM));
            profiles.add(openGate.get(CellType.GRU));
            profiles.add(exploding);
            List<List<String>> rows = new ArrayList<>();
            for (GradientProfile profile : profiles) {
                List<String> row = new ArrayList<>(List.of(profile.network()));
                double[] norms = profile.norms();
                for (int t : steps) {
                    row.add(scientific(norms[t - 1]));
                }
                row.add(scientific(profile.firstToLast()));
                rows.add(row);
            }
            return Exercises.table(header, rows);
        }

        /**
         * The clipping table: one row per run, the loss after each step, the largest parameter and
         * whether everything stayed finite.
         *
         * @return a Markdown table
         */
        public String trainingTable() {
            List<String> header = new ArrayList<>(List.of("clipping"));
            for (int step = 0; step <= options.trainingSteps(); step++) {
                header.add("loss@" + step);
            }
            header.add("max|param|");
            header.add("finite");
            List<List<String>> rows = new ArrayList<>();
            for (TrainingRun run : training) {
                List<String> row = new ArrayList<>(List.of(run.clipping().name()));
                for (double loss : run.losses()) {
                    row.add(scientific(loss));
                }
                row.add(scientific(run.maxAbsParameter()));
                row.add(Boolean.toString(run.finite()));
                rows.add(row);
            }
            return Exercises.table(header, rows);
        }

        /**
         * The curves {@code ||dL/dx_t||} over {@code t} of the untrained networks (vanishing),
         * log-scale y.
         *
         * @return the chart
         */
        public XYChart chart() {
            XYChart chart = logChart("Gradient reaching each step, untrained networks");
            for (CellType cell : CellType.values()) {
                addCurve(chart, untrained.get(cell));
            }
            addCurve(chart, openGate.get(CellType.LSTM));
            addCurve(chart, openGate.get(CellType.GRU));
            return chart;
        }

        /**
         * The curve {@code ||dL/dx_t||} over {@code t} of the exploding network, log-scale y.
         *
         * @return the chart
         */
        public XYChart explodingChart() {
            XYChart chart = logChart("Gradient reaching each step, exploding network");
            addCurve(chart, exploding);
            return chart;
        }

        private XYChart logChart(String title) {
            XYChart chart =
                    new XYChartBuilder()
                            .width(800)
                            .height(500)
                            .title(title + ", loss at step " + options.length())
                            .xAxisTitle("step t")
                            .yAxisTitle("||dL/dx_t||")
                            .build();
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisTickMarkSpacingHint(80);
            chart.getStyler().setPlotGridVerticalLinesVisible(false);
            chart.getStyler().setYAxisDecimalPattern("0.#E0");
            return chart;
        }

        private static void addCurve(XYChart chart, GradientProfile profile) {
            double[] norms = profile.norms();
            double[] steps = new double[norms.length];
            for (int t = 0; t < steps.length; t++) {
                steps[t] = t + 1;
            }
            chart.addSeries(profile.network(), steps, norms).setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * Computes the whole exercise.
     *
     * @param options the settings
     * @return the gradient profiles and the clipping runs
     * @throws NullPointerException if {@code options} is null
     */
    public static Result run(Options options) {
        Objects.requireNonNull(options, "options");
        DataSet data = batch(options);
        Map<CellType, GradientProfile> untrained = new EnumMap<>(CellType.class);
        for (CellType cell : CellType.values()) {
            untrained.put(cell, averagedProfile(Exercises.label(cell), cell, options, false, data));
        }
        Map<CellType, GradientProfile> openGate = new EnumMap<>(CellType.class);
        String bias = Exercises.fixed(options.gateBias(), 1);
        openGate.put(
                CellType.LSTM,
                averagedProfile("LSTM, forget bias " + bias, CellType.LSTM, options, true, data));
        openGate.put(
                CellType.GRU,
                averagedProfile("GRU, update bias " + bias, CellType.GRU, options, true, data));
        GradientProfile exploding =
                new GradientProfile(
                        "SimpleRnn linear, U=" + Exercises.fixed(options.explodingGain(), 1) + "I",
                        inputGradientNorms(
                                explodingNetwork(options, GradientNormalization.None), data));
        List<TrainingRun> training = new ArrayList<>();
        for (GradientNormalization clipping :
                List.of(
                        GradientNormalization.None,
                        GradientNormalization.ClipL2PerLayer,
                        GradientNormalization.ClipElementWiseAbsoluteValue)) {
            training.add(train(options, clipping, data));
        }
        return new Result(options, untrained, openGate, exploding, training);
    }

    private static GradientProfile averagedProfile(
            String name, CellType cell, Options options, boolean openGate, DataSet data) {
        double[] logSum = new double[options.length()];
        for (int i = 0; i < options.initializations(); i++) {
            double[] norms =
                    inputGradientNorms(
                            untrainedNetwork(cell, options, openGate, options.seed() + i), data);
            for (int t = 0; t < logSum.length; t++) {
                logSum[t] += Math.log(norms[t]);
            }
        }
        double[] mean = new double[logSum.length];
        for (int t = 0; t < mean.length; t++) {
            mean[t] = Math.exp(logSum[t] / options.initializations());
        }
        return new GradientProfile(name, mean);
    }

    /**
     * The batch every measurement uses: {@code batchSize} sequences of the first-symbol task.
     *
     * @param options the settings
     * @return features {@code [batchSize, symbols, length]}, labels and labels mask (last step
     *     only), in DOUBLE
     */
    public static DataSet batch(Options options) {
        DataSet data =
                LongTermDependency.firstSymbolTask(
                        options.batchSize(), options.length(), options.symbols(), options.seed());
        return new DataSet(
                data.getFeatures().castTo(DataType.DOUBLE),
                data.getLabels().castTo(DataType.DOUBLE),
                null,
                data.getLabelsMaskArray().castTo(DataType.DOUBLE));
    }

    /**
     * The norm of the gradient of the loss with respect to the input at each step.
     *
     * @param network a network whose first layer takes the features
     * @param data features {@code [batch, size, time]}, labels and an optional labels mask
     * @return {@code ||dL/dx_t||} for each step (length {@code time}), the L2 norm over the batch
     *     and the input features of {@code dL/dx[:, :, t]}
     * @throws NullPointerException if an argument is null
     */
    public static double[] inputGradientNorms(MultiLayerNetwork network, DataSet data) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        Pair<Gradient, INDArray> gradients =
                network.calculateGradients(
                        data.getFeatures(),
                        data.getLabels(),
                        data.getFeaturesMaskArray(),
                        data.getLabelsMaskArray());
        INDArray inputGradient = gradients.getSecond();
        double[] norms = new double[(int) inputGradient.size(2)];
        for (int t = 0; t < norms.length; t++) {
            norms[t] =
                    inputGradient
                            .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                            .norm2Number()
                            .doubleValue();
        }
        return norms;
    }

    /**
     * A freshly initialised network: one recurrent layer of the cell and a softmax output layer.
     *
     * @param cell the cell: rnnkit's {@link SimpleRnnLayer} (tanh), {@link LstmLayer} or {@link
     *     GruLayer}
     * @param options the sizes and {@code gateBias}
     * @param openGate whether the LSTM's forget-gate bias or the GRU's update-gate bias starts at
     *     {@code gateBias} instead of the layer's default (1.0 and 0); ignored for the simple RNN
     * @param seed the seed of the weights
     * @return the network, in DOUBLE
     * @throws NullPointerException if an argument is null
     */
    public static MultiLayerNetwork untrainedNetwork(
            CellType cell, Options options, boolean openGate, long seed) {
        Objects.requireNonNull(cell, "cell");
        int width = options.symbols() + 1;
        int hidden = options.hiddenSize();
        Layer recurrent =
                Exercises.recurrentLayer(cell, width, hidden, openGate ? options.gateBias() : 1.0);
        MultiLayerNetwork network =
                network(recurrent, options, GradientNormalization.None, false, seed);
        if (openGate && cell == CellType.GRU) {
            Exercises.setGruUpdateGateBias(network, 0, options.gateBias());
        }
        return network;
    }

    /**
     * The exploding network: DL4J's {@link SimpleRnn} with the identity activation and recurrent
     * weights {@code explodingGain * I}, trained with plain SGD, and a linear output layer with
     * squared error on the one-hot label. (A softmax saturates to exact zeros once the state is
     * large, and DL4J's cross-entropy then returns NaN already in the forward pass, {@code 0 * log
     * 0}, which would hide the gradient behind the overflow.)
     *
     * @param options the sizes, gain, learning rate, clipping threshold and seed
     * @param clipping DL4J's gradient normalization, applied per layer with {@code clipThreshold}
     * @return the network, in DOUBLE
     * @throws NullPointerException if an argument is null
     */
    public static MultiLayerNetwork explodingNetwork(
            Options options, GradientNormalization clipping) {
        Objects.requireNonNull(clipping, "clipping");
        int hidden = options.hiddenSize();
        Layer recurrent =
                new SimpleRnn.Builder()
                        .activation(Activation.IDENTITY)
                        .nIn(options.symbols() + 1)
                        .nOut(hidden)
                        .build();
        MultiLayerNetwork network = network(recurrent, options, clipping, true, options.seed());
        network.getLayer(0)
                .setParam(
                        SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY,
                        Nd4j.eye(hidden).castTo(DataType.DOUBLE).muli(options.explodingGain()));
        return network;
    }

    /**
     * Trains the exploding network on one batch for {@code trainingSteps} SGD steps.
     *
     * @param options the settings
     * @param clipping {@code None}, {@code ClipL2PerLayer} (norm clipping) or {@code
     *     ClipElementWiseAbsoluteValue} (value clipping), with {@code clipThreshold}
     * @param data the batch, from {@link #batch}
     * @return the losses, the largest parameter and whether everything stayed finite
     * @throws NullPointerException if an argument is null
     */
    public static TrainingRun train(Options options, GradientNormalization clipping, DataSet data) {
        Objects.requireNonNull(data, "data");
        MultiLayerNetwork network = explodingNetwork(options, clipping);
        double[] losses = new double[options.trainingSteps() + 1];
        losses[0] = network.score(data);
        for (int step = 1; step <= options.trainingSteps(); step++) {
            network.fit(data);
            losses[step] = network.score(data);
        }
        boolean finite = true;
        for (double loss : losses) {
            finite &= Double.isFinite(loss);
        }
        double maxAbs = 0;
        for (double p : network.params().toDoubleVector()) {
            finite &= Double.isFinite(p);
            maxAbs =
                    Double.isNaN(p) || Double.isNaN(maxAbs)
                            ? Double.NaN
                            : Math.max(maxAbs, Math.abs(p));
        }
        return new TrainingRun(clipping, losses, maxAbs, finite);
    }

    private static MultiLayerNetwork network(
            Layer recurrent,
            Options options,
            GradientNormalization clipping,
            boolean linear,
            long seed) {
        NeuralNetConfiguration.Builder builder =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.DOUBLE)
                        .weightInit(WeightInit.XAVIER)
                        .updater(new Sgd(options.learningRate()));
        if (clipping != GradientNormalization.None) {
            builder.gradientNormalization(clipping)
                    .gradientNormalizationThreshold(options.clipThreshold());
        }
        MultiLayerConfiguration conf =
                builder.list()
                        .layer(recurrent)
                        .layer(
                                new RnnOutputLayer.Builder(
                                                linear
                                                        ? LossFunctions.LossFunction.MSE
                                                        : LossFunctions.LossFunction.MCXENT)
                                        .activation(
                                                linear ? Activation.IDENTITY : Activation.SOFTMAX)
                                        .nIn(options.hiddenSize())
                                        .nOut(options.symbols())
                                        .build())
                        .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    private static List<Integer> reportedSteps(Options options) {
        List<Integer> steps = new ArrayList<>(List.of(1));
        for (int t = options.reportEvery(); t < options.length(); t += options.reportEvery()) {
            if (t > 1) {
                steps.add(t);
            }
        }
        steps.add(options.length());
        return steps;
    }

    private static String scientific(double value) {
        return String.format(java.util.Locale.ROOT, "%.2e", value);
    }

    /**
     * Prints the tables with the default settings (which the first line names) and writes the two
     * PNGs into a directory.
     *
     * @param out where the report goes
     * @param directory where {@code gradient-flow.png} (vanishing curves) and {@code
     *     gradient-flow-exploding.png} go; created if missing
     * @throws IOException if a PNG cannot be written
     */
    public static void print(PrintWriter out, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path png = directory.resolve("gradient-flow.png");
        Options options = Options.defaults();
        Result result = run(options);
        out.println(
                "Exercise 5: ||dL/dx_t|| of untrained networks, loss at the last of "
                        + options.length()
                        + " steps (batch "
                        + options.batchSize()
                        + ", geometric mean over "
                        + options.initializations()
                        + " initialisations, seeds "
                        + options.seed()
                        + "..."
                        + (options.seed() + options.initializations() - 1)
                        + ")");
        out.println();
        out.print(result.normTable());
        out.println();
        out.println(
                "Training the exploding network: SGD "
                        + options.learningRate()
                        + ", "
                        + options.trainingSteps()
                        + " steps, clipping threshold "
                        + options.clipThreshold());
        out.println();
        out.print(result.trainingTable());
        Exercises.writePng(result.chart(), png);
        Path explodingPng = directory.resolve("gradient-flow-exploding.png");
        Exercises.writePng(result.explodingChart(), explodingPng);
        out.println();
        out.println("Wrote " + png + " and " + explodingPng);
    }

    /**
     * Runs {@code rnnkit exercise gradient-flow ARGS...}: gradient norms per step and clipping. The
     * command line parses the arguments (see {@code --help}, {@code --out} for the PNGs) and sets
     * the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise gradient-flow}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "gradient-flow"), args);
    }
}
