package org.rnnkit.recipes;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a recipe trains on Apache Spark ({@code --spark MASTER}); {@code null} in {@link
 * TrainingOptions#spark()} trains in this JVM. Each worker fits batches of {@link
 * TrainingOptions#batchSize()} sequences, built exactly as for one machine (same vocabularies,
 * length buckets and masks); the driver evaluates on dev after every epoch, keeps the best model,
 * writes checkpoints and resumes as on one machine. Needs the {@code toolkit-spark} module on the
 * class path.
 *
 * @param master the Spark master: {@code local[N]}, {@code spark://host:port}, {@code yarn}, {@code
 *     k8s://...}
 * @param mode parameter averaging ({@code ParameterAveragingTrainingMaster}, the default) or
 *     gradient sharing ({@code SharedTrainingMaster}; refused by {@code toolkit-spark} for now: it
 *     does not learn in our tests)
 * @param workers data partitions per epoch, normally the number of executor cores; 0 = from the
 *     master ({@code local[N]}: N; otherwise 2)
 * @param averagingFrequency averaging mode: batches each worker fits between two averagings
 * @param encodingThreshold sharing mode: the initial threshold of the sparse gradient encoding
 */
public record SparkOptions(
        String master, Mode mode, int workers, int averagingFrequency, double encodingThreshold) {

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]|local");
    private static final Pattern STANDALONE =
            Pattern.compile("spark://[^\\s/:,]+:\\d{1,5}(,[^\\s/:,]+:\\d{1,5})*");

    /** How workers combine what they learn. */
    public enum Mode {
        /**
         * Threshold-encoded gradient sharing between workers (DL4J {@code SharedTrainingMaster}).
         */
        SHARING,
        /** Periodic averaging of worker parameters on the driver. */
        AVERAGING;

        /**
         * Parses a mode name.
         *
         * @param name {@code sharing} or {@code averaging}, any case
         * @return the mode
         * @throws IllegalArgumentException naming {@code --spark-mode} and the value
         */
        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--spark-mode expects sharing or averaging, received: '" + name + "'", e);
            }
        }
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the option whose value is not valid
     */
    public SparkOptions {
        Objects.requireNonNull(master, "master");
        mode = mode == null ? Mode.AVERAGING : mode;
        String m = master.trim();
        boolean known =
                LOCAL.matcher(m).matches()
                        || m.startsWith("spark://")
                        || m.equals("yarn")
                        || m.startsWith("k8s://")
                        || m.startsWith("mesos://");
        Recipes.require(
                known && !m.isEmpty(),
                "--spark expects local[N], spark://HOST:PORT, yarn or k8s://..., received: '"
                        + master
                        + "'");
        Recipes.require(
                !m.startsWith("spark://") || STANDALONE.matcher(m).matches(),
                "--spark expects a standalone master as spark://HOST:PORT (several:"
                        + " spark://HOST1:PORT1,HOST2:PORT2), received: '"
                        + master
                        + "'");
        Recipes.require(workers >= 0, "--workers must be >= 1, received: " + workers);
        Recipes.require(
                averagingFrequency >= 1,
                "--averaging-frequency must be >= 1, received: " + averagingFrequency);
        Recipes.require(
                encodingThreshold > 0 && Double.isFinite(encodingThreshold),
                "--encoding-threshold must be > 0, received: " + encodingThreshold);
    }

    /**
     * Returns the defaults for a master: parameter averaging every 5 batches, workers from the
     * master, encoding threshold 1e-3 (for sharing).
     *
     * @param master the Spark master
     * @return the settings
     */
    public static SparkOptions of(String master) {
        return new SparkOptions(master, Mode.AVERAGING, 0, 5, 1e-3);
    }

    /**
     * Returns the number of partitions to split each epoch into.
     *
     * @return {@link #workers()} when set; else N of {@code local[N]} (the machine's cores for
     *     {@code local[*]}), else 2
     */
    public int partitions() {
        if (workers > 0) {
            return workers;
        }
        Matcher m = LOCAL.matcher(master.trim());
        if (m.matches()) {
            if (m.group(1) == null) {
                return 1;
            }
            return m.group(1).equals("*")
                    ? Runtime.getRuntime().availableProcessors()
                    : Math.max(1, Integer.parseInt(m.group(1)));
        }
        return 2;
    }

    /**
     * Tells whether the master runs inside this JVM.
     *
     * @return {@code true} for {@code local}, {@code local[N]}
     */
    public boolean inProcess() {
        return LOCAL.matcher(master.trim()).matches();
    }
}
