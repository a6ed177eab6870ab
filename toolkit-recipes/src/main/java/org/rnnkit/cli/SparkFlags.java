package org.rnnkit.cli;

import org.rnnkit.recipes.SparkMasters;
import org.rnnkit.recipes.SparkOptions;
import picocli.CommandLine.Option;

/**
 * The flags that move any recipe's training onto Apache Spark, declared once and mixed into {@link
 * TrainingFlags}: {@code --spark MASTER} and its settings. Without {@code --spark} nothing changes.
 */
final class SparkFlags {

    /** How long {@code --spark spark://HOST:PORT} may take to accept a connection. */
    static final int MASTER_TIMEOUT_MILLIS = 5000;

    @Option(names = "--spark", paramLabel = "MASTER", descriptionKey = "spark.master")
    String master;

    @Option(names = "--spark-mode", paramLabel = "sharing|averaging", descriptionKey = "spark.mode")
    String mode;

    @Option(names = "--workers", paramLabel = "N", descriptionKey = "spark.workers")
    Integer workers;

    @Option(
            names = "--averaging-frequency",
            paramLabel = "N",
            descriptionKey = "spark.averaging-frequency")
    Integer averagingFrequency;

    @Option(
            names = "--encoding-threshold",
            paramLabel = "X",
            descriptionKey = "spark.encoding-threshold")
    Double encodingThreshold;

    /**
     * Returns the Spark settings, or {@code null} to train in this JVM.
     *
     * @param current the settings so far (normally null)
     * @return the settings
     * @throws IllegalArgumentException when a Spark setting is given without {@code --spark}, or a
     *     value is out of range, or a standalone master does not answer
     */
    SparkOptions apply(SparkOptions current) {
        boolean settings =
                mode != null
                        || workers != null
                        || averagingFrequency != null
                        || encodingThreshold != null;
        if (master == null) {
            if (settings && current == null) {
                throw new IllegalArgumentException(
                        "--spark-mode, --workers, --averaging-frequency and --encoding-threshold"
                                + " need --spark MASTER");
            }
            return current;
        }
        SparkOptions d = current == null ? SparkOptions.of(master) : current;
        SparkOptions options =
                new SparkOptions(
                        master,
                        mode == null ? d.mode() : SparkOptions.Mode.parse(mode),
                        workers == null ? d.workers() : workers,
                        averagingFrequency == null ? d.averagingFrequency() : averagingFrequency,
                        encodingThreshold == null ? d.encodingThreshold() : encodingThreshold);
        // before any data is read: a standalone master that does not answer is a usage error now
        SparkMasters.requireReachable(options, MASTER_TIMEOUT_MILLIS);
        return options;
    }
}
