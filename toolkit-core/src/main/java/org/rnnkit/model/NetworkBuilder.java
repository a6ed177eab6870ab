package org.rnnkit.model;

import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnkit.data.Arguments;
import org.rnnkit.train.OptimizerSpec;

/**
 * What every rnnkit network builder shares: the optimizer, the initialisation seed and the data
 * type, the recurrent layers (whose default each builder states), the configuration every topology
 * starts from, and building the initialised training graph.
 *
 * @param <B> the concrete builder, which the setters return so that calls chain
 */
public abstract sealed class NetworkBuilder<B extends NetworkBuilder<B>>
        permits ForecasterBuilder,
                ImageCaptionBuilder,
                LanguageModelBuilder,
                Seq2SeqBuilder,
                SequenceClassifierBuilder,
                SequenceTaggerBuilder {

    private OptimizerSpec optimizer = OptimizerSpec.defaults();
    private long seed = 42;
    private DataType dataType = DataType.FLOAT;
    private RnnSpec rnn;

    NetworkBuilder() {
        this(RnnSpec.defaults());
    }

    /**
     * Starts a builder whose recurrent layers default to {@code defaultRnn}.
     *
     * @param defaultRnn the topology's default layers
     */
    NetworkBuilder(RnnSpec defaultRnn) {
        this.rnn = Objects.requireNonNull(defaultRnn, "defaultRnn");
    }

    /**
     * Sets the recurrent layers: cell, hidden size, depth, direction and dropout (the dropout also
     * applies to the layer after the last recurrent one).
     *
     * @param rnn the layers; the default is the builder's (see its class javadoc)
     * @return this builder
     * @throws NullPointerException when {@code rnn} is {@code null}
     */
    public B optRnn(RnnSpec rnn) {
        this.rnn = Objects.requireNonNull(rnn, "rnn");
        return self();
    }

    /**
     * Sets the optimizer.
     *
     * @param optimizer Adam, learning-rate decay and clipping; default {@link
     *     OptimizerSpec#defaults()}
     * @return this builder
     * @throws NullPointerException when {@code optimizer} is {@code null}
     */
    public final B optOptimizer(OptimizerSpec optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        return self();
    }

    /**
     * Sets the weight-initialisation seed.
     *
     * @param seed the seed, default 42
     * @return this builder
     */
    public final B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Sets the parameter data type.
     *
     * @param dataType {@code FLOAT} (default) or {@code DOUBLE} (for gradient checks)
     * @return this builder
     * @throws NullPointerException when {@code dataType} is {@code null}
     */
    public final B optDataType(DataType dataType) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        return self();
    }

    /**
     * Validates the settings, builds the training graph and initialises it.
     *
     * @return a ready-to-train graph
     * @throws IllegalArgumentException when a required value is missing or out of range
     */
    public final ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(trainingConfiguration());
        net.init();
        return net;
    }

    /**
     * Validates the settings and builds the configuration of the graph that {@link #build()}
     * trains.
     *
     * @return the configuration
     * @throws IllegalArgumentException when a required value is missing or out of range
     */
    abstract ComputationGraphConfiguration trainingConfiguration();

    /** The recurrent layers set by {@link #optRnn(RnnSpec)}, or the builder's default. */
    final RnnSpec rnn() {
        return rnn;
    }

    /**
     * Seed, data type, updater, Xavier initialisation and per-layer gradient clipping: the
     * configuration every rnnkit topology starts from.
     *
     * @return the builder to add a graph to
     */
    final NeuralNetConfiguration.Builder networkBase() {
        NeuralNetConfiguration.Builder base =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(dataType)
                        .updater(optimizer.toUpdater())
                        .weightInit(WeightInit.XAVIER);
        if (optimizer.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(optimizer.clipNorm());
        }
        return base;
    }

    /**
     * {@link #networkBase()} without workspaces, for the conditioned generators: with them, DL4J
     * 1.0.0-M2.1 reports leaked workspace arrays around the attention vertex (measured), and an
     * encoder graph returns intermediate activations.
     *
     * @return the builder to add a graph to
     */
    final NeuralNetConfiguration.Builder networkBaseWithoutWorkspaces() {
        return networkBase()
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
    }

    /**
     * A trainable token embedding with normally distributed initial rows.
     *
     * @param vocabularySize rows of the table (token ids {@code 0..vocabularySize-1})
     * @param size the embedding width
     * @return the layer, mapping ids {@code [batch, 1, time]} to {@code [batch, size, time]}
     */
    static EmbeddingSequenceLayer embedding(int vocabularySize, int size) {
        return new EmbeddingSequenceLayer.Builder()
                .nIn(vocabularySize)
                .nOut(size)
                .weightInit(WeightInit.NORMAL)
                .build();
    }

    /**
     * Throws unless a setting reaches its minimum.
     *
     * @param name the setting's name
     * @param value its value
     * @param min the smallest legal value
     * @throws IllegalArgumentException with {@code "<name> must be >= <min>, received:
     *     <name>=<value>"} when {@code value < min}
     */
    static void atLeast(String name, int value, int min) {
        Arguments.atLeast(name, value, min);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
