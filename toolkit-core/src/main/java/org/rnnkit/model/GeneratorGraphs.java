package org.rnnkit.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.decode.StepDecoder;

/**
 * The graphs of a trained conditioned generator ({@link Seq2SeqModel}, {@link ImageCaptionModel}):
 * the training graph, and an encoder graph and a step-wise decoder graph built from the same layer
 * names, whose parameters are copies of the training graph's.
 */
final class GeneratorGraphs {

    private final ComputationGraph training;
    private final ComputationGraph encoder;
    private final ComputationGraph decoder;
    private final int vocabularySize;
    private final List<String> decoderRecurrentLayers;

    /**
     * Builds the encoder and decoder graphs and copies the training graph's parameters into them.
     *
     * @param training the trained graph
     * @param encoder the configuration of the encoder graph
     * @param decoder the configuration of the step-wise decoder graph
     * @param vocabularySize the decoder's softmax size
     */
    GeneratorGraphs(
            ComputationGraph training,
            ComputationGraphConfiguration encoder,
            ComputationGraphConfiguration decoder,
            int vocabularySize) {
        this.training = training;
        this.vocabularySize = vocabularySize;
        this.encoder = Graphs.init(encoder);
        this.decoder = Graphs.init(decoder);
        copyParameters();
        this.decoderRecurrentLayers = Graphs.recurrentLayerNames(this.decoder);
    }

    /** Copies the training graph's parameters into the encoder and decoder graphs. */
    void copyParameters() {
        Graphs.copyParameters(training, encoder, decoder);
    }

    /**
     * Returns the training graph.
     *
     * @return the graph
     */
    ComputationGraph training() {
        return training;
    }

    /**
     * Returns the decoder's softmax size.
     *
     * @return the vocabulary size
     */
    int vocabularySize() {
        return vocabularySize;
    }

    /**
     * Runs the encoder graph in inference mode.
     *
     * @param inputs its inputs
     * @param masks their feature masks, or {@code null}
     * @return its outputs
     */
    INDArray[] encode(INDArray[] inputs, INDArray[] masks) {
        return Graphs.output(encoder, inputs, masks);
    }

    /**
     * Creates a step decoder over the decoder graph with cached recurrent state.
     *
     * @param condition the encoder's condition vectors {@code [batch, C]}
     * @param memory {@code [batch, M, S]}, or {@code null} without attention
     * @param mask {@code [batch, S]}, 1 = real memory step, or {@code null} without attention
     * @return the step decoder
     */
    StepDecoder cached(INDArray condition, INDArray memory, INDArray mask) {
        return new CachedDecoder(
                decoder, decoderRecurrentLayers, vocabularySize, condition, memory, mask);
    }
}
