package org.rnnkit.recipes.caption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.datavec.image.loader.NativeImageLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.CaptionImageLoader;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.model.imports.TfjsGraphModel;
import org.rnnkit.recipes.Recipes;

/**
 * A frozen COCO detector as image encoder: the CenterNet (MobileNetV3) TF.js graph model of {@code
 * datasets/fetch.sh centernet} ({@code centernet.json} beside {@code centernet.bin}), run with
 * {@link TfjsGraphModel}. Images are loaded as RGB values 0-255, bilinearly resized to 512x512
 * (NHWC {@code [1, 512, 512, 3]}, no normalization, as the model was trained).
 *
 * <p>The features of an image ({@link #FEATURE_SIZE} values in one row) are two parts:
 *
 * <ol>
 *   <li>the image vector ({@link #VECTOR_SIZE} = 560 values): the backbone's last feature map
 *       {@code [1, 16, 16, 480]} averaged over its 256 positions (hard-swish activations, mostly
 *       within [-0.4, 6]), followed by the 80 class maxima of the centre heatmaps {@code [1, 128,
 *       128, 80]} (sigmoid scores in [0, 1]); not rescaled, so both parts keep their own scale;
 *   <li>the regions ({@link #REGION_SIZE} x {@link #REGIONS}): the feature map 2x2-average-pooled
 *       to an 8x8 grid, channel-major (all 64 regions of channel 0 first, regions in row-major
 *       order from the top left), what the decoder attends over.
 * </ol>
 *
 * <p>Features are cached on disk (one file per image under {@code <cache>/centernet-<model sha256
 * prefix>/<image sha256>.v2.bin}, written atomically; v2: this layout), so a repeated run, an
 * evaluation or a prediction does not run the graph again for an image seen before. The graph is
 * loaded only when a feature is not cached.
 *
 * <p>{@link #detect} returns the model's own detections (80 COCO classes, {@link #LABELS}).
 */
public final class CenternetEncoder {

    /** The graph's image input, {@code [1, 512, 512, 3]} float RGB 0-255. */
    static final String INPUT = "tower_0/images";

    /** The backbone's last feature map, {@code [1, 16, 16, 480]}. */
    static final String FEATURE_MAP = "tower_0/extern1/hard_swish/mul_1";

    /** The class centre heatmaps after a sigmoid, {@code [1, 128, 128, 80]}. */
    static final String KEYPOINTS = "tower_0/keypoints";

    /** The detections {@code [1, 100, 6]}: x1, y1, x2, y2 (512x512 input pixels), score, class. */
    static final String DETECTIONS = "tower_0/detections";

    /** The side of the square input in pixels. */
    public static final int SIZE = 512;

    /** The width of the image vector: 480 pooled channels and 80 class maxima. */
    public static final int VECTOR_SIZE = 560;

    /** The side of the square grid of regions. */
    public static final int GRID = 8;

    /** The number of regions the decoder attends over ({@code GRID * GRID}). */
    public static final int REGIONS = GRID * GRID;

    /** The width of one region's features (the feature map's channels). */
    public static final int REGION_SIZE = 480;

    /** The width of an image's features: the image vector, then the regions channel-major. */
    public static final int FEATURE_SIZE = VECTOR_SIZE + REGION_SIZE * REGIONS;

