package org.rnnkit.recipes;

import java.io.IOException;
import java.nio.file.Path;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.train.OptimizerSpec;
import org.rnnkit.train.Trainer;

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
     * Configures the trainer of a recipe: early stopping, checkpoints, metrics log and loss plot in
     * the run directory, and a one-epoch, {@link #SMOKE_BATCHES}-batch run for {@code smoke}.
     *
     * @param smoke whether this is a smoke run
     * @param epochs the most epochs
     * @param patience epochs without dev improvement before stopping
     * @param seed the training seed
     * @param runDirectory where checkpoints and logs go
     * @param resume continue from the last checkpoint
     * @param progressBar draw a progress bar
     * @param fingerprint what must match between a run and its resume
     * @param optimizer the optimizer (for the learning-rate schedule)
     * @return the trainer
     */
    public static Trainer trainer(
            boolean smoke,
            int epochs,
            int patience,
            long seed,
            Path runDirectory,
            boolean resume,
            boolean progressBar,
            String fingerprint,
            OptimizerSpec optimizer) {
        return Trainer.builder()
                .optMaxEpochs(smoke ? 1 : epochs)
                .optMaxBatchesPerEpoch(smoke ? SMOKE_BATCHES : Integer.MAX_VALUE)
                .optPatience(patience)
                .optSeed(seed)
                .optCheckpointDir(runDirectory)
                .optResume(resume)
                .optMetricsLog(runDirectory.resolve("metrics.jsonl"))
                .optLossPlot(runDirectory.resolve("loss.png"))
                .optProgressBar(progressBar)
                .optFingerprint(fingerprint)
                .optOptimizer(optimizer)
                .build();
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
}
