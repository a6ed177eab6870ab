package org.rnnkit.model;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.rnnkit.model.layers.GemmConvolutionLayer;

/**
 * Builds a one-to-many image captioning network (Vinyals et al. 2015, "Show and Tell"): an image
 * encoder, a dense image vector, and the recurrent decoder of {@link ConditionedDecoder} that reads
 * the image vector at every step beside the previous word, as three graphs that share layer names
 * and therefore parameters:
 *
 * <pre>
 * training  image [b, C, H, W] --(conv 3x3 same, ReLU, max-pool 2x2) x k--> [b, c_k, H/2^k, W/2^k]
 *           --dense, ReLU--> image vector [b, I]
 *           target_in [b, 1, T] (BOS + caption) --embedding--> ++ image vector at every step
 *           --> decoder RNN --> softmax over the caption vocabulary [b, V, T]
 * encoder   image --> image vector (computed once per image)
 * decoder   one caption step + image vector --> next-token probabilities (rnnTimeStep)
 * </pre>
 *
 * <p>With {@link #optFeatureSize(int)} the image input is instead a precomputed feature vector
 * {@code [b, F]} of a frozen encoder (a pretrained CNN), and only the dense projection and the
 * decoder are trained. Inputs: {@value #TARGET_IN} (with its mask) then {@value #IMAGE}; output
 * {@value #OUTPUT}.
 */
public final class ImageCaptionBuilder extends NetworkBuilder<ImageCaptionBuilder> {

    /** Decoder input token ids {@code [batch, 1, T]}: BOS, then the caption shifted by one. */
    public static final String TARGET_IN = "target_in";

    /** Images {@code [batch, channels, height, width]} or features {@code [batch, F]}. */
    public static final String IMAGE = "image";

    /** The image vector {@code [batch, I]} (encoder graph output, decoder graph input). */
    public static final String IMAGE_VECTOR = "image_vector";

    /** Next-token probabilities {@code [batch, V, T]}. */
    public static final String OUTPUT = ConditionedDecoder.OUTPUT;

    private int vocabularySize;
    private int channels = 3;
    private int height = 32;
    private int width = 32;
    private int featureSize;
    private int[] convolutionChannels = {16, 32, 64};
    private int imageVectorSize = 128;
    private int embeddingSize = 64;
    private RnnSpec rnn = new RnnSpec(CellType.LSTM, 256, 1, false, 0.0);
    private boolean sparseLabels;

    private ImageCaptionBuilder() {}

    /**
     * Starts a builder.
     *
     * @return a builder; the vocabulary size is required
     */
    public static ImageCaptionBuilder builder() {
        return new ImageCaptionBuilder();
    }

    /**
     * Sets the number of caption token ids (the softmax size).
     *
     * @param size reserved ids included, at least 5
     * @return this builder
     */
    public ImageCaptionBuilder setVocabularySize(int size) {
        this.vocabularySize = size;
        return this;
    }

