package org.rnnkit.spark;

import org.rnnkit.recipes.DistributedTraining;
import org.rnnkit.recipes.SparkMasters;
import org.rnnkit.recipes.SparkOptions;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.train.EpochFitter;

/**
 * The {@link DistributedTraining} service of this module: every recipe's {@code train --spark
 * MASTER} fits its epochs through a {@link SparkEpochFitter}. Parameter averaging works; gradient
 * sharing is refused with a message until it learns (see docs/BENCHMARKS.md, Spark). A standalone
 * master ({@code spark://}) that does not answer is a usage error before training.
 */
public final class SparkTraining implements DistributedTraining {

    private static final int MASTER_TIMEOUT_MILLIS = 5000;

    /** Creates the service (found by {@link java.util.ServiceLoader}). */
    public SparkTraining() {}

    /** {@inheritDoc} */
    @Override
    public EpochFitter open(SparkOptions spark, TrainingOptions training) {
        if (spark.mode() == SparkOptions.Mode.SHARING) {
            throw new IllegalArgumentException(
                    "--spark-mode sharing: DL4J's gradient sharing (SharedTrainingMaster 1.0.0-M2)"
                            + " does not train rnnkit's models yet (in our tests the workers' updates"
                            + " never reach the model); use --spark-mode averaging");
        }
        SparkMasters.requireReachable(spark, MASTER_TIMEOUT_MILLIS);
        return new SparkEpochFitter(
                spark, training.batchSize(), training.seed(), training.runDirectory());
    }
}
