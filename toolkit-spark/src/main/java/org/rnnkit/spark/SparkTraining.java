package org.rnnkit.spark;

import org.rnnkit.recipes.DistributedTraining;
import org.rnnkit.recipes.SparkOptions;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.train.EpochFitter;

/**
 * The {@link DistributedTraining} service of this module: every recipe's {@code train --spark
 * MASTER} fits its epochs through a {@link SparkEpochFitter}.
 */
public final class SparkTraining implements DistributedTraining {

    /** Creates the service (found by {@link java.util.ServiceLoader}). */
    public SparkTraining() {}

    /** {@inheritDoc} */
    @Override
    public EpochFitter open(SparkOptions spark, TrainingOptions training) {
        return new SparkEpochFitter(spark, training.batchSize(), training.seed(), training.runDirectory());
    }
}
