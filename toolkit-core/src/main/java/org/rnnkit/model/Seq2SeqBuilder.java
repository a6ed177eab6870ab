package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;

/**
 * Builds an encoder-decoder (sequence-to-sequence) network with optional attention, as three graphs
 * that share layer names and therefore parameters:
 *
 * <pre>
 * training  source [b, 1, S] --embedding--> encoder (bi)RNN --> memory [b, E, S] --last step--> context [b, E]
 *           target_in [b, 1, T] (BOS + target) --embedding--> concat(context at every step) --> decoder RNN --> h [b, H, T]
 *           attention: a_t = softmax_s(h_t . W m_s) over real source steps, c_t = sum_s a_ts m_s
 *           --> tanh(W_c [h_t; c_t]) [b, H, T] --> softmax over the target vocabulary [b, V, T]
 * encoder   source --> context and memory (computed once per sentence)
 * decoder   one target step + context, memory, source mask --> next-token probabilities;
 *           stepped with rnnTimeStep, which keeps the decoder's recurrent state between steps
 * </pre>
 *
 * <p>This is Luong et al. (2015)'s global attention with the "general" score, over a
 * (bidirectional) recurrent encoder; without attention ({@link #optAttention(boolean)} false) it is
 * the context-vector model of Cho et al. (2014): the encoder's final state is fed to the decoder at
 * every step. DL4J layers cannot take an initial state from another layer, so the decoder receives
 * the encoder's summary as an input at every step rather than as its initial state.
 *
 * <p>Inputs: {@value #SOURCE} (token ids with a feature mask), {@value #TARGET_IN} (BOS followed by
 * the target ids, teacher forcing, with a mask) and {@value #SOURCE_MASK} (the source mask again,
 * as a plain input so that step-wise decoding, which takes no masks, still ignores padding). Output
 * {@value #OUTPUT}: probabilities {@code [batch, targetVocabulary, T]}.
 *
 * <p>Recurrent layers ({@link #optRnn(RnnSpec)}): the encoder as given (bidirectional or not), the
 * decoder with the same cell, size and depth, reading forward; a bidirectional LSTM of 256 with
 * dropout 0.2 by default.
 */
public final class Seq2SeqBuilder extends NetworkBuilder<Seq2SeqBuilder> {

    /** Source token ids {@code [batch, 1, S]}. */
    public static final String SOURCE = "source";

    /** Decoder input token ids {@code [batch, 1, T]}: BOS, then the target shifted by one. */
    public static final String TARGET_IN = "target_in";

    /** The source mask {@code [batch, S]} as a plain input. */
    public static final String SOURCE_MASK = "source_mask";

    /** The encoder's summary {@code [batch, E]} (encoder graph output, decoder graph input). */
    public static final String CONTEXT = "context";

    /** The encoder outputs {@code [batch, E, S]} (encoder graph output, decoder graph input). */
    public static final String MEMORY = "memory";

    /** The attention vertex, whose weights can be read after a forward pass. */
    public static final String ATTENTION = "attention";

    /** Next-token probabilities {@code [batch, V, T]}. */
    public static final String OUTPUT = "output";

    private int sourceVocabularySize;
    private int targetVocabularySize;
    private int embeddingSize = 128;
    private boolean attention = true;
    private boolean sparseLabels;
    private double labelSmoothing;

    private Seq2SeqBuilder() {
        super(new RnnSpec(CellType.LSTM, 256, 1, true, 0.2));
    }

    /**
     * Starts a builder.
     *
     * @return a builder; both vocabulary sizes are required
     */
    public static Seq2SeqBuilder builder() {
        return new Seq2SeqBuilder();
    }

    /**
     * Sets the number of source token ids.
     *
     * @param size reserved ids included
     * @return this builder
     */
    public Seq2SeqBuilder setSourceVocabularySize(int size) {
        this.sourceVocabularySize = size;
        return this;
    }

    /**
     * Sets the number of target token ids (the softmax size).
     *
     * @param size reserved ids included
     * @return this builder
     */
    public Seq2SeqBuilder setTargetVocabularySize(int size) {
        this.targetVocabularySize = size;
        return this;
    }

    /**
     * Sets the width of both embeddings.
     *
     * @param size at least 1 (default 128)
     * @return this builder
     */
    public Seq2SeqBuilder optEmbeddingSize(int size) {
        this.embeddingSize = size;
        return this;
    }

