package org.rnnkit.model;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.decode.StepDecoder;

/**
 * A trained image captioner ready to decode: the training graph of an {@link ImageCaptionBuilder}
 * plus an encoder graph (image to image vector) and a step-wise decoder graph that share its
 * parameters. {@link #cached} encodes the images once and steps the decoder with cached recurrent
 * state, so a caption of T tokens costs T decoder steps.
 */
public final class ImageCaptionModel {

    private final GeneratorGraphs graphs;
    private final ImageCaptionBuilder builder;

    /**
     * Wraps a trained graph.
     *
     * @param training the graph built by {@code builder} (trained)
     * @param builder the settings it was built with
     * @param vocabularySize the softmax size
     */
    public ImageCaptionModel(
            ComputationGraph training, ImageCaptionBuilder builder, int vocabularySize) {
        Objects.requireNonNull(training, "training");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.graphs =
                new GeneratorGraphs(
                        training, builder.buildEncoder(), builder.buildDecoder(), vocabularySize);
    }

    /**
     * Copies the training graph's parameters into the encoder and decoder graphs (call again after
     * further training).
     */
    public void copyParameters() {
        graphs.copyParameters();
    }

    /**
     * Returns the training graph.
     *
     * @return the graph
     */
    public ComputationGraph network() {
        return graphs.training();
    }

    /**
     * Encodes images into the vectors the decoder reads.
     *
     * @param images {@code [batch, channels, height, width]}, or features {@code [batch, F]} (with
     *     regions {@code [batch, F + D * R]}, see {@link ImageCaptionBuilder#imageInputs})
     * @return the image vectors {@code [batch, imageVectorSize]}
     */
    public INDArray encode(INDArray images) {
        return graphs.encode(encoderInputs(images), null)[0];
    }

    /**
     * Creates a decoder that encodes the images once and steps the decoder with cached state; with
     * regions, its {@link StepDecoder#attention(int)} gives the weights over the regions.
     *
     * @param images {@code [batch, channels, height, width]}, or features {@code [batch, F]} (with
     *     regions {@code [batch, F + D * R]}), as {@link #encode}
     * @return the step decoder
     */
    public StepDecoder cached(INDArray images) {
        INDArray[] in = builder.imageInputs(images);
        if (!builder.attention()) {
            return graphs.cached(graphs.encode(in, null)[0], null, null);
        }
        INDArray[] out = graphs.encode(new INDArray[] {in[0], in[1]}, null);
        return graphs.cached(out[0], out[1], in[2]);
    }

    private INDArray[] encoderInputs(INDArray images) {
        INDArray[] in = builder.imageInputs(images);
        return builder.attention() ? new INDArray[] {in[0], in[1]} : in;
    }
}