    /** The 80 COCO class names in the model's class order (the standard COCO detection order). */
    public static final List<String> LABELS =
            List.of(
                    "person",
                    "bicycle",
                    "car",
                    "motorcycle",
                    "airplane",
                    "bus",
                    "train",
                    "truck",
                    "boat",
                    "traffic light",
                    "fire hydrant",
                    "stop sign",
                    "parking meter",
                    "bench",
                    "bird",
                    "cat",
                    "dog",
                    "horse",
                    "sheep",
                    "cow",
                    "elephant",
                    "bear",
                    "zebra",
                    "giraffe",
                    "backpack",
                    "umbrella",
                    "handbag",
                    "tie",
                    "suitcase",
                    "frisbee",
                    "skis",
                    "snowboard",
                    "sports ball",
                    "kite",
                    "baseball bat",
                    "baseball glove",
                    "skateboard",
                    "surfboard",
                    "tennis racket",
                    "bottle",
                    "wine glass",
                    "cup",
                    "fork",
                    "knife",
                    "spoon",
                    "bowl",
                    "banana",
                    "apple",
                    "sandwich",
                    "orange",
                    "broccoli",
                    "carrot",
                    "hot dog",
                    "pizza",
                    "donut",
                    "cake",
                    "chair",
                    "couch",
                    "potted plant",
                    "bed",
                    "dining table",
                    "toilet",
                    "tv",
                    "laptop",
                    "mouse",
                    "remote",
                    "keyboard",
                    "cell phone",
                    "microwave",
                    "oven",
                    "toaster",
                    "sink",
                    "refrigerator",
                    "book",
                    "clock",
                    "vase",
                    "scissors",
                    "teddy bear",
                    "hair drier",
                    "toothbrush");

    /** Graph runs in this JVM (read by tests to check cache hits). */
    private static final AtomicInteger GRAPH_RUNS = new AtomicInteger();

    private final Path modelJson;
    private final String modelSha256;
    private final Path cache;
    private final CaptionImageLoader pixels =
            new CaptionImageLoader(3, SIZE, SIZE, CaptionImageLoader.Normalization.UNIT);
    private TfjsGraphModel model;

    private CenternetEncoder(Path modelJson, String modelSha256, Path cache) {
        this.modelJson = modelJson;
        this.modelSha256 = modelSha256;
        this.cache = cache;
    }

    /**
     * Opens the encoder: checks the model file and hashes it; the graph itself is loaded on the
     * first feature that is not cached.
     *
     * @param modelJson the {@code centernet.json} ({@code centernet.bin} beside it)
     * @param cacheDirectory where features are cached, or {@code null} for no cache
     * @return the encoder
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the file does not exist
     */
    public static CenternetEncoder open(Path modelJson, Path cacheDirectory) throws IOException {
        if (modelJson == null || !Files.isRegularFile(modelJson)) {
            throw new IllegalArgumentException(
                    "encoderWeights must be the centernet.json of `datasets/fetch.sh centernet`"
                            + " (with centernet.bin beside it; run the fetch first), not found: "
                            + modelJson);
        }
        String sha = Provenance.sha256(modelJson);
        Path dir =
                cacheDirectory == null
                        ? null
                        : cacheDirectory.resolve("centernet-" + sha.substring(0, 16));
        return new CenternetEncoder(modelJson, sha, dir);
    }

    /**
     * Returns the caption recipe's defaults for this encoder, measured on flickr8k-1k (see
     * docs/BENCHMARKS.md): the fetched model, attention 256 over the regions, an image vector and
     * word embeddings of 256, one LSTM of 512, dropout 0.3, Adam 1e-3 decaying by 0.9 per epoch, at
     * most 12 epochs (patience 6), beam 5; the rest as {@link CaptionOptions#defaults()}. {@code
     * rnnkit caption train --encoder centernet} starts from these.
     *
     * @return the options
     */
    public static CaptionOptions captionDefaults() {
        return CaptionOptions.builder()
                .encoder("centernet")
                .encoderWeights(defaultModelFile())
                .attentionSize(256)
                .imageVectorSize(256)
                .embeddingSize(256)
                .beamWidth(5)
                .lrDecay(0.9)
                .build()
                .withTraining(
                        t ->
                                t.hiddenSize(512)
                                        .dropout(0.3)
                                        .learningRate(1e-3)
                                        .epochs(12)
                                        .patience(6));
    }