    /**
     * Turns attention on (default) or off.
     *
     * @param attention whether the decoder attends over the encoder outputs
     * @return this builder
     */
    public Seq2SeqBuilder optAttention(boolean attention) {
        this.attention = attention;
        return this;
    }

    /**
     * Takes labels as class indices {@code [batch, 1, T]} (sparse cross-entropy) instead of one-hot
     * rows {@code [batch, V, T]}; see {@code Seq2SeqBatcher.Builder#optSparseLabels}.
     *
     * @param sparse whether labels are indices (default one-hot)
     * @return this builder
     */
    public Seq2SeqBuilder optSparseLabels(boolean sparse) {
        this.sparseLabels = sparse;
        return this;
    }

    /**
     * Smooths the training targets: {@code (1 - eps)} on the reference token plus {@code eps / V}
     * on every token (see {@link org.rnnkit.model.layers.FusedSoftmaxOutputLayer}); needs sparse
     * labels.
     *
     * @param eps in [0, 1) (default 0: the labels as they are)
     * @return this builder
     */
    public Seq2SeqBuilder optLabelSmoothing(double eps) {
        this.labelSmoothing = eps;
        return this;
    }

    /**
     * Returns whether the network attends.
     *
     * @return the attention setting
     */
    public boolean attention() {
        return attention;
    }

    private int memorySize() {
        return rnn().outputSize();
    }

    private void validate() {
        if (sourceVocabularySize < 5) {
            throw new IllegalArgumentException(
                    "sourceVocabularySize must be >= 5 (4 reserved ids), received: "
                            + sourceVocabularySize);
        }
        if (targetVocabularySize < 5) {
            throw new IllegalArgumentException(
                    "targetVocabularySize must be >= 5 (4 reserved ids), received: "
                            + targetVocabularySize);
        }
        atLeast("embeddingSize", embeddingSize, 1);
        // the range is checked by the output layer's builder
        if (labelSmoothing > 0 && !sparseLabels) {
            throw new IllegalArgumentException(
                    "labelSmoothing needs sparse labels (optSparseLabels(true))");
        }
    }

    /**
     * Builds the training graph (teacher forcing).
     *
     * @return the configuration; inputs {@code source, target_in, source_mask}
     * @throws IllegalArgumentException for a missing or invalid size
     */
    public ComputationGraphConfiguration buildTraining() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        g.addInputs(SOURCE, TARGET_IN, SOURCE_MASK);
        // without attention the source mask input is unused; keeping it keeps one input layout
        g.allowDisconnected(!attention);
        String memory = addEncoder(g);
        addDecoder(g, CONTEXT, memory);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * Builds the encoder graph.
     *
     * @return the configuration; input {@code source}, outputs {@code context} and the memory
     * @throws IllegalArgumentException for a missing or invalid size
     */
    public ComputationGraphConfiguration buildEncoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        g.addInputs(SOURCE);
        String memory = addEncoder(g);
        g.setOutputs(CONTEXT, memory);
        return g.build();
    }

    /**
     * Builds the decoder graph for step-wise decoding.
     *
     * @return the configuration; inputs {@code target_in, context, memory, source_mask} (without
     *     attention: {@code target_in, context}), output the probabilities
     * @throws IllegalArgumentException for a missing or invalid size
     */
    public ComputationGraphConfiguration buildDecoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        if (attention) {
            g.addInputs(TARGET_IN, CONTEXT, MEMORY, SOURCE_MASK);
        } else {
            g.addInputs(TARGET_IN, CONTEXT);
        }
        addDecoder(g, CONTEXT, MEMORY);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildTraining();
    }

    /** Adds embedding, encoder, context and keys; returns the memory vertex's name. */
    private String addEncoder(GraphBuilder g) {
        g.addLayer("source_embedding", embedding(sourceVocabularySize, embeddingSize), SOURCE);
        String memory =
                RecurrentStack.add(
                        g,
                        rnn(),
                        "source_embedding",
                        embeddingSize,
                        SOURCE,
                        "encoder",
                        false,
                        false);
        g.addVertex(CONTEXT, new LastTimeStepVertex(SOURCE), memory);
        return memory;
    }

    /** Adds embedding, decoder, attention and output, reading the named context/memory. */
    private void addDecoder(GraphBuilder g, String context, String memory) {
        new ConditionedDecoder(
                        targetVocabularySize,
                        embeddingSize,
                        rnn().forwardOnly(),
                        memorySize(),
                        memorySize(),
                        attention,
                        sparseLabels,
                        labelSmoothing,
                        false)
                .add(g, TARGET_IN, context, memory, SOURCE_MASK);
    }
}
