package org.rnnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** An exercise that writes files: under {@code --out}. */
abstract class FileExercise extends Exercise {

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = "exercise.out")
    Path out;

    /**
     * The folder to write into.
     *
     * @return {@code --out}, or {@code exercises-out/<exercise name>}
     */
    Path directory() {
        return out != null ? out : ExerciseCommand.DEFAULT_OUT.resolve(spec.name());
    }
}
