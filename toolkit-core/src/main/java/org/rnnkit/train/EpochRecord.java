package org.rnnkit.train;

/**
 * What happened in one training epoch.
 *
 * @param epoch the 1-based epoch number
 * @param trainLoss the mean training loss over the epoch's batches
 * @param devMetric the dev score after the epoch (higher is better)
 * @param learningRate the learning rate used in the epoch
 * @param seconds wall time of the epoch's training (dev evaluation excluded)
 * @param sequencesPerSecond training throughput
 * @param paddingEfficiency real steps / computed steps over the epoch
 * @param averagedDevMetric the dev score of the averaged weights after the epoch, or NaN without
 *     weight averaging ({@link Trainer.Builder#optWeightAveraging(double)})
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        double devMetric,
        double learningRate,
        double seconds,
        double sequencesPerSecond,
        double paddingEfficiency,
        double averagedDevMetric) {}
