package org.rnnkit.recipes.caption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.CaptionImageLoader;
import org.rnnkit.decode.Hypothesis;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.model.ImageCaptionBuilder;
import org.rnnkit.model.ImageCaptionModel;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.OptimizerSpec;

/**
 * A trained captioner: the CNN encoder and recurrent decoder, the caption vocabulary, the settings
 * and the data of the two baselines (the best single training caption, and the training images'
 * vectors with one caption each for the nearest-neighbour caption), with captioning by greedy
 * decoding or beam search over the cached decoder state.
 */
public final class CaptionModel {

    /** The bundle task name. */
    public static final String TASK = "caption";

    static final String BASELINES = "baselines.json";
    static final String NEIGHBOURS = "neighbours.bin";
    static final String ENCODER = "encoder.json";

    /** Images encoded and decoded together. */
    private static final int BATCH = 64;

    private final ImageCaptionModel model;
    private final Vocabulary vocabulary;
    private final CaptionOptions options;
    private final CaptionBaselines baselines;

    CaptionModel(
            ComputationGraph network,
            Vocabulary vocabulary,
            CaptionOptions options,
            CaptionBaselines baselines) {
        this(
                new ImageCaptionModel(
                        network, builder(options, vocabulary.size()), vocabulary.size()),
                vocabulary,
                options,
                baselines);
    }

    private CaptionModel(
            ImageCaptionModel model,
            Vocabulary vocabulary,
            CaptionOptions options,
            CaptionBaselines baselines) {
        this.model = model;
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.options = Objects.requireNonNull(options, "options");
        this.baselines = baselines;
    }

    /**
     * Returns this model with baselines, sharing its encoder and decoder graphs.
     *
     * @param baselines the baselines
     * @return the model
     */
    CaptionModel withBaselines(CaptionBaselines baselines) {
        return new CaptionModel(model, vocabulary, options, baselines);
    }

    /**
     * The network settings of a recipe run.
     *
     * @param o the options
     * @param vocabularySize the caption vocabulary size
     * @return the builder
     */
    static ImageCaptionBuilder builder(CaptionOptions o, int vocabularySize) {
        TrainingOptions t = o.training();
        return ImageCaptionBuilder.builder()
                .setVocabularySize(vocabularySize)
                .optImageShape(3, o.imageSize(), o.imageSize())
                .optFeatureSize(o.frozenEncoder() ? ZooEncoder.featureSize(o.encoder()) : 0)
                .optImageVectorSize(o.imageVectorSize())
                .optRegions(
                        o.attention() ? CenternetEncoder.REGIONS : 0,
                        CenternetEncoder.REGION_SIZE,
                        o.attentionSize())
                .optEmbeddingSize(o.embeddingSize())
                .optRnn(new RnnSpec(t.cell(), t.hiddenSize(), t.numLayers(), false, t.dropout()))
                .optSparseLabels(true)
                .optOptimizer(optimizer(o))
                .optSeed(t.seed());
    }

    /**
     * The optimizer of a recipe run: Adam at {@code learningRate}, decaying by {@code lrDecay} per
     * epoch, gradients clipped at norm 1.
     *
     * @param o the options
     * @return the optimizer
     */
    static OptimizerSpec optimizer(CaptionOptions o) {
        return new OptimizerSpec(o.training().learningRate(), o.lrDecay(), 1.0);
    }

    /**
     * Returns the image loader of a recipe run: 3 channels, {@code imageSize} square, values in [0,
     * 1].
     *
     * @param o the options
     * @return the loader
     */
    static CaptionImageLoader imageLoader(CaptionOptions o) {
        if (o.frozenEncoder()) {
            return new CaptionImageLoader(3, 224, 224, CaptionImageLoader.Normalization.IMAGENET);
        }
        return new CaptionImageLoader(
                3, o.imageSize(), o.imageSize(), CaptionImageLoader.Normalization.UNIT);
    }

