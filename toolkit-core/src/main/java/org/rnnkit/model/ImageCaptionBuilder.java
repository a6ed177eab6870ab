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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
 *
 * <p>With {@link #optRegions(int, int, int)} as well, the frozen encoder also gives a grid of
 * region features and the decoder attends over them at every step ("Show, Attend and Tell", Xu et
 * al. 2015, with the Luong "general" score of {@link ConditionedDecoder}):
 *
 * <pre>
 * regions [b, D, R] --tanh(W r) per region--> memory [b, A, R]
 * decoder state h_t --> a_t = softmax_r(h_t . W_q m_r), c_t = sum_r a_tr m_r --> tanh(W_c [h_t; c_t])
 * </pre>
 *
 * The image input is then one row per image of {@code F + D * R} values, the image vector's
 * features followed by the regions channel-major; {@link #imageInputs(INDArray)} splits it into the
 * graph's inputs {@value #IMAGE}, {@value #REGIONS} and {@value #REGIONS_MASK}.
 *
 * <p>Recurrent layers ({@link #optRnn(RnnSpec)}): the decoder's, forward only; one LSTM of 256 by
 * default.
 */
public final class ImageCaptionBuilder extends NetworkBuilder<ImageCaptionBuilder> {

    /** Decoder input token ids {@code [batch, 1, T]}: BOS, then the caption shifted by one. */
    public static final String TARGET_IN = "target_in";

    /** Images {@code [batch, channels, height, width]} or features {@code [batch, F]}. */
    public static final String IMAGE = "image";

    /** The image vector {@code [batch, I]} (encoder graph output, decoder graph input). */
    public static final String IMAGE_VECTOR = "image_vector";

    /** Region features {@code [batch, D, R]} (with {@link #optRegions}). */
    public static final String REGIONS = "regions";

    /** The regions' mask {@code [batch, R]}, all ones (every region is real). */
    public static final String REGIONS_MASK = "regions_mask";

    /** The projected regions {@code [batch, A, R]} the decoder attends over. */
    public static final String MEMORY = "memory";

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
    private boolean sparseLabels;
    private int regions;
    private int regionSize;
    private int attentionSize;

    private ImageCaptionBuilder() {
        super(new RnnSpec(CellType.LSTM, 256, 1, false, 0.0));
    }

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
     * Adds attention over region features of the frozen encoder (needs {@link
     * #optFeatureSize(int)}).
     *
     * @param regions the number of regions R, at least 1 (0, the default: no attention)
     * @param regionSize the features per region D, at least 1
     * @param attentionSize the width A the regions are projected to, at least 1
     * @return this builder
     */
    public ImageCaptionBuilder optRegions(int regions, int regionSize, int attentionSize) {
        this.regions = regions;
        this.regionSize = regionSize;
        this.attentionSize = attentionSize;
        return this;
    }

    /**
     * Returns whether the decoder attends over regions.
     *
     * @return true with {@link #optRegions} set
     */
    public boolean attention() {
        return regions > 0;
    }

    /**
     * Splits a batch of image inputs into the graph's image inputs.
     *
     * @param images {@code [b, C, H, W]} pixels, {@code [b, F]} features, or with regions {@code
     *     [b, F + D * R]}
     * @return {@code {images}}, or with regions {@code {features [b, F], regions [b, D, R], mask
     *     [b, R]}}
     * @throws IllegalArgumentException when a feature row has another width
     */
    public INDArray[] imageInputs(INDArray images) {
        if (regions == 0) {
            return new INDArray[] {images};
        }
        long width = featureSize + (long) regionSize * regions;
        if (images.rank() != 2 || images.size(1) != width) {
            throw new IllegalArgumentException(
                    "image inputs with regions must be [batch, "
                            + width
                            + "] (features then regions), received: "
                            + Arrays.toString(images.shape()));
        }
        long b = images.size(0);
        INDArray features =
                images.get(NDArrayIndex.all(), NDArrayIndex.interval(0, featureSize)).dup('c');
        INDArray grid =
                images.get(NDArrayIndex.all(), NDArrayIndex.interval(featureSize, width))
                        .dup('c')
                        .reshape('c', b, regionSize, regions);
        return new INDArray[] {features, grid, Nd4j.ones(images.dataType(), b, regions)};
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
                rnn().forwardOnly(),
                imageVectorSize,
                attentionSize,
                regions > 0,
                sparseLabels,
                0.0,
                regions > 0);
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
        if (regions != 0) {
            atLeast("regions", regions, 1);
            atLeast("regionSize", regionSize, 1);
            atLeast("attentionSize", attentionSize, 1);
            require(featureSize > 0, "regions need a frozen encoder's features (featureSize > 0)");
        }
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
        if (attention()) {
            g.addInputs(TARGET_IN, IMAGE, REGIONS, REGIONS_MASK);
        } else {
            g.addInputs(TARGET_IN, IMAGE);
        }
        addEncoder(g);
        decoder().add(g, TARGET_IN, IMAGE_VECTOR, MEMORY, REGIONS_MASK);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /**
     * Builds the encoder graph.
     *
     * @return the configuration; input {@code image}, output {@code image_vector} (with regions:
     *     inputs {@code image, regions}, outputs {@code image_vector, memory})
     * @throws IllegalArgumentException for a missing or invalid setting
     */
    public ComputationGraphConfiguration buildEncoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        if (attention()) {
            g.addInputs(IMAGE, REGIONS);
            addEncoder(g);
            g.setOutputs(IMAGE_VECTOR, MEMORY);
        } else {
            g.addInputs(IMAGE);
            addEncoder(g);
            g.setOutputs(IMAGE_VECTOR);
        }
        return g.build();
    }

    /**
     * Builds the decoder graph for step-wise decoding.
     *
     * @return the configuration; inputs {@code target_in, image_vector} (with regions also {@code
     *     memory, regions_mask}), output the probabilities
     * @throws IllegalArgumentException for a missing or invalid setting
     */
    public ComputationGraphConfiguration buildDecoder() {
        validate();
        GraphBuilder g = networkBaseWithoutWorkspaces().graphBuilder();
        if (attention()) {
            g.addInputs(TARGET_IN, IMAGE_VECTOR, MEMORY, REGIONS_MASK);
        } else {
            g.addInputs(TARGET_IN, IMAGE_VECTOR);
        }
        decoder().add(g, TARGET_IN, IMAGE_VECTOR, MEMORY, REGIONS_MASK);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    @Override
    ComputationGraphConfiguration trainingConfiguration() {
        return buildTraining();
    }

    /** Adds the convolution blocks (or nothing for features) and the image vector. */
    private void addEncoder(GraphBuilder g) {
        RnnSpec rnn = rnn();
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
        DenseLayer.Builder vector =
                new DenseLayer.Builder()
                        .nIn(size)
                        .nOut(imageVectorSize)
                        .activation(Activation.RELU);
        if (attention()) {
            // the attending captioner regularizes the image path too: dropout on the features and
            // the regions (and, in the decoder, on its input and the attention's context)
            DenseLayer.Builder memory =
                    new DenseLayer.Builder()
                            .nIn(regionSize)
                            .nOut(attentionSize)
                            .activation(Activation.TANH);
            rnn.dropOutInput(vector);
            rnn.dropOutInput(memory);
            PerStepDense.add(g, MEMORY, memory.build(), REGIONS);
        }
        g.addLayer(IMAGE_VECTOR, vector.build(), in);
    }
}