    /**
     * Sets the image shape of the convolutional encoder (default 3 x 32 x 32).
     *
     * @param channels colour channels
     * @param height rows, divisible by 2^(number of convolution blocks)
     * @param width columns, divisible by 2^(number of convolution blocks)
     * @return this builder
     */
    public ImageCaptionBuilder optImageShape(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * Replaces the convolutional encoder by precomputed features of a frozen encoder.
     *
     * @param featureSize the feature width F, at least 1 (0, the default: a convolutional encoder)
     * @return this builder
     */
    public ImageCaptionBuilder optFeatureSize(int featureSize) {
        this.featureSize = featureSize;
        return this;
    }

    /**
     * Sets the output channels of the convolution blocks, each followed by 2x2 max-pooling.
     *
     * @param channels one entry per block, each at least 1 (default 16, 32, 64)
     * @return this builder
     */
    public ImageCaptionBuilder optConvolutionChannels(int... channels) {
        this.convolutionChannels = Objects.requireNonNull(channels, "channels").clone();
        return this;
    }

    /**
     * Sets the width of the image vector the decoder reads.
     *
     * @param size at least 1 (default 128)
     * @return this builder
     */
    public ImageCaptionBuilder optImageVectorSize(int size) {
        this.imageVectorSize = size;
        return this;
    }

    /**
     * Sets the word embedding width.
     *
     * @param size at least 1 (default 64)
     * @return this builder
     */
    public ImageCaptionBuilder optEmbeddingSize(int size) {
        this.embeddingSize = size;
        return this;
    }

    /**
     * Sets the decoder's recurrent layers.
     *
     * @param rnn the layers, forward only (default one LSTM of 256)
     * @return this builder
     */
    public ImageCaptionBuilder optRnn(RnnSpec rnn) {
        this.rnn = Objects.requireNonNull(rnn, "rnn");
        return this;
    }

    /**
     * Takes labels as class indices {@code [batch, 1, T]} instead of one-hot rows.
     *
     * @param sparse whether labels are indices (default one-hot)
     * @return this builder
     */
    public ImageCaptionBuilder optSparseLabels(boolean sparse) {
        this.sparseLabels = sparse;
        return this;
    }

    /**
     * Returns the width of the image vector.
     *
     * @return the image vector size
     */
    public int imageVectorSize() {
        return imageVectorSize;
    }

    private ConditionedDecoder decoder() {
        return new ConditionedDecoder(
                vocabularySize,
                embeddingSize,
                rnn.forwardOnly(),
                imageVectorSize,
                0,
                false,
                sparseLabels,
                0.0);
    }

    private void validate() {
        if (vocabularySize < 5) {
            throw new IllegalArgumentException(
                    "vocabularySize must be >= 5 (4 reserved ids), received: vocabularySize="
                            + vocabularySize);
        }
        require(embeddingSize >= 1, "embeddingSize must be >= 1, received: " + embeddingSize);
        atLeast("imageVectorSize", imageVectorSize, 1);
        atLeast("featureSize", featureSize, 0);
        if (featureSize == 0) {
            require(
                    convolutionChannels.length >= 1
                            && Arrays.stream(convolutionChannels).allMatch(c -> c >= 1),
                    "convolutionChannels must be non-empty and >= 1, received: "
                            + Arrays.toString(convolutionChannels));
            int scale = 1 << convolutionChannels.length;
            require(
                    channels >= 1
                            && height >= scale
                            && width >= scale
                            && height % scale == 0
                            && width % scale == 0,
                    "image height and width must be positive multiples of "
                            + scale
                            + " (one halving per convolution block), received: channels="
                            + channels
                            + ", height="
                            + height
                            + ", width="
                            + width);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Builds the training graph (teacher forcing).
     *
     * @return the configuration; inputs {@code target_in, image}, output the probabilities
     * @throws IllegalArgumentException for a missing or invalid setting
     */
    public ComputationGraphConfiguration buildTraining() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        g.addInputs(TARGET_IN, IMAGE);
        addEncoder(g);
        decoder().add(g, TARGET_IN, IMAGE_VECTOR, null, null);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * Builds the encoder graph.
     *
     * @return the configuration; input {@code image}, output {@code image_vector}
     * @throws IllegalArgumentException for a missing or invalid setting
     */
    public ComputationGraphConfiguration buildEncoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        g.addInputs(IMAGE);
        addEncoder(g);
        g.setOutputs(IMAGE_VECTOR);
        return g.build();
    }

    /**
     * Builds the decoder graph for step-wise decoding.
     *
     * @return the configuration; inputs {@code target_in, image_vector}, output the probabilities
     * @throws IllegalArgumentException for a missing or invalid setting
     */
    public ComputationGraphConfiguration buildDecoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        g.addInputs(TARGET_IN, IMAGE_VECTOR);
        decoder().add(g, TARGET_IN, IMAGE_VECTOR, null, null);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildTraining();
    }

    /** Adds the convolution blocks (or nothing for features) and the image vector. */
    private void addEncoder(GraphBuilder g) {
        String in = IMAGE;
        int size = featureSize;
        if (featureSize == 0) {
            int c = channels;
            for (int k = 0; k < convolutionChannels.length; k++) {
                g.addLayer(
                        "conv" + k,
                        new GemmConvolutionLayer.Builder(3, 3)
                                .nIn(c)
                                .nOut(convolutionChannels[k])
                                .convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.RELU)
                                .build(),
                        in);
                g.addLayer(
                        "pool" + k,
                        new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                                .kernelSize(2, 2)
                                .stride(2, 2)
                                .build(),
                        "conv" + k);
                c = convolutionChannels[k];
                in = "pool" + k;
            }
            int scale = 1 << convolutionChannels.length;
            g.inputPreProcessor(
                    IMAGE_VECTOR,
                    new CnnToFeedForwardPreProcessor(height / scale, width / scale, c));
            size = c * (height / scale) * (width / scale);
        }
        g.addLayer(
                IMAGE_VECTOR,
                new DenseLayer.Builder()
                        .nIn(size)
                        .nOut(imageVectorSize)
                        .activation(Activation.RELU)
                        .build(),
                in);
    }
}