    /**
     * Reads images into what a recipe run loads per image: pixels from {@link #imageLoader}, or for
     * {@code centernet} the detector's features directly (the 512x512 pixels are never kept).
     */
    interface ImageSource {
        /**
         * Loads an image file.
         *
         * @param file the image
         * @return {@code [1, 3, size, size]} pixels, or centernet's {@code [1, 560]} image vector
         *     (with attention {@code [1, CenternetEncoder.FEATURE_SIZE]}: vector and regions)
         * @throws IOException when the file cannot be read or decoded
         */
        INDArray load(Path file) throws IOException;

        /**
         * Loads an in-memory picture (the generated scenes).
         *
         * @param picture the picture
         * @return as {@link #load(Path)}
         * @throws IOException when the picture cannot be converted
         */
        INDArray load(BufferedImage picture) throws IOException;

        /**
         * Returns the shape of an empty set of images.
         *
         * @return {@code [0, 3, size, size]} or {@code [0, F]}
         */
        long[] emptyShape();
    }

    /**
     * Returns the image source of a recipe run.
     *
     * @param o the options
     * @return the source ({@code centernet}'s features are cached under {@link
     *     Recipes#cacheDirectory()}{@code /features})
     * @throws IOException when the centernet model file cannot be read
     * @throws IllegalArgumentException when the centernet model file does not exist
     */
    static ImageSource imageSource(CaptionOptions o) throws IOException {
        if (o.encoder().equals("centernet")) {
            CenternetEncoder encoder =
                    CenternetEncoder.open(
                            o.encoderWeights(), Recipes.cacheDirectory().resolve("features"));
            int width =
                    o.attention() ? CenternetEncoder.FEATURE_SIZE : CenternetEncoder.VECTOR_SIZE;
            return new Source(
                    file -> columns(encoder.features(file), width),
                    picture -> columns(encoder.features(picture), width),
                    new long[] {0, width});
        }
        CaptionImageLoader loader = imageLoader(o);
        int[] shape = loader.shape();
        return new Source(loader::load, loader::load, new long[] {0, shape[0], shape[1], shape[2]});
    }

