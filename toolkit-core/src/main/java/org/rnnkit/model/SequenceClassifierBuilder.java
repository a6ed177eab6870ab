package org.rnnkit.model;

import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a many-to-one sequence classifier: trainable token embedding, stacked (optionally
 * bidirectional) recurrent layers, mask-aware pooling over real steps, softmax.
 *
 * <pre>
 * tokens [batch, 1, time] --embedding--> [batch, E, time] --recurrent x L--> [batch, H or 2H, time]
 *        --pooling (last real step | max | mean)--> [batch, H or 2H] --dense softmax--> [batch, classes]
 * </pre>
 *
 * <p>The graph's single input is named {@value #INPUT} and takes token ids with a feature mask
 * {@code [batch, time]}; its output is named {@value #OUTPUT}. Padded steps change neither the
 * recurrent state nor the pooled vector, so outputs are independent of padding.
 *
 * <p>Recurrent layers ({@link #optRnn(RnnSpec)}): {@link RnnSpec#defaults()} by default.
 */
public final class SequenceClassifierBuilder extends NetworkBuilder<SequenceClassifierBuilder> {

    /** Name of the graph input (token ids). */
    public static final String INPUT = "tokens";

    /** Name of the graph output (class probabilities). */
    public static final String OUTPUT = "output";

    /**
     * Name of the embedding layer ({@code EmbeddingSequenceLayer}; weight {@code "W"}, shape {@code
     * [vocabularySize, embeddingSize]}).
     */
    public static final String EMBEDDING = "embedding";

    private int vocabularySize;
    private int numClasses;
    private int embeddingSize = 128;
    private Pooling pooling = Pooling.LAST;

    private SequenceClassifierBuilder() {
        super(RnnSpec.defaults());
    }

    /**
     * Starts a builder.
     *
     * @return a builder; {@code setVocabularySize} and {@code setNumClasses} are required
     */
    public static SequenceClassifierBuilder builder() {
        return new SequenceClassifierBuilder();
    }

    /**
     * Sets the number of token ids (rows of the embedding table).
     *
     * @param vocabularySize the vocabulary size, reserved ids included
     * @return this builder
     */
    public SequenceClassifierBuilder setVocabularySize(int vocabularySize) {
        this.vocabularySize = vocabularySize;
        return this;
    }

    /**
     * Sets the number of classes.
     *
     * @param numClasses at least 2
     * @return this builder
     */
    public SequenceClassifierBuilder setNumClasses(int numClasses) {
        this.numClasses = numClasses;
        return this;
    }

    /**
     * Sets the embedding width.
     *
     * @param embeddingSize features per token, default 128
     * @return this builder
     */
    public SequenceClassifierBuilder optEmbeddingSize(int embeddingSize) {
        this.embeddingSize = embeddingSize;
        return this;
    }

    /**
     * Sets the pooling.
     *
     * @param pooling default {@link Pooling#LAST}
     * @return this builder
     */
    public SequenceClassifierBuilder optPooling(Pooling pooling) {
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        return this;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @return the graph configuration
     * @throws IllegalArgumentException when a required value is missing or out of range
     */
    public ComputationGraphConfiguration buildConfiguration() {
        RnnSpec rnn = rnn();
        if (vocabularySize < 5) {
            throw new IllegalArgumentException(
                    "vocabularySize must be >= 5 (4 reserved ids + 1 token), received:"
                            + " vocabularySize="
                            + vocabularySize);
        }
        atLeast("numClasses", numClasses, 2);
        if (embeddingSize < 1) {
            throw new IllegalArgumentException(
                    "embeddingSize must be > 0, received: embeddingSize=" + embeddingSize);
        }
        rnn.warnIfSuspicious();
        NeuralNetConfiguration.Builder base = networkBase();
        // No setInputTypes: DL4J would then overwrite the embedding's nIn (vocabulary size) with
        // the input's feature size (1). Every layer's nIn is set explicitly instead.
        GraphBuilder graph = base.graphBuilder().addInputs(INPUT);
        graph.addLayer(EMBEDDING, embedding(vocabularySize, embeddingSize), INPUT);
        boolean last = pooling == Pooling.LAST;
        String top =
                RecurrentStack.add(graph, rnn, EMBEDDING, embeddingSize, INPUT, "rnn", last, false);
        if (!last) {
            graph.addLayer(
                    "pool",
                    new GlobalPoolingLayer.Builder(
                                    pooling == Pooling.MAX ? PoolingType.MAX : PoolingType.AVG)
                            .build(),
                    top);
            top = "pool";
        }
        OutputLayer.Builder out =
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(rnn.outputSize())
                        .nOut(numClasses)
                        .activation(Activation.SOFTMAX);
        rnn.dropOutInput(out);
        graph.addLayer(OUTPUT, out.build(), top);
        graph.setOutputs(OUTPUT);
        return graph.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildConfiguration();
    }
}
