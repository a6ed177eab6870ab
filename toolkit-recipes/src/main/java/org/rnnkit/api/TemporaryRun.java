package org.rnnkit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.recipes.TrainingOptions;

/**
 * A temporary directory for one {@code fit}: the recipe writes its bundle, checkpoints, metrics log
 * and loss plot there, the task class loads the bundle into memory, and {@link #close()} deletes
 * the directory. The model reaches disk only through the task's {@code save(Path)}.
 */
final class TemporaryRun implements AutoCloseable {

    private final Path directory;
    private final Path bundle;

    /**
     * Creates the directory.
     *
     * @param task the task name, which names the directory and the bundle
     * @throws IOException when the directory cannot be created
     */
    TemporaryRun(String task) throws IOException {
        this.directory = Files.createTempDirectory("rnnkit-" + task + "-");
        this.bundle = directory.resolve(task + ".zip");
    }

    /**
     * Points the training settings at this directory: the bundle goes here, and a fresh run never
     * resumes.
     *
     * @param training the caller's settings
     * @return the settings with {@code out} in this directory and {@code resume} off
     */
    TrainingOptions apply(TrainingOptions training) {
        return training.withOut(bundle).withResume(false);
    }

    /**
     * Returns the bundle the recipe writes.
     *
     * @return {@code <directory>/<task>.zip}
     */
    Path bundle() {
        return bundle;
    }

    /**
     * Saves a bundle trained in a temporary run where the caller asks, recording that path (not the
     * deleted temporary one) as the options' {@code training.out}.
     *
     * @param bundle the trained bundle
     * @param file where to write it (atomically)
     * @throws IOException when the file cannot be written
     */
    static void save(ModelBundle bundle, Path file) throws IOException {
        ObjectNode options = bundle.options().deepCopy();
        JsonNode training = options.get("training");
        if (training instanceof ObjectNode t) {
            t.put("out", file.toString());
        }
        new ModelBundle(
                        bundle.task(),
                        bundle.network(),
                        bundle.vocabulary(),
                        options,
                        bundle.provenance(),
                        bundle.metrics(),
                        bundle.attachments())
                .save(file);
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary run " + directory, e);
        }
    }
}
