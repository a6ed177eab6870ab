package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a multi-step time-series forecaster: a recurrent encoder reads {@code lookback} past steps
 * and the network predicts the next {@code horizon} steps of {@code numTargets} series at once.
 *
 * <p>Two topologies ({@link Topology}):
 *
 * <pre>
 * DIRECT           history [batch, F, lookback] --recurrent x L--> last step [batch, H]
 *                  --dense--> forecast [batch, horizon * targets]   (index k * targets + j)
 *
 * ENCODER_DECODER  history [batch, F, lookback] --recurrent x L--> last step [batch, H] (context)
 *                  future  [batch, G, horizon]  --concat(context repeated per step, future)-->
 *                  --recurrent x L--> [batch, H, horizon] --dense per step--> forecast [batch, targets, horizon]
 * </pre>
 *
 * <p>The encoder-decoder is the context-vector seq2seq of Cho et al. (2014) and Sutskever et al.
 * (2014) applied to the forecast horizon: the decoder runs over the horizon steps with the encoded
 * history repeated at every step, next to the covariates known in advance for that step (calendar
 * features, a step index). Both are trained with the mean squared error; the recipe decides what
 * the targets mean (rnnkit's forecasting recipe predicts the change from the last observed value).
 *
 * <p>Inputs are named {@value #HISTORY} and, for the encoder-decoder, {@value #FUTURE}; the output
 * is {@value #OUTPUT}. Windows have a fixed length, so no masks are needed; when masks are given,
 * the encoder's last step is the last real step.
 *
 * <p>Recurrent layers ({@link #optRnn(RnnSpec)}): one LSTM of 64, encoder and, for the
 * encoder-decoder, decoder alike; the encoder may be bidirectional, the decoder always reads
 * forward.
 */
public final class ForecasterBuilder extends NetworkBuilder<ForecasterBuilder> {

    /** Name of the history input, {@code [batch, inputSize, lookback]}. */
    public static final String HISTORY = "history";

    /**
     * Name of the known-future input of the encoder-decoder, {@code [batch, futureSize, horizon]}.
     */
    public static final String FUTURE = "future";

    /**
     * Name of the window input of the autoregressive component, {@code [batch, targets *
     * lookback]}: the target columns of the history, flattened (index {@code j * lookback + s}).
     */
    public static final String WINDOW = "window";

    /** Name of the output. */
    public static final String OUTPUT = "forecast";

    /** How the horizon is produced. */
    public enum Topology {
        /**
         * Many-to-one with {@code horizon * targets} outputs: all steps at once from the last
         * state.
         */
        DIRECT,
        /** An encoder over the history and a recurrent decoder over the horizon steps. */
        ENCODER_DECODER;

        /**
         * Parses a topology name: {@code direct}, {@code seq2seq} or {@code encoder-decoder}.
         *
         * @param name the name, case-insensitive
         * @return the topology
         * @throws IllegalArgumentException for another name
         */
        public static Topology parse(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "direct" -> DIRECT;
                case "seq2seq", "encoder-decoder" -> ENCODER_DECODER;
                default ->
                        throw new IllegalArgumentException(
                                "topology must be direct or seq2seq, received: " + name);
            };
        }
    }

    private int inputSize;
    private int horizon;
    private int numTargets = 1;
    private int futureSize = 1;
    private Topology topology = Topology.DIRECT;
    private int autoregressiveLookback;

    private ForecasterBuilder() {
        super(new RnnSpec(CellType.LSTM, 64, 1, false, 0.0));
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@code setInputSize} and {@code setHorizon} are required
     */
    public static ForecasterBuilder builder() {
        return new ForecasterBuilder();
    }

    /**
     * Sets the features per history step (targets, covariates, calendar features).
     *
     * @param inputSize at least 1
     * @return this builder
     */
    public ForecasterBuilder setInputSize(int inputSize) {
        this.inputSize = inputSize;
        return this;
    }

    /**
     * Sets the number of steps forecast.
     *
     * @param horizon at least 1
     * @return this builder
     */
    public ForecasterBuilder setHorizon(int horizon) {
        this.horizon = horizon;
        return this;
    }

    /**
     * Sets the number of series forecast.
     *
     * @param numTargets at least 1 (default 1)
     * @return this builder
     */
    public ForecasterBuilder optNumTargets(int numTargets) {
        this.numTargets = numTargets;
        return this;
    }

    /**
     * Sets the features known in advance for each horizon step (encoder-decoder only).
     *
     * @param futureSize at least 1 (default 1: a step index)
     * @return this builder
     */
    public ForecasterBuilder optFutureSize(int futureSize) {
        this.futureSize = futureSize;
        return this;
    }

    /**
     * Chooses the topology.
     *
     * @param topology direct (default) or encoder-decoder
     * @return this builder
     */
    public ForecasterBuilder optTopology(Topology topology) {
        this.topology = java.util.Objects.requireNonNull(topology, "topology");
        return this;
    }

    /**
     * Adds a linear autoregressive component: a dense layer from the last {@code lookback} values
     * of each target (the graph input {@value #WINDOW}) to every forecast step, added to the
     * recurrent network's output before the loss. This is the "highway" of LSTNet (Lai et al.,
     * 2018): the linear part carries the scale and the short-term autocorrelation, which a linear
     * model fits reliably (strong on the ETT benchmarks, see Zeng et al., 2023), and the recurrent
     * part the non-linear rest.
     *
     * @param lookback the window length, at least 1; 0 removes the component (default)
     * @return this builder
     */
    public ForecasterBuilder optAutoregressive(int lookback) {
        this.autoregressiveLookback = lookback;
        return this;
    }

    /**
     * Returns the configured topology.
     *
     * @return the topology
     */
    public Topology topology() {
        return topology;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @return the graph configuration
     * @throws IllegalArgumentException when a size is missing or out of range
     */
    public ComputationGraphConfiguration buildConfiguration() {
        RnnSpec rnn = rnn();
        atLeast("inputSize", inputSize, 1);
        atLeast("horizon", horizon, 1);
        atLeast("numTargets", numTargets, 1);
        atLeast("futureSize", futureSize, 1);
        rnn.warnIfSuspicious();
        if (autoregressiveLookback < 0) {
            throw new IllegalArgumentException(
                    "autoregressive lookback must be >= 0, received: " + autoregressiveLookback);
        }
        boolean ar = autoregressiveLookback > 0;
        GraphBuilder graph = networkBase().graphBuilder();
        String head;
        if (topology == Topology.DIRECT) {
            graph.addInputs(ar ? new String[] {HISTORY, WINDOW} : new String[] {HISTORY});
            String context =
                    RecurrentStack.add(
                            graph, rnn, HISTORY, inputSize, HISTORY, "encoder", true, false);
            head = ar ? "head" : OUTPUT;
            graph.addLayer(head, directHead(rnn.outputSize(), ar), context);
        } else {
            graph.addInputs(
                    ar ? new String[] {HISTORY, FUTURE, WINDOW} : new String[] {HISTORY, FUTURE});
            String context =
                    RecurrentStack.add(
                            graph, rnn, HISTORY, inputSize, HISTORY, "encoder", true, false);
            graph.addVertex("context_steps", new DuplicateToTimeSeriesVertex(FUTURE), context);
            graph.addVertex("decoder_in", new MergeVertex(), "context_steps", FUTURE);
            RnnSpec decoder = rnn.forwardOnly();
            String top =
                    RecurrentStack.add(
                            graph,
                            decoder,
                            "decoder_in",
                            rnn.outputSize() + futureSize,
                            FUTURE,
                            "decoder",
                            false,
                            false);
            head = ar ? "head" : OUTPUT;
            if (ar) {
                PerStepDense.add(
                        graph,
                        head,
                        new DenseLayer.Builder()
                                .nIn(decoder.outputSize())
                                .nOut(numTargets)
                                .activation(Activation.IDENTITY)
                                .build(),
                        top);
            } else {
                graph.addLayer(
                        head,
                        new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nIn(decoder.outputSize())
                                .nOut(numTargets)
                                .activation(Activation.IDENTITY)
                                .dataFormat(RNNFormat.NCW)
                                .build(),
                        top);
            }
        }
        if (ar) {
            graph.addLayer(
                    "autoregressive",
                    new DenseLayer.Builder()
                            .nIn((long) numTargets * autoregressiveLookback)
                            .nOut((long) horizon * numTargets)
                            .activation(Activation.IDENTITY)
                            .weightInit(WeightInit.ZERO)
                            .build(),
                    WINDOW);
            String linear = "autoregressive";
            if (topology == Topology.ENCODER_DECODER) {
                // index j * horizon + k of the dense output becomes [target j, step k]
                graph.addVertex(
                        "autoregressive_steps",
                        new ReshapeVertex(-1, numTargets, horizon),
                        "autoregressive");
                linear = "autoregressive_steps";
            }
            graph.addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), head, linear);
            graph.addLayer(
                    OUTPUT,
                    topology == Topology.DIRECT
                            ? new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                                    .activation(Activation.IDENTITY)
                                    .build()
                            : new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                                    .activation(Activation.IDENTITY)
                                    .dataFormat(RNNFormat.NCW)
                                    .build(),
                    "sum");
        }
        graph.setOutputs(OUTPUT);
        return graph.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildConfiguration();
    }

    /** The direct head: a dense layer before the sum, or the loss layer itself without one. */
    private org.deeplearning4j.nn.conf.layers.Layer directHead(int inputs, boolean beforeSum) {
        long outputs = (long) horizon * numTargets;
        return beforeSum
                ? new DenseLayer.Builder()
                        .nIn(inputs)
                        .nOut(outputs)
                        .activation(Activation.IDENTITY)
                        .build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(inputs)
                        .nOut(outputs)
                        .activation(Activation.IDENTITY)
                        .build();
    }
}