    private static INDArray columns(INDArray row, int width) {
        return row.size(1) == width
                ? row
                : row.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).dup();
    }

    /** Loads one input of type {@code T} as an array. */
    private interface Loader<T> {
        INDArray load(T input) throws IOException;
    }

    /** An {@link ImageSource} made of its two loaders and the empty shape. */
    private record Source(Loader<Path> files, Loader<BufferedImage> pictures, long[] empty)
            implements ImageSource {

        @Override
        public INDArray load(Path file) throws IOException {
            return files.load(file);
        }

        @Override
        public INDArray load(BufferedImage picture) throws IOException {
            return pictures.load(picture);
        }

        @Override
        public long[] emptyShape() {
            return empty.clone();
        }
    }

    /**
     * Captions pictures in memory: each is resized and normalised as in training (or run through
     * the frozen encoder), then decoded.
     *
     * @param pictures the pictures, any size (they are resized to {@code imageSize})
     * @param beamWidth beam width (1: greedy)
     * @return one caption per picture, in order
     * @throws IOException when an encoder's weights cannot be read
     * @throws IllegalArgumentException when {@code pictures} is empty or {@code beamWidth < 1}
     */
    public List<Caption> caption(List<BufferedImage> pictures, int beamWidth) throws IOException {
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("pictures must not be empty, received: 0 pictures");
        }
        ImageSource loader = imageSource(options);
        List<INDArray> pixels = new ArrayList<>(pictures.size());
        for (int i = 0; i < pictures.size(); i++) {
            pixels.add(
                    loader.load(
                            Objects.requireNonNull(pictures.get(i), "picture " + i + " is null")));
        }
        return caption(
                inputs(Nd4j.concat(0, pixels.toArray(new INDArray[0]))),
                decoder(options, beamWidth),
                beamWidth > 1);
    }

    /**
     * The beam-search decoder of a model: at most {@code maxLength} tokens, the options' length
     * penalty, never padding or the unknown word.
     *
     * @param options the model's options
     * @param beamWidth beam width (1: the same result as greedy decoding)
     * @return the decoder
     * @throws IllegalArgumentException when {@code beamWidth < 1}
     */
    static SequenceDecoder decoder(CaptionOptions options, int beamWidth) {
        return SequenceDecoder.builder()
                .optMaxLength(options.training().maxLength())
                .optSuppressedTokens(Vocabulary.PAD, Vocabulary.UNK)
                .optBeamWidth(beamWidth)
                .optLengthPenalty(options.lengthPenalty())
                .build();
    }

    /**
     * Turns loaded images into the network's image input: the pixels themselves for the CNN
     * encoder, the frozen zoo encoder's features otherwise (computed once, here); {@code
     * centernet}'s inputs are features already (see {@link #imageSource}).
     *
     * @param pixels {@code [n, 3, size, size]} from {@link #imageLoader}
     * @return the pixels, or the features {@code [n, F]}
     * @throws IOException when the zoo encoder's weights cannot be read
     */
    INDArray inputs(INDArray pixels) throws IOException {
        return inputs(options, pixels);
    }

    /**
     * See {@link #inputs(INDArray)}.
     *
     * @param o the options
     * @param pixels the loaded images
     * @return the network's image input
     * @throws IOException when the zoo encoder's weights cannot be read
     */
    static INDArray inputs(CaptionOptions o, INDArray pixels) throws IOException {
        if (!o.frozenEncoder() || o.encoder().equals("centernet") || pixels.size(0) == 0) {
            return pixels;
        }
        return ZooEncoder.load(o.encoder(), o.encoderWeights()).features(pixels);
    }

    /**
     * Loads a model saved by {@link CaptionRecipe#train(CaptionOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     * @throws BundleFormatException when its {@code options.json} is of a newer format or does not
     *     hold valid caption options
     * @throws IllegalArgumentException when the model's frozen encoder file (recorded with its
     *     SHA-256 at training) is missing or has another SHA-256; the message names the file and
     *     both hashes
     */
    public static CaptionModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (bundle.vocabulary() == null
                || !bundle.attachments().containsKey(BASELINES)
                || !bundle.attachments().containsKey(NEIGHBOURS)) {
            throw new BundleFormatException(
                    file, "corrupt caption bundle: no vocabulary or baselines", null);
        }
        CaptionOptions options =
                OptionsJson.read(
                        bundle.options(),
                        CaptionOptions.class,
                        CaptionOptions.defaults(),
                        Map.of("maxCaptionLength", "maxLength"),
                        file);
        if (bundle.attachments().containsKey(ENCODER)) {
            checkEncoder(
                    file,
                    ModelBundle.json().readValue(bundle.attachment(ENCODER), EncoderFile.class));
        }
        CaptionBaselines.Stored stored =
                ModelBundle.json()
                        .readValue(bundle.attachment(BASELINES), CaptionBaselines.Stored.class);
        INDArray vectors =
                Nd4j.read(
                        new DataInputStream(
                                new ByteArrayInputStream(bundle.attachment(NEIGHBOURS))));
        return new CaptionModel(
                bundle.network(),
                bundle.vocabulary(),
                options,
                new CaptionBaselines(stored.constant(), vectors, stored.neighbourCaptions()));
    }

    /**
     * The frozen encoder's file as recorded in a bundle.
     *
     * @param encoder the encoder name
     * @param path the file's path at training
     * @param sha256 its SHA-256 (lower-case hex)
     */
    record EncoderFile(String encoder, String path, String sha256) {}

    private static void checkEncoder(Path bundle, EncoderFile recorded) throws IOException {
        Path path = Path.of(recorded.path());
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(
                    bundle
                            + ": its "
                            + recorded.encoder()
                            + " encoder file "
                            + path
                            + " is missing (expected sha256 "
                            + recorded.sha256()
                            + ")");
        }
        String actual = Provenance.sha256(path);
        if (!actual.equals(recorded.sha256())) {
            throw new IllegalArgumentException(
                    bundle
                            + ": its "
                            + recorded.encoder()
                            + " encoder file "
                            + path
                            + " has sha256 "
                            + actual
                            + ", but the model was trained with sha256 "
                            + recorded.sha256());
        }
    }

    /**
     * Serializes the baselines and, for a frozen encoder, its file's path and SHA-256 as bundle
     * attachments.
     *
     * @param baselines the baselines
     * @param options the options of the run
     * @return attachment name to bytes
     * @throws IOException when serialization fails or the encoder file cannot be read
     */
    static Map<String, byte[]> attachments(CaptionBaselines baselines, CaptionOptions options)
            throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>(attachments(baselines));
        if (options.frozenEncoder()) {
            Path weights = options.encoderWeights();
            out.put(
                    ENCODER,
                    ModelBundle.json()
                            .writeValueAsBytes(
                                    new EncoderFile(
                                            options.encoder(),
                                            weights.toString(),
                                            Provenance.sha256(weights))));
        }
        return out;
    }

    /**
     * Serializes the baselines as bundle attachments.
     *
     * @param baselines the baselines
     * @return attachment name to bytes
     * @throws IOException when serialization fails
     */
    static Map<String, byte[]> attachments(CaptionBaselines baselines) throws IOException {
        ByteArrayOutputStream vectors = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(vectors)) {
            Nd4j.write(baselines.vectors(), out);
        }
        byte[] json =
                ModelBundle.json()
                        .writeValueAsBytes(
                                new CaptionBaselines.Stored(
                                        baselines.constant(), baselines.neighbourCaptions()));
        return Map.of(BASELINES, json, NEIGHBOURS, vectors.toByteArray());
    }

    /**
     * Normalizes a caption into tokens: lower case, every character that is not a letter or digit
     * (punctuation) becomes a space, split at spaces. Applied to training captions, references and
     * nothing else (the model emits normalized tokens).
     *
     * @param caption the raw caption
     * @return its tokens
     */
    static List<String> tokenize(String caption) {
        String clean = caption.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return clean.isEmpty() ? List.of() : Arrays.asList(clean.split(" "));
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options (read from the bundle for a loaded model; older bundles upgraded)
     */
    public CaptionOptions options() {
        return options;
    }

    /**
     * Returns the caption vocabulary.
     *
     * @return the vocabulary
     */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns the baselines stored with the model.
     *
     * @return the baselines, or {@code null} while training
     */
    CaptionBaselines baselines() {
        return baselines;
    }

    /**
     * Returns the underlying core model (graphs sharing parameters).
     *
     * @return the model
     */
    ImageCaptionModel core() {
        return model;
    }

    /**
     * A generated caption.
     *
     * @param text the tokens joined by spaces
     * @param hypothesis the decoded ids and scores
     */
    public record Caption(String text, Hypothesis hypothesis) {}

    /**
     * Encodes images into the vectors the decoder reads.
     *
     * @param images {@code [n, 3, size, size]}
     * @return {@code [n, imageVectorSize]}
     */
    INDArray encode(INDArray images) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < images.size(0); from += BATCH) {
            parts.add(model.encode(rows(images, from, Math.min(images.size(0), from + BATCH))));
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    /**
     * Captions images.
     *
     * @param images {@code [n, 3, size, size]}
     * @param decoder greedy ({@code beamWidth} ignored when {@code beam} is false) or beam settings
     * @param beam beam search ({@code true}) or greedy decoding
     * @return one caption per image
     */
    public List<Caption> caption(INDArray images, SequenceDecoder decoder, boolean beam) {
        List<Caption> out = new ArrayList<>((int) images.size(0));
        for (long from = 0; from < images.size(0); from += BATCH) {
            INDArray batch = rows(images, from, Math.min(images.size(0), from + BATCH));
            var step = model.cached(batch);
            for (Hypothesis h : beam ? decoder.beamSearch(step) : decoder.greedy(step)) {
                out.add(new Caption(String.join(" ", vocabulary.decode(h.tokens())), h));
            }
        }
        return out;
    }

    private static INDArray rows(INDArray x, long from, long to) {
        if (x.rank() == 2) {
            return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
        }
        return x.get(
                        NDArrayIndex.interval(from, to),
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.all())
                .dup();
    }
}
