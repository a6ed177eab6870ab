package org.rnnkit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.rnnkit.recipes.SparkOptions;
import org.rnnkit.train.EpochFitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits each epoch's batches on Spark with one of DL4J's training masters. The batches are the
 * recipe's own (same vocabularies, length buckets, masks), split into {@link
 * SparkOptions#partitions()} partitions in order; each worker fits whole batches. The Spark context
 * starts on the first epoch (so a recipe that fails while reading its data never starts one) and
 * stops on {@link #close()}.
 */
final class SparkEpochFitter implements EpochFitter {

    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochFitter.class);

    private final SparkOptions options;
    private final int batchSize;
    private final long seed;
    private final Path workDirectory;
    private JavaSparkContext context;
    private SparkComputationGraph sparkNetwork;
    private boolean ownsContext;
    private int firstEpoch;

    SparkEpochFitter(SparkOptions options, int batchSize, long seed, Path runDirectory) {
        this.options = Objects.requireNonNull(options, "options");
        this.batchSize = batchSize;
        this.seed = seed;
        this.workDirectory = runDirectory.resolve("spark").toAbsolutePath();
    }

    @Override
    public double fitEpoch(ComputationGraph network, List<MultiDataSet> batches, int epoch) {
        if (batches.isEmpty()) {
            return Double.NaN;
        }
        if (sparkNetwork == null) {
            firstEpoch = epoch;
            start(network);
        } else if (sparkNetwork.getNetwork() != network) {
            sparkNetwork.getNetwork().setParams(network.params());
        }
        JavaRDD<MultiDataSet> rdd =
                context.parallelize(batches, Math.min(options.partitions(), batches.size()));
        ComputationGraph trained;
        try {
            trained = sparkNetwork.fitMultiDataSet(rdd);
        } catch (Exception e) { // Spark throws its (checked) SparkException undeclared
            throw failure(epoch, e);
        }
        if (trained != network) {
            network.setParams(trained.params());
            INDArray state =
                    trained.getUpdater() == null ? null : trained.getUpdater().getStateViewArray();
            if (state != null && network.getUpdater().getStateViewArray() != null) {
                network.getUpdater().getStateViewArray().assign(state);
            }
        }
        double score = sparkNetwork.getScore();
        return options.mode() == SparkOptions.Mode.SHARING || score == 0 ? Double.NaN : score;
    }

    /**
     * The error for a failed Spark epoch: a master that never accepted the application (the context
     * stopped) is a wrong {@code --spark}; anything else (e.g. executors lost beyond Spark's task
     * retries) names the epoch and the checkpoint to resume from.
     */
    private RuntimeException failure(int epoch, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.toString() : root.getMessage();
        if (context.sc().isStopped() && epoch == firstEpoch) {
            return new IllegalArgumentException(
                    "--spark "
                            + options.master()
                            + ": the Spark application stopped before training ("
                            + reason
                            + "); is that URL a running Spark master with free workers?",
                    e);
        }
        return new IllegalStateException(
                "training on Spark "
                        + options.master()
                        + " failed in epoch "
                        + (epoch + 1)
                        + " ("
                        + reason
                        + "); the last checkpoint is in "
                        + workDirectory.getParent()
                        + ": run the same command with --resume to continue from it",
                e);
    }

    private void start(ComputationGraph network) {
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the Spark work directory " + workDirectory, e);
        }
        if (options.mode() == SparkOptions.Mode.SHARING) {
            // DL4J M2 sets a 30 s client timeout that Aeron rejects; keep Aeron's files in the run.
            System.setProperty("aeron.publication.unblock.timeout", "60000000000");
            System.setProperty("aeron.dir", workDirectory.resolve("aeron").toString());
        }
        JavaSparkContext existing = activeContext();
        if (existing != null) {
            context = existing;
            ownsContext = false;
        } else {
            SparkConf conf =
                    new SparkConf()
                            .setMaster(options.master())
                            .setAppName("rnnkit")
                            .setIfMissing("spark.ui.enabled", "false")
                            .setIfMissing(
                                    "spark.hadoop.hadoop.tmp.dir",
                                    workDirectory.resolve("hadoop").toString())
                            .setIfMissing(
                                    "spark.local.dir", workDirectory.resolve("local").toString());
            if (options.inProcess()) {
                conf.setIfMissing("spark.driver.host", "127.0.0.1")
                        .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
            context = new JavaSparkContext(conf);
            ownsContext = true;
        }
        sparkNetwork = new SparkComputationGraph(context, network, trainingMaster());
    }

    private static JavaSparkContext activeContext() {
        scala.Option<org.apache.spark.SparkContext> active =
                org.apache.spark.SparkContext$.MODULE$.getActive();
        return active.isDefined() ? JavaSparkContext.fromSparkContext(active.get()) : null;
    }

    private TrainingMaster<?, ?> trainingMaster() {
        // Each RDD element is one of the recipe's batches of batchSize sequences, so the masters
        // count batchSize examples per element and hand each worker whole batches.
        if (options.mode() == SparkOptions.Mode.AVERAGING) {
            return new ParameterAveragingTrainingMaster.Builder(batchSize)
                    .batchSizePerWorker(batchSize)
                    .averagingFrequency(options.averagingFrequency())
                    .workerPrefetchNumBatches(0)
                    .saveUpdater(true)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .rngSeed(seed)
                    .build();
        }
        VoidConfiguration voidConfiguration =
                VoidConfiguration.builder()
                        .unicastPort(40000 + (int) (ProcessHandle.current().pid() % 20000))
                        .networkMask(options.inProcess() ? "127.0.0.0/8" : null)
                        .controllerAddress(options.inProcess() ? "127.0.0.1" : null)
                        .build();
        return new SharedTrainingMaster.Builder(voidConfiguration, batchSize)
                .batchSizePerWorker(batchSize)
                .workersPerNode(1)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(options.encodingThreshold()))
                .exportDirectory(workDirectory.resolve("export").toUri().toString())
                .rngSeed(seed)
                .build();
    }

    @Override
    public String describe() {
        return "Spark "
                + options.master()
                + ", "
                + (options.mode() == SparkOptions.Mode.SHARING
                        ? "gradient sharing (threshold " + options.encodingThreshold() + ")"
                        : "parameter averaging every " + options.averagingFrequency() + " batches")
                + ", "
                + options.partitions()
                + " partitions";
    }

    @Override
    public void close() {
        if (sparkNetwork != null) {
            try {
                sparkNetwork.getTrainingMaster().deleteTempFiles(context);
            } catch (RuntimeException e) {
                LOG.debug("could not delete Spark temp files", e);
            }
            sparkNetwork = null;
        }
        if (context != null && ownsContext) {
            context.stop();
        }
        context = null;
    }
}