    /**
     * Returns where {@code datasets/fetch.sh centernet} puts the model: {@code
     * $RNNKIT_MODELS/centernet/centernet.json}, by default under {@link Recipes#cacheDirectory()}
     * {@code /models}.
     *
     * @return the path (the file may not exist)
     */
    public static Path defaultModelFile() {
        String models = System.getenv("RNNKIT_MODELS");
        Path dir =
                models != null && !models.isBlank()
                        ? Path.of(models)
                        : Recipes.cacheDirectory().resolve("models");
        return dir.resolve("centernet").resolve("centernet.json");
    }

    /**
     * Returns the model file.
     *
     * @return the {@code centernet.json} path
     */
    public Path modelFile() {
        return modelJson;
    }

    /**
     * Returns the model file's SHA-256.
     *
     * @return lower-case hex
     */
    public String modelSha256() {
        return modelSha256;
    }

    /**
     * Returns how often the graph has run in this JVM, by any encoder.
     *
     * @return the count
     */
    static int graphRuns() {
        return GRAPH_RUNS.get();
    }

    /**
     * Returns the features of an image file, from the cache when present.
     *
     * @param image the image file
     * @return {@code [1, FEATURE_SIZE]}: the image vector, then the regions
     * @throws MalformedDataException when the file is missing or cannot be decoded
     * @throws IOException when a file cannot be read or the cache cannot be written
     */
    public INDArray features(Path image) throws IOException {
        Objects.requireNonNull(image, "image");
        if (!Files.isRegularFile(image)) {
            throw new MalformedDataException(image, 0, "image file not found");
        }
        byte[] bytes = Files.readAllBytes(image);
        return cached(sha256(bytes), () -> pixels.load(image));
    }

