package org.rnnkit.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.ZipEntries;
import org.rnnkit.data.Arguments;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.SequenceBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a DL4J graph epoch by epoch with early stopping on a dev metric, checkpoints and resume.
 *
 * <p>Per epoch: the iterator's batch plan for that epoch is fixed by its seed, ND4J's random
 * generator is re-seeded with {@code seed + epoch} (dropout), every batch is fitted, the dev metric
 * is computed, and a checkpoint (network with updater state, best parameters so far, history) is
 * written atomically to {@code checkpointDir/checkpoint.zip}. Training stops after {@code
 * maxEpochs} or when the dev metric has not improved for {@code patience} epochs; the returned
 * network holds the best epoch's parameters. With {@code resume}, training continues after the
 * checkpoint's epoch and ends exactly as an uninterrupted run would.
 *
 * <p>Weight averaging ({@link Builder#optWeightAveraging(double)}): an exponential moving average
 * of the parameters is updated after every batch ({@code avg = d avg + (1 - d) params}, with the
 * decay warmed up as {@code min(d, (1 + n) / (10 + n))} after {@code n} updates, as TensorFlow's
 * {@code ExponentialMovingAverage}); after each epoch the dev metric is computed for the trained
 * and for the averaged weights, and whichever scores higher competes for the best epoch. Training
 * itself always continues from the trained weights; the average travels in the checkpoint.
 *
 * <p>Reporting: a progress bar (loss, sequences/s, ETA) on standard error, one INFO log line per
 * epoch, a JSON-lines metrics log and a PNG loss curve (XChart), each optional.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final String CHECKPOINT = "checkpoint.zip";
    private static final String AVERAGED = "averaged-params.bin";
    private static final int CHECKPOINT_VERSION = 1;
    private static final double PROGRESS_LOG_SECONDS = 60;
    private static final ObjectMapper JSON = ModelBundle.json();

    private final int maxEpochs;
    private final EpochFitter epochFitter;
    private final int patience;
    private final long seed;
    private final Path checkpointDir;
    private final boolean resume;
    private final int maxBatchesPerEpoch;
    private final boolean progressBar;
    private final Path metricsLog;
    private final Path lossPlot;
    private final String fingerprint;
    private final OptimizerSpec optimizer;
    private final double averagingDecay;

    private Trainer(Builder b) {
        this.epochFitter = b.epochFitter;
        this.maxEpochs = b.maxEpochs;
        this.patience = b.patience;
        this.seed = b.seed;
        this.checkpointDir = b.checkpointDir;
        this.resume = b.resume;
        this.maxBatchesPerEpoch = b.maxBatchesPerEpoch;
        this.progressBar = b.progressBar;
        this.metricsLog = b.metricsLog;
        this.lossPlot = b.lossPlot;
        this.fingerprint = b.fingerprint;
        this.optimizer = b.optimizer;
        this.averagingDecay = b.averagingDecay;
    }

    /**
     * Starts a trainer configuration.
     *
     * @return a builder: 10 epochs, patience 3, seed 42, no checkpoints, no logs
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains the network.
     *
     * @param network a freshly initialised graph; replaced by the checkpoint's when resuming
     * @param train the training batches
     * @param dev the model-selection metric
     * @return the trained network and its history
     * @throws IOException when a checkpoint, log or plot cannot be written, or a checkpoint not
     *     read
     * @throws IllegalStateException when resuming from a checkpoint of a different model or data
     *     set
     */
    public TrainingResult fit(ComputationGraph network, BucketingIterator<?> train, DevMetric dev)
            throws IOException {
        try {
            return fitHere(network, train, dev);
        } finally {
            if (epochFitter != null) {
                epochFitter.close();
            }
        }
    }

    private TrainingResult fitHere(
            ComputationGraph network, BucketingIterator<?> train, DevMetric dev)
            throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        State state = new State();
        ComputationGraph net = network;
        int resumedAfter = 0;
        if (resume
                && checkpointDir != null
                && Files.isRegularFile(checkpointDir.resolve(CHECKPOINT))) {
            state = readCheckpoint(checkpointDir.resolve(CHECKPOINT), network);
            net = state.network;
            resumedAfter = state.epoch;
            LOG.info(
                    "resuming from {} after epoch {} (best {}={} at epoch {})",
                    checkpointDir.resolve(CHECKPOINT),
                    state.epoch,
                    dev.name(),
                    fmt(state.bestMetric),
                    state.bestEpoch);
        } else {
            if (resume) {
                LOG.info(
                        "resume requested but no checkpoint in {}; starting from scratch",
                        checkpointDir);
            }
            if (metricsLog != null) {
                Files.deleteIfExists(metricsLog);
            }
        }
        if (state.bestParams == null) {
            state.bestParams = net.params().dup();
        }
        if (averagingDecay > 0 && state.averaged == null) {
            if (resumedAfter > 0) {
                LOG.warn(
                        "the checkpoint holds no averaged weights; averaging starts from the"
                                + " weights of epoch {}",
                        resumedAfter);
            }
            state.averaged = net.params().dup();
        }
        boolean stoppedEarly = false;
        List<double[]> batchLosses = new ArrayList<>();
        for (int epoch = state.epoch; epoch < maxEpochs; epoch++) {
            if (state.sinceImprovement >= patience) {
                stoppedEarly = true;
                break;
            }
            EpochRecord rec = runEpoch(net, train, dev, epoch, batchLosses, state);
            state.history.add(rec);
            state.epoch = epoch + 1;
            // NaN (no averaging) never wins the comparison
            boolean averagedWins = rec.averagedDevMetric() > rec.devMetric();
            double metric = averagedWins ? rec.averagedDevMetric() : rec.devMetric();
            if (metric > state.bestMetric || state.bestEpoch == 0) {
                state.bestMetric = metric;
                state.bestEpoch = epoch + 1;
                state.sinceImprovement = 0;
                state.bestParams = (averagedWins ? state.averaged : net.params()).dup();
                state.bestAveraged = averagedWins;
            } else {
                state.sinceImprovement++;
            }
            LOG.info(
                    "epoch {}/{}: loss {} {} {}{} (best {} at epoch {}{}), {} seq/s, padding efficiency {}, {} s",
                    epoch + 1,
                    maxEpochs,
                    fmt(rec.trainLoss()),
                    dev.name(),
                    fmt(rec.devMetric()),
                    averagingDecay > 0 ? ", averaged " + fmt(rec.averagedDevMetric()) : "",
                    fmt(state.bestMetric),
                    state.bestEpoch,
                    state.bestAveraged ? ", averaged" : "",
                    String.format("%.1f", rec.sequencesPerSecond()),
                    String.format("%.3f", rec.paddingEfficiency()),
                    String.format("%.1f", rec.seconds()));
            if (checkpointDir != null) {
                writeCheckpoint(checkpointDir.resolve(CHECKPOINT), net, state);
            }
            appendMetrics(rec, dev.name());
            plot(state.history, batchLosses);
        }
        if (!stoppedEarly && state.sinceImprovement >= patience && state.epoch < maxEpochs) {
            stoppedEarly = true;
        }
        if (stoppedEarly) {
            LOG.info("early stopping: {} did not improve for {} epochs", dev.name(), patience);
        }
        net.setParams(state.bestParams);
        return new TrainingResult(
                net,
                state.bestEpoch,
                state.bestMetric,
                state.history,
                stoppedEarly,
                resumedAfter,
                state.bestAveraged);
    }

    private EpochRecord runEpoch(
            ComputationGraph net,
            BucketingIterator<?> train,
            DevMetric dev,
            int epoch,
            List<double[]> batchLosses,
            State state) {
        train.setEpoch(epoch);
        train.resetStatistics();
        net.getConfiguration().setEpochCount(epoch);
        Nd4j.getRandom().setSeed(seed + epoch);
        int batches = Math.min(train.batchesPerEpoch(), maxBatchesPerEpoch);
        double lossSum = 0;
        long sequences = 0;
        long start = System.nanoTime();
        ProgressBar bar =
                progressBar
                        ? new ProgressBarBuilder()
                                .setTaskName(String.format("epoch %d/%d", epoch + 1, maxEpochs))
                                .setInitialMax(batches)
                                .setStyle(ProgressBarStyle.ASCII)
                                .setUpdateIntervalMillis(1000)
                                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                                .build()
                        : null;
        if (epochFitter != null) {
            return fitElsewhere(net, train, dev, epoch, batches, batchLosses, state);
        }
        try {
            double window = 0;
            int windowCount = 0;
            double lastReport = 0;
            for (int b = 0; b < batches && train.hasNext(); b++) {
                try (SequenceBatch batch = train.nextBatch()) {
                    if (batch.extraInputs().length == 0) {
                        net.fit(batch.toDataSet());
                    } else {
                        net.fit(batch.toMultiDataSet());
                    }
                    if (state.averaged != null) {
                        updateAverage(state, net.params());
                    }
                    double loss = net.score();
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException(
                                "training loss became "
                                        + loss
                                        + " in epoch "
                                        + (epoch + 1)
                                        + " batch "
                                        + (b + 1)
                                        + "; lower the learning rate or the clipping norm");
                    }
                    lossSum += loss * batch.batchSize();
                    sequences += batch.batchSize();
                    window += loss;
                    windowCount++;
                    if (windowCount == Math.max(1, batches / 20) || b == batches - 1) {
                        batchLosses.add(
                                new double[] {epoch + (b + 1.0) / batches, window / windowCount});
                        window = 0;
                        windowCount = 0;
                    }
                }
                double secs = (System.nanoTime() - start) / 1e9;
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(
                            String.format(
                                    " loss %.4f, %.0f seq/s",
                                    lossSum / sequences, sequences / secs));
                } else if (secs - lastReport >= PROGRESS_LOG_SECONDS && b + 1 < batches) {
                    // Without a terminal, report once a minute instead of drawing a bar.
                    lastReport = secs;
                    LOG.info(
                            "epoch {}: {}/{} batches, loss {}, {} seq/s, about {} s left",
                            epoch + 1,
                            b + 1,
                            batches,
                            fmt(lossSum / sequences),
                            String.format("%.1f", sequences / secs),
                            Math.round(secs / (b + 1) * (batches - b - 1)));
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return finishEpoch(
                net,
                train,
                dev,
                epoch,
                state,
                sequences == 0 ? Double.NaN : lossSum / sequences,
                sequences,
                seconds);
    }

    private EpochRecord finishEpoch(
            ComputationGraph net,
            BucketingIterator<?> train,
            DevMetric dev,
            int epoch,
            State state,
            double trainLoss,
            long sequences,
            double seconds) {
        net.getConfiguration().setEpochCount(epoch + 1);
        double metric = dev.evaluate(net);
        double averagedMetric = Double.NaN;
        if (state.averaged != null) {
            INDArray trained = net.params().dup();
            net.setParams(state.averaged);
            try {
                averagedMetric = dev.evaluate(net);
            } finally {
                net.setParams(trained);
            }
        }
        return new EpochRecord(
                epoch + 1,
                trainLoss,
                metric,
                optimizer == null ? Double.NaN : optimizer.learningRateAt(epoch),
                seconds,
                sequences / Math.max(seconds, 1e-9),
                train.paddingEfficiency(),
                averagedMetric);
    }

    /** One moving-average step: {@code avg = d avg + (1 - d) params}, d warmed up. */
    private void updateAverage(State state, INDArray params) {
        long n = state.averagedSteps++;
        double d = Math.min(averagingDecay, (1.0 + n) / (10.0 + n));
        // avg = d avg + (1 - d) params, in place: no temporary of the parameters' size per batch
        state.averaged.muli(d);
        Nd4j.getBlasWrapper().level1().axpy(params.length(), 1.0 - d, params, state.averaged);
    }

    private void appendMetrics(EpochRecord rec, String metricName) throws IOException {
        if (metricsLog == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("epoch", rec.epoch());
        line.put("train_loss", rec.trainLoss());
        line.put(metricName, rec.devMetric());
        if (!Double.isNaN(rec.averagedDevMetric())) {
            line.put(metricName + "_averaged", rec.averagedDevMetric());
        }
        line.put("learning_rate", rec.learningRate());
        line.put("seconds", rec.seconds());
        line.put("sequences_per_second", rec.sequencesPerSecond());
        line.put("padding_efficiency", rec.paddingEfficiency());
        Path parent = metricsLog.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String text =
                JSON.writer()
                                .without(
                                        com.fasterxml.jackson.databind.SerializationFeature
                                                .INDENT_OUTPUT)
                                .writeValueAsString(line)
                        + "\n";
        Files.writeString(
                metricsLog,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void plot(List<EpochRecord> history, List<double[]> batchLosses) throws IOException {
        if (lossPlot == null) {
            return;
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(800)
                        .height(500)
                        .title("Training loss")
                        .xAxisTitle("epoch")
                        .yAxisTitle("loss")
                        .build();
        double[] ex = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        double[] ey = history.stream().mapToDouble(EpochRecord::trainLoss).toArray();
        chart.addSeries("epoch mean", ex, ey);
        if (!batchLosses.isEmpty()) {
            double[] bx = batchLosses.stream().mapToDouble(p -> p[0]).toArray();
            double[] by = batchLosses.stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries("batches (window mean)", bx, by);
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(lossPlot, png);
    }

    private void writeCheckpoint(Path file, ComputationGraph net, State state) throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, model, true);
        ByteArrayOutputStream best = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(best)) {
            Nd4j.write(state.bestParams, d);
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("version", CHECKPOINT_VERSION);
        json.put("fingerprint", fingerprint);
        json.put("epoch", state.epoch);
        json.put("best_epoch", state.bestEpoch);
        json.put("best_metric", state.bestMetric);
        json.put("since_improvement", state.sinceImprovement);
        json.put("best_averaged", state.bestAveraged);
        json.set("history", JSON.valueToTree(state.history));
        byte[] averaged = null;
        if (state.averaged != null) {
            json.put("averaged_steps", state.averagedSteps);
            ByteArrayOutputStream avg = new ByteArrayOutputStream();
            try (DataOutputStream d = new DataOutputStream(avg)) {
                Nd4j.write(state.averaged, d);
            }
            averaged = avg.toByteArray();
        }
        byte[] averagedBytes = averaged;
        byte[] stateBytes = JSON.writeValueAsBytes(json);
        AtomicFiles.write(
                file,
                raw -> {
                    try (ZipOutputStream zip = new ZipOutputStream(raw)) {
                        zip.putNextEntry(new ZipEntry("state.json"));
                        zip.write(stateBytes);
                        zip.putNextEntry(new ZipEntry("model.zip"));
                        zip.write(model.toByteArray());
                        zip.putNextEntry(new ZipEntry("best-params.bin"));
                        zip.write(best.toByteArray());
                        if (averagedBytes != null) {
                            zip.putNextEntry(new ZipEntry(AVERAGED));
                            zip.write(averagedBytes);
                        }
                        zip.closeEntry();
                    }
                });
    }

    private State readCheckpoint(Path file, ComputationGraph fresh) throws IOException {
        Map<String, byte[]> entries = ZipEntries.read(file);
        try {
            return readCheckpoint(file, entries, fresh);
        } catch (IllegalStateException e) {
            throw e; // a checkpoint of another run or model: its message says so
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(
                    file + ": corrupt checkpoint (" + e + "); delete it to start over", e);
        }
    }

    private State readCheckpoint(Path file, Map<String, byte[]> entries, ComputationGraph fresh)
            throws IOException {
        for (String name : List.of("state.json", "model.zip", "best-params.bin")) {
            if (!entries.containsKey(name)) {
                throw new IOException(
                        file
                                + ": corrupt checkpoint, missing "
                                + name
                                + "; delete it to start over");
            }
        }
        JsonNode json = JSON.readTree(entries.get("state.json"));
        if (json.path("version").asInt() != CHECKPOINT_VERSION) {
            throw new IOException(
                    file
                            + ": checkpoint version "
                            + json.path("version").asInt()
                            + " is not supported (expected "
                            + CHECKPOINT_VERSION
                            + ")");
        }
        String saved =
                json.path("fingerprint").isNull() ? null : json.path("fingerprint").asText(null);
        if (!Objects.equals(saved, fingerprint)) {
            throw new IllegalStateException(
                    "checkpoint "
                            + file
                            + " belongs to a different run (other data or"
                            + " options); delete it or train without --resume");
        }
        State s = new State();
        s.network =
                ModelSerializer.restoreComputationGraph(
                        new ByteArrayInputStream(entries.get("model.zip")), true);
        if (s.network.numParams() != fresh.numParams()) {
            throw new IllegalStateException(
                    "checkpoint "
                            + file
                            + " holds a different model ("
                            + s.network.numParams()
                            + " parameters, expected "
                            + fresh.numParams()
                            + ")");
        }
        try (DataInputStream d =
                new DataInputStream(new ByteArrayInputStream(entries.get("best-params.bin")))) {
            s.bestParams = Nd4j.read(d);
        }
        s.epoch = json.path("epoch").asInt();
        s.bestEpoch = json.path("best_epoch").asInt();
        s.bestMetric = json.path("best_metric").asDouble();
        s.sinceImprovement = json.path("since_improvement").asInt();
        s.bestAveraged = json.path("best_averaged").asBoolean(false);
        if (averagingDecay > 0 && entries.containsKey(AVERAGED)) {
            try (DataInputStream d =
                    new DataInputStream(new ByteArrayInputStream(entries.get(AVERAGED)))) {
                s.averaged = Nd4j.read(d);
            }
            s.averagedSteps = json.path("averaged_steps").asLong();
        }
        for (JsonNode h : json.path("history")) {
            s.history.add(JSON.treeToValue(h, EpochRecord.class));
        }
        return s;
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }

    /** Mutable progress of one fit call. */
    private static final class State {
        ComputationGraph network;
        INDArray bestParams;
        int epoch;
        int bestEpoch;
        double bestMetric = Double.NEGATIVE_INFINITY;
        int sinceImprovement;
        boolean bestAveraged;
        INDArray averaged;
        long averagedSteps;
        final List<EpochRecord> history = new ArrayList<>();
    }

    private EpochRecord fitElsewhere(
            ComputationGraph net,
            BucketingIterator<?> train,
            DevMetric dev,
            int epoch,
            int batches,
            List<double[]> batchLosses,
            State state) {
        long start = System.nanoTime();
        List<org.nd4j.linalg.dataset.api.MultiDataSet> epochBatches = new ArrayList<>();
        long sequences = 0;
        for (int b = 0; b < batches && train.hasNext(); b++) {
            SequenceBatch batch = train.nextBatch();
            epochBatches.add(batch.toMultiDataSet());
            sequences += batch.batchSize();
        }
        if (epoch == 0 || LOG.isDebugEnabled()) {
            LOG.info(
                    "epoch {}: {} batches on {}",
                    epoch + 1,
                    epochBatches.size(),
                    epochFitter.describe());
        }
        double loss = epochFitter.fitEpoch(net, epochBatches, epoch);
        if (state.averaged != null) {
            updateAverage(state, net.params());
        }
        batchLosses.add(new double[] {epoch + 1.0, loss});
        double seconds = (System.nanoTime() - start) / 1e9;
        return finishEpoch(net, train, dev, epoch, state, loss, sequences, seconds);
    }

    /** Configures a {@link Trainer}. */
    public static final class Builder {
        private int maxEpochs = 10;
        private int patience = 3;
        private long seed = 42;
        private Path checkpointDir;
        private boolean resume;
        private int maxBatchesPerEpoch = Integer.MAX_VALUE;
        private boolean progressBar;
        private Path metricsLog;
        private Path lossPlot;
        private String fingerprint;
        private OptimizerSpec optimizer;
        private double averagingDecay;
        private EpochFitter epochFitter;

        private Builder() {}

        /**
         * Fits each epoch's batches with another fitter (e.g. on Spark) instead of in this thread;
         * {@link Trainer#fit} closes it when it returns. Weight averaging then updates once per
         * epoch rather than per batch.
         *
         * @param epochFitter the fitter; {@code null} (the default) fits here, batch by batch
         * @return this builder
         */
        public Builder optEpochFitter(EpochFitter epochFitter) {
            this.epochFitter = epochFitter;
            return this;
        }

        /**
         * Keeps an exponential moving average of the weights (see the class comment), evaluated
         * beside the trained weights after every epoch.
         *
         * @param decay the per-batch decay in [0, 1), e.g. 0.999 (about the last 1,000 batches); 0
         *     (the default) turns averaging off
         * @return this builder
         */
        public Builder optWeightAveraging(double decay) {
            this.averagingDecay = decay;
            return this;
        }

        /**
         * Sets the epoch limit.
         *
         * @param maxEpochs at least 1
         * @return this builder
         */
        public Builder optMaxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /**
         * Sets how many epochs without dev improvement end training.
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the seed for ND4J's random generator (dropout), combined with the epoch number.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Enables checkpoints after every epoch.
         *
         * @param checkpointDir the directory for {@code checkpoint.zip}
         * @return this builder
         */
        public Builder optCheckpointDir(Path checkpointDir) {
            this.checkpointDir = checkpointDir;
            return this;
        }

        /**
         * Continues from the checkpoint in the checkpoint directory, if there is one.
         *
         * @param resume whether to resume
         * @return this builder
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Limits the batches per epoch (smoke tests).
         *
         * @param maxBatchesPerEpoch at least 1
         * @return this builder
         */
        public Builder optMaxBatchesPerEpoch(int maxBatchesPerEpoch) {
            this.maxBatchesPerEpoch = maxBatchesPerEpoch;
            return this;
        }

        /**
         * Shows a progress bar on standard error.
         *
         * @param progressBar whether to show it
         * @return this builder
         */
        public Builder optProgressBar(boolean progressBar) {
            this.progressBar = progressBar;
            return this;
        }

        /**
         * Appends one JSON line per epoch to a file.
         *
         * @param metricsLog the file
         * @return this builder
         */
        public Builder optMetricsLog(Path metricsLog) {
            this.metricsLog = metricsLog;
            return this;
        }

        /**
         * Writes the loss curve as PNG after every epoch.
         *
         * @param lossPlot the file
         * @return this builder
         */
        public Builder optLossPlot(Path lossPlot) {
            this.lossPlot = lossPlot;
            return this;
        }

        /**
         * Identifies the run (data hash and options); a checkpoint is only resumed by a run with
         * the same.
         *
         * @param fingerprint any string
         * @return this builder
         */
        public Builder optFingerprint(String fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        /**
         * Records the optimizer so the metrics log shows each epoch's learning rate.
         *
         * @param optimizer the optimizer the network was built with
         * @return this builder
         */
        public Builder optOptimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the trainer
         * @throws IllegalArgumentException when a limit is below 1
         */
        public Trainer build() {
            Arguments.atLeast("maxEpochs", maxEpochs, 1);
            Arguments.atLeast("patience", patience, 1);
            if (!(averagingDecay >= 0 && averagingDecay < 1)) {
                throw new IllegalArgumentException(
                        "weight averaging decay must be in [0, 1), received: decay="
                                + averagingDecay);
            }
            Arguments.atLeast("maxBatchesPerEpoch", maxBatchesPerEpoch, 1);
            return new Trainer(this);
        }
    }
}
