package org.rnnkit.model;

import java.util.Objects;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a recurrent language model: token ids {@value #TOKENS} {@code [batch, 1, time]} ->
 * embedding -> recurrent stack (forward only) -> per-step softmax {@value #OUTPUT} {@code [batch,
 * vocabularySize, time]}, the probability of the next token at every step. Feature and label masks
 * are {@code [batch, time]} with 1 = real step; padding goes at the end.
 *
 * <p>Trained by truncated backpropagation through time (Williams and Peng 1990): DL4J cuts each
 * batch into consecutive chunks of {@code tbpttLength} steps and carries each lane's recurrent
 * state from one chunk to the next, so that a lane of any length costs memory for {@code
 * tbpttLength} steps only. rnnkit's fused layers implement the stored-state calls this needs
 * ({@code rnnActivateUsingStoredState}, {@code tbpttBackpropGradient}) and {@code rnnTimeStep},
 * which generation uses to decode one token at a time from cached state.
 */
public final class LanguageModelBuilder extends NetworkBuilder<LanguageModelBuilder> {

    /** Name of the token-id input. */
    public static final String TOKENS = "tokens";

    /** Name of the softmax output. */
    public static final String OUTPUT = "output";

    private int vocabularySize;
    private int embeddingSize = 64;
    private int tbpttLength = 0;
    private RnnSpec rnn = RnnSpec.defaults();

    private LanguageModelBuilder() {}

    /**
     * Starts a builder.
     *
     * @return a builder with an embedding of 64, {@link RnnSpec#defaults()} and no truncation
     */
    public static LanguageModelBuilder builder() {
        return new LanguageModelBuilder();
    }

    /**
     * Sets the vocabulary size (input ids and softmax classes). Required.
     *
     * @param size the number of token ids, reserved ones included, at least 5
     * @return this builder
     */
    public LanguageModelBuilder setVocabularySize(int size) {
        this.vocabularySize = size;
        return this;
    }

    /**
     * Sets the embedding width.
     *
     * @param size the width, at least 1; default 64
     * @return this builder
     */
    public LanguageModelBuilder optEmbeddingSize(int size) {
        this.embeddingSize = size;
        return this;
    }

    /**
     * Sets the recurrent stack; it must be unidirectional (a language model must not see the
     * future).
     *
     * @param rnn the stack
     * @return this builder
     * @throws NullPointerException when {@code rnn} is {@code null}
     */
    public LanguageModelBuilder optRnn(RnnSpec rnn) {
        this.rnn = Objects.requireNonNull(rnn, "rnn");
        return this;
    }

    /**
     * Sets the truncated-BPTT length: forward and backward chunk length in steps.
     *
     * @param length the chunk length; 0 (default) = full backpropagation through time
     * @return this builder
     */
    public LanguageModelBuilder optTbpttLength(int length) {
        this.tbpttLength = length;
        return this;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @return the graph configuration
     * @throws IllegalArgumentException when a value is missing or out of range, or the stack is
     *     bidirectional
     */
    public ComputationGraphConfiguration buildConfiguration() {
        atLeast("vocabularySize", vocabularySize, 5);
        atLeast("embeddingSize", embeddingSize, 1);
        atLeast("tbpttLength", tbpttLength, 0);
        if (rnn.bidirectional()) {
            throw new IllegalArgumentException(
                    "a language model reads forward only: bidirectional must be false, received:"
                            + " bidirectional=true");
        }
        rnn.warnIfSuspicious();
        GraphBuilder graph = networkBase().graphBuilder().addInputs(TOKENS);
        graph.addLayer("embedding", embedding(vocabularySize, embeddingSize), TOKENS);
        String top =
                RecurrentStack.add(
                        graph, rnn, "embedding", embeddingSize, TOKENS, "rnn", false, false);
        RnnOutputLayer.Builder out =
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(rnn.outputSize())
                        .nOut(vocabularySize)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW);
        if (rnn.dropout() > 0) {
            out.dropOut(1.0 - rnn.dropout());
        }
        graph.addLayer(OUTPUT, out.build(), top);
        graph.setOutputs(OUTPUT);
        if (tbpttLength > 0) {
            graph.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(tbpttLength)
                    .tBPTTBackwardLength(tbpttLength);
        }
        return graph.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildConfiguration();
    }
}
