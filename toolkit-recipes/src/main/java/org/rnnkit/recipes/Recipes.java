package org.rnnkit.recipes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.text.WordVectors;
import org.rnnkit.train.OptimizerSpec;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;

/** Steps every recipe takes the same way. */
public final class Recipes {

    /** Batches per epoch in a {@code --smoke} run. */
    public static final int SMOKE_BATCHES = 2;

    private Recipes() {}

    /**
     * Returns a run directory: {@code <out stem>-run/} beside the bundle.
     *
     * @param out the bundle path
     * @return the directory for checkpoints, metrics log and loss plot
     */
    public static Path runDirectory(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return out.toAbsolutePath().getParent().resolve(stem + "-run");
    }

    /**
     * Returns rnnkit's cache directory, where computed features are kept between runs: the system
     * property {@code rnnkit.cache}, else the environment variable {@code RNNKIT_CACHE}, else
     * {@code ~/.cache/rnnkit} (the directory {@code datasets/fetch.sh} downloads into).
     *
     * @return the directory (not created here)
     */
    public static Path cacheDirectory() {
        String property = System.getProperty("rnnkit.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("RNNKIT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "rnnkit");
    }

    /**
     * Configures the trainer of a recipe from its training settings: early stopping, checkpoints,
     * metrics log and loss plot in the run directory, resume, progress bar, and a one-epoch, {@link
     * #SMOKE_BATCHES}-batch run for {@code smoke}; a recipe adds settings of its own and builds.
     *
     * @param training the shared training settings
     * @param fingerprint what must match between a run and its resume
     * @param optimizer the optimizer (for the learning-rate schedule)
     * @return the trainer's builder
     */
    public static Trainer.Builder trainerBuilder(
            TrainingOptions training, String fingerprint, OptimizerSpec optimizer) {
        Path runDirectory = training.runDirectory();
        return Trainer.builder()
                .optEpochFitter(
                        training.spark() == null
                                ? null
                                : DistributedTraining.find().open(training.spark(), training))
                .optMaxEpochs(training.smoke() ? 1 : training.epochs())
                .optMaxBatchesPerEpoch(training.smoke() ? SMOKE_BATCHES : Integer.MAX_VALUE)
                .optPatience(training.patience())
                .optSeed(training.seed())
                .optCheckpointDir(runDirectory)
                .optResume(training.resume())
                .optMetricsLog(runDirectory.resolve("metrics.jsonl"))
                .optLossPlot(runDirectory.resolve("loss.png"))
                .optProgressBar(training.progressBar())
                .optFingerprint(fingerprint)
                .optOptimizer(optimizer);
    }

    /**
     * Throws when a setting is out of range.
     *
     * @param ok whether the setting is valid
     * @param name the setting's name
     * @param value its value
     * @param expected what it must be, for example {@code "in (0, 1]"}
     * @throws IllegalArgumentException {@code "<name> must be <expected>, received:
     *     <name>=<value>"}
     */
    public static void require(boolean ok, String name, Object value, String expected) {
        require(ok, name + " must be " + expected + ", received: " + name + "=" + value);
    }

    /**
     * Throws when an integer setting is below its minimum.
     *
     * @param name the setting's name
     * @param value its value
     * @param min the smallest valid value
     * @throws IllegalArgumentException {@code "<name> must be >= <min>, received: <name>=<value>"}
     */
    public static void atLeast(String name, int value, int min) {
        require(value >= min, name + " must be >= " + min + ", received: " + name + "=" + value);
    }

