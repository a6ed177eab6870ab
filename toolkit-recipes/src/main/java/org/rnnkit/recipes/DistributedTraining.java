package org.rnnkit.recipes;

import java.util.ServiceLoader;
import org.rnnkit.train.EpochFitter;

/**
 * Trains a recipe's epochs on a cluster: the service the {@code toolkit-spark} module provides
 * (found with {@link ServiceLoader}), so that the recipes do not depend on Spark.
 */
public interface DistributedTraining {

    /**
     * Creates the fitter for one training run; it starts its cluster connection on first use and
     * stops it when closed.
     *
     * @param spark where and how to train
     * @param training the run's settings (batch size, seed, run directory)
     * @return the fitter
     */
    EpochFitter open(SparkOptions spark, TrainingOptions training);

    /**
     * Finds the installed implementation.
     *
     * @return the service
     * @throws IllegalArgumentException naming {@code --spark} when {@code toolkit-spark} is not on
     *     the class path
     */
    static DistributedTraining find() {
        return ServiceLoader.load(DistributedTraining.class)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "--spark needs the toolkit-spark module and Spark on the"
                                                + " class path: run ./rnnkit (which adds them) or"
                                                + " add org.rnnkit:toolkit-spark to your project"));
    }
}
