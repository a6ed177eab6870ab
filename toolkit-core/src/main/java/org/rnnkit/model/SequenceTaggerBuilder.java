package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a many-to-many sequence tagger (one tag per token, e.g. part of speech): word embeddings
 * joined with a character CNN over each word, stacked (by default bidirectional) recurrent layers,
 * and a per-step softmax whose loss is masked to real tokens.
 *
 * <p>Inputs: {@value #TOKENS} {@code [batch, 1, time]} word ids with mask {@code [batch, time]};
 * {@value #CHARS} {@code [batch, 1, time * charSlots]} character ids, each word's characters in a
 * block of {@code charSlots} (with a padding slot at each end so that the convolution never sees
 * two words at once), mask 1 for real characters. The character branch is embedding -> 1D
 * convolution (width 3) -> max over each word's block, so unseen words still get a representation
 * from their spelling (suffixes, capitals, digits). The recurrent spec's dropout also applies to
 * the word representations (embedding and characters) and between layers.
 *
 * <p>With {@link #optFrozenEmbedding(int, int)} a third input, {@value #PRETRAINED} {@code [batch,
 * 1, time]}, holds each word's id in a table of pretrained vectors, {@value #PRETRAINED_EMBEDDING},
 * that training never changes; its vectors join the trainable embedding and the characters. A word
 * the training data lacks but the vectors file has is then represented exactly as the rare training
 * words are after word dropout: the unknown-word row of the trainable table beside its own,
 * unchanged, pretrained vector.
 *
 * <p>Recurrent layers ({@link #optRnn(RnnSpec)}): 2 bidirectional LSTM layers of 128 with dropout
 * 0.5 by default.
 */
public final class SequenceTaggerBuilder extends NetworkBuilder<SequenceTaggerBuilder> {

    /** Name of the word-id input. */
    public static final String TOKENS = "tokens";

    /** Name of the character-id input. */
    public static final String CHARS = "chars";

    /** Name of the pretrained-word-id input (only with {@link #optFrozenEmbedding(int, int)}). */
    public static final String PRETRAINED = "pretrained_tokens";

    /**
     * Name of the frozen pretrained embedding layer (weight {@code "W"}, {@code
     * [pretrainedVocabularySize, pretrainedSize]}; only with {@link #optFrozenEmbedding(int,
     * int)}).
     */
    public static final String PRETRAINED_EMBEDDING = "pretrained_embedding";

    /** Name of the output layer. */
    public static final String OUTPUT = "output";

    /**
     * Name of the word embedding layer (weight {@code "W"}, {@code [vocabularySize,
     * embeddingSize]}).
     */
    public static final String EMBEDDING = "embedding";

    private int vocabularySize;
    private int charVocabularySize;
    private int numTags;
    private int embeddingSize = 100;
    private int charEmbeddingSize = 24;
    private int charFilters = 64;
    private int charSlots = 16;
    private int pretrainedVocabularySize;
    private int pretrainedSize;

    private SequenceTaggerBuilder() {
        super(new RnnSpec(CellType.LSTM, 128, 2, true, 0.5));
    }

    /**
     * Starts a builder.
     *
     * @return a builder with defaults: embeddings 100, characters 24 x 64 filters in 16 slots, 2
     *     bidirectional LSTM layers of 128 with dropout 0.25
     */
    public static SequenceTaggerBuilder builder() {
        return new SequenceTaggerBuilder();
    }

    /**
     * Sets the word vocabulary size (required).
     *
     * @param size ids {@code 0..size-1}
     * @return this builder
     */
    public SequenceTaggerBuilder setVocabularySize(int size) {
        this.vocabularySize = size;
        return this;
    }

    /**
     * Sets the character vocabulary size (required).
     *
     * @param size ids {@code 0..size-1}, 0 the padding character
     * @return this builder
     */
    public SequenceTaggerBuilder setCharVocabularySize(int size) {
        this.charVocabularySize = size;
        return this;
    }

    /**
     * Sets the number of tags (required).
     *
     * @param n at least 2
     * @return this builder
     */
    public SequenceTaggerBuilder setNumTags(int n) {
        this.numTags = n;
        return this;
    }

    /**
     * Sets the word embedding size.
     *
     * @param size default 100
     * @return this builder
     */
    public SequenceTaggerBuilder optEmbeddingSize(int size) {
        this.embeddingSize = size;
        return this;
    }

    /**
     * Sets the character embedding size and the number of convolution filters.
     *
     * @param embedding default 24
     * @param filters default 64
     * @return this builder
     */
    public SequenceTaggerBuilder optCharEncoder(int embedding, int filters) {
        this.charEmbeddingSize = embedding;
        this.charFilters = filters;
        return this;
    }

    /**
     * Sets the character slots per word (including one padding slot at each end).
     *
     * @param slots default 16, at least 3
     * @return this builder
     */
    public SequenceTaggerBuilder optCharSlots(int slots) {
        this.charSlots = slots;
        return this;
    }

    /**
     * Adds a frozen embedding table for pretrained vectors, looked up through the {@value
     * #PRETRAINED} input. Its weights start random: copy the vectors into layer {@value
     * #PRETRAINED_EMBEDDING} after {@link #build()}; training leaves them as they are.
     *
     * @param vocabularySize rows of the table (ids {@code 0..size-1}); 0 (the default) for none
     * @param size the vectors' dimension
     * @return this builder
     */
    public SequenceTaggerBuilder optFrozenEmbedding(int vocabularySize, int size) {
        this.pretrainedVocabularySize = vocabularySize;
        this.pretrainedSize = size;
        return this;
    }

    /**
     * Tells whether the tagger has the frozen pretrained table (and its third input).
     *
     * @return true after {@link #optFrozenEmbedding(int, int)} with a positive size
     */
    public boolean hasFrozenEmbedding() {
        return pretrainedVocabularySize > 0;
    }

    /**
     * Returns the character slots per word.
     *
     * @return the slots
     */
    public int charSlots() {
        return charSlots;
    }

    /**
     * Validates the settings and builds the configuration.
     *
     * @return the graph configuration
     * @throws IllegalArgumentException when a value is missing or out of range
     */
    public ComputationGraphConfiguration buildConfiguration() {
        RnnSpec rnn = rnn();
        atLeast("vocabularySize", vocabularySize, 5);
        atLeast("charVocabularySize", charVocabularySize, 2);
        atLeast("numTags", numTags, 2);
        atLeast("embeddingSize", embeddingSize, 1);
        atLeast("charEmbeddingSize", charEmbeddingSize, 1);
        atLeast("charFilters", charFilters, 1);
        atLeast("charSlots", charSlots, 3);
        if (hasFrozenEmbedding()) {
            atLeast("pretrainedVocabularySize", pretrainedVocabularySize, 5);
            atLeast("pretrainedSize", pretrainedSize, 1);
        }
        rnn.warnIfSuspicious();
        NeuralNetConfiguration.Builder base = networkBase();
        GraphBuilder graph =
                hasFrozenEmbedding()
                        ? base.graphBuilder().addInputs(TOKENS, CHARS, PRETRAINED)
                        : base.graphBuilder().addInputs(TOKENS, CHARS);
        graph.addLayer(EMBEDDING, embedding(vocabularySize, embeddingSize), TOKENS);
        graph.addLayer("char_embedding", embedding(charVocabularySize, charEmbeddingSize), CHARS);
        graph.addLayer(
                "char_conv",
                new Convolution1DLayer.Builder()
                        .nIn(charEmbeddingSize)
                        .nOut(charFilters)
                        .kernelSize(3)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .rnnDataFormat(RNNFormat.NCW)
                        .build(),
                "char_embedding");
        graph.addLayer(
                "char_pool",
                new Subsampling1DLayer.Builder(PoolingType.MAX)
                        .kernelSize(charSlots)
                        .stride(charSlots)
                        .build(),
                "char_conv");
        int wordSize = embeddingSize + charFilters;
        if (hasFrozenEmbedding()) {
            graph.addLayer(
                    PRETRAINED_EMBEDDING,
                    new FrozenLayer.Builder()
                            .layer(embedding(pretrainedVocabularySize, pretrainedSize))
                            .build(),
                    PRETRAINED);
            graph.addVertex(
                    "word", new MergeVertex(), EMBEDDING, PRETRAINED_EMBEDDING, "char_pool");
            wordSize += pretrainedSize;
        } else {
            graph.addVertex("word", new MergeVertex(), EMBEDDING, "char_pool");
        }
        // the word representations overfit first: dropout on them too, not only between layers
        String top = RecurrentStack.add(graph, rnn, "word", wordSize, TOKENS, "rnn", false, true);
        RnnOutputLayer.Builder out =
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(rnn.outputSize())
                        .nOut(numTags)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW);
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