    /**
     * Throws when a setting is out of range.
     *
     * @param ok whether the setting is valid
     * @param message what was expected and what was received, for example {@code "hiddenSize must
     *     be >= 1, received: hiddenSize=0"}
     * @throws IllegalArgumentException with {@code message} when {@code ok} is false
     */
    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Returns the hash a run records for its training data: the file's SHA-256, or {@code
     * "embedded"} for the recipe's generated data.
     *
     * @param data the training file, or {@code null} for the embedded data
     * @return the hash
     * @throws IOException when the file cannot be read
     */
    public static String dataHash(Path data) throws IOException {
        return data == null ? "embedded" : Provenance.sha256(data);
    }

    /**
     * Returns the hash a run records for training data given in memory: the SHA-256 of its records,
     * each followed by a newline, so that the same records in the same order give the same hash
     * (and a resumed run recognises its data).
     *
     * @param records the training records, each rendered as one line (for example {@code
     *     label<TAB>text})
     * @return {@code "memory:"} plus the lower-case hex SHA-256
     */
    public static String dataHash(List<String> records) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        for (String record : records) {
            digest.update(record.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return "memory:" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Adds what every training run reports about itself: {@code best_epoch} and {@code
     * epochs_trained}.
     *
     * @param metrics the metrics to extend
     * @param result the training result
     */
    public static void putTrainingMetrics(Map<String, Double> metrics, TrainingResult result) {
        metrics.put("best_epoch", (double) result.bestEpoch());
        metrics.put("epochs_trained", (double) result.history().size());
        if (result.bestAveraged()) {
            metrics.put("best_epoch_averaged_weights", 1.0);
        }
    }

    /**
     * Loads a bundle and checks that it holds the expected task's model.
     *
     * @param file the bundle
     * @param task the task name
     * @return the bundle
     * @throws IOException when the file cannot be read or holds another task's model
     */
    public static ModelBundle loadBundle(Path file, String task) throws IOException {
        ModelBundle bundle = ModelBundle.load(file);
        if (!task.equals(bundle.task())) {
            throw new BundleFormatException(
                    file,
                    "holds a '"
                            + bundle.task()
                            + "' model, not a '"
                            + task
                            + "' model; use `rnnkit "
                            + bundle.task()
                            + "` with it",
                    null);
        }
        return bundle;
    }

    /**
     * Copies pretrained word vectors into an initialised network's embedding layer ({@code
     * EmbeddingSequenceLayer}, weight {@code "W"} of shape {@code [vocabulary size, embedding
     * size]}): the row of each vocabulary word with a vector (exact form, else lower case) becomes
     * that vector; reserved ids and words without a vector keep their initial values.
     *
     * @param network an initialised network
     * @param layer the embedding layer's name
     * @param vocabulary the vocabulary whose ids index the rows
     * @param vectors the pretrained vectors
     * @param file the vectors' file, named in the error message
     * @return how many vocabulary words received a vector
     * @throws IllegalArgumentException when the vectors' dimension is not the layer's embedding
     *     size or the layer's rows are not the vocabulary's size
     */
    public static int copyEmbeddings(
            ComputationGraph network,
            String layer,
            Vocabulary vocabulary,
            WordVectors vectors,
            Path file) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(vectors, "vectors");
        Layer embedding = network.getLayer(layer);
        if (embedding == null) {
            throw new IllegalArgumentException(
                    "layer must name a layer of the network, received: layer=" + layer);
        }
        INDArray weights = embedding.getParam("W").dup();
        if (weights.size(1) != vectors.dimension()) {
            throw new IllegalArgumentException(
                    "embeddingSize must equal the dimension of the vectors in "
                            + file
                            + " ("
                            + vectors.dimension()
                            + "), received: embeddingSize="
                            + weights.size(1)
                            + " (set --embedding-size "
                            + vectors.dimension()
                            + ", or leave it out to take it from the file)");
        }
        if (weights.size(0) != vocabulary.size()) {
            throw new IllegalArgumentException(
                    "the embedding layer must have one row per vocabulary id, received: shape="
                            + Arrays.toString(weights.shape())
                            + ", vocabulary size="
                            + vocabulary.size());
        }
        int found = vectors.fillEmbedding(vocabulary, weights);
        embedding.setParam("W", weights);
        return found;
    }
}