    /**
     * Returns the features of an in-memory picture (keyed by its PNG encoding).
     *
     * @param picture the picture
     * @return {@code [1, FEATURE_SIZE]}, as {@link #features(Path)}
     * @throws IOException when the picture cannot be converted or the cache cannot be written
     */
    public INDArray features(BufferedImage picture) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(Objects.requireNonNull(picture, "picture"), "png", png)) {
            throw new IOException("no PNG writer for the picture");
        }
        return cached(sha256(png.toByteArray()), () -> pixels.load(picture));
    }

    private interface Pixels {
        INDArray load() throws IOException;
    }

    private INDArray cached(String imageSha256, Pixels load) throws IOException {
        Path file = cache == null ? null : cache.resolve(imageSha256 + ".v2.bin");
        if (file != null && Files.isRegularFile(file)) {
            try (DataInputStream in =
                    new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                INDArray f = Nd4j.read(in);
                if (f.rank() == 2 && f.size(1) == FEATURE_SIZE) {
                    return f;
                }
            }
        }
        Map<String, INDArray> out = run(input(load.load()), FEATURE_MAP, KEYPOINTS);
        INDArray f = features(out.get(FEATURE_MAP), out.get(KEYPOINTS));
        if (file != null) {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream o = new DataOutputStream(bytes)) {
                Nd4j.write(f, o);
            }
            AtomicFiles.write(file, bytes.toByteArray());
        }
        return f;
    }

    /**
     * Computes an image's features from the graph's two outputs.
     *
     * @param map the feature map {@code [1, 16, 16, 480]}
     * @param keypoints the class heatmaps {@code [1, 128, 128, 80]}
     * @return {@code [1, FEATURE_SIZE]}, float
     */
    static INDArray features(INDArray map, INDArray keypoints) {
        INDArray pooled = map.mean(1, 2).reshape(1, REGION_SIZE);
        INDArray classMax = keypoints.max(1, 2).reshape(1, 80);
        INDArray vector = Nd4j.concat(1, pooled, classMax).castTo(DataType.FLOAT);
        // [1, 16, 16, C] -> [8, 2, 8, 2, C] -> mean over each 2x2 block -> [8, 8, C] -> [C, 64]
        int side = (int) map.size(1);
        INDArray blocks =
                map.castTo(DataType.FLOAT)
                        .dup('c')
                        .reshape('c', GRID, side / GRID, GRID, side / GRID, REGION_SIZE)
                        .mean(1, 3);
        INDArray regions =
                blocks.reshape('c', REGIONS, REGION_SIZE).transpose().dup('c').reshape(1, -1);
        return Nd4j.concat(1, vector, regions);
    }

    private synchronized Map<String, INDArray> run(INDArray input, String... fetches)
            throws IOException {
        if (model == null) {
            model = TfjsGraphModel.load(modelJson);
        }
        GRAPH_RUNS.incrementAndGet();
        return model.run(Map.of(INPUT, input), fetches);
    }

    /**
     * Converts a loaded image from the DataVec layout to the model's input.
     *
     * @param bgrUnit {@code [1, 3, 512, 512]} BGR (OpenCV's order) in [0, 1]
     * @return {@code [1, 512, 512, 3]} RGB in [0, 255], float
     */
    static INDArray input(INDArray bgrUnit) {
        INDArray rgb =
                bgrUnit.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.indices(2, 1, 0),
                        NDArrayIndex.all(),
                        NDArrayIndex.all());
        return rgb.permute(0, 2, 3, 1).mul(255.0).castTo(DataType.FLOAT).dup('c');
    }

    /**
     * One detection in the original image's pixels.
     *
     * @param label the COCO class name
     * @param score the model's score in [0, 1]
     * @param x1 left edge
     * @param y1 top edge
     * @param x2 right edge
     * @param y2 bottom edge
     */
    public record Detection(
            String label, double score, double x1, double y1, double x2, double y2) {

        /**
         * Formats the detection as {@code rnnkit caption detect} prints it.
         *
         * @param image the image's name
         * @return {@code image<TAB>label<TAB>score<TAB>x1,y1,x2,y2}
         */
        public String toLine(String image) {
            return String.format(
                    Locale.ROOT,
                    "%s\t%s\t%.4f\t%.1f,%.1f,%.1f,%.1f",
                    image,
                    label,
                    score,
                    x1,
                    y1,
                    x2,
                    y2);
        }
    }

    /**
     * Detects COCO objects in an image file.
     *
     * @param image the image file
     * @param minScore the lowest score kept
     * @return the detections scoring at least {@code minScore}, best first, boxes scaled from the
     *     512x512 input back to the original image's pixels and clipped to it
     * @throws MalformedDataException when the file is missing or cannot be decoded
     * @throws IOException when the model or the image cannot be read
     */
    public List<Detection> detect(Path image, double minScore) throws IOException {
        INDArray loaded = pixels.load(image);
        long[] size = originalSize(image);
        double sy = size[0] / (double) SIZE;
        double sx = size[1] / (double) SIZE;
        INDArray det = run(input(loaded), DETECTIONS).get(DETECTIONS);
        List<Detection> out = new ArrayList<>();
        for (int r = 0; r < det.size(1); r++) {
            double score = det.getDouble(0, r, 4);
            int c = (int) Math.round(det.getDouble(0, r, 5));
            if (score < minScore || c < 0 || c >= LABELS.size()) {
                continue;
            }
            out.add(
                    new Detection(
                            LABELS.get(c),
                            score,
                            clip(det.getDouble(0, r, 0) * sx, size[1]),
                            clip(det.getDouble(0, r, 1) * sy, size[0]),
                            clip(det.getDouble(0, r, 2) * sx, size[1]),
                            clip(det.getDouble(0, r, 3) * sy, size[0])));
        }
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out;
    }

    private static double clip(double v, long max) {
        return Math.max(0, Math.min(max, v));
    }

    /** {height, width} of the image file as decoded by OpenCV. */
    private static long[] originalSize(Path image) throws IOException {
        INDArray full;
        try {
            full = new NativeImageLoader().asMatrix(image.toFile());
        } catch (RuntimeException e) {
            throw new MalformedDataException(
                    image, 0, "cannot decode the image (" + e.getMessage() + ")", e);
        }
        return new long[] {full.size(2), full.size(3)};
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
