package org.rnnkit.recipes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real data sets the {@code slow} recipe tests train on, under {@code shared/datasets/} beside
 * the checkout (looked up from the module's directory, then from the repository root).
 */
public final class SharedDatasets {

    private SharedDatasets() {}

    /**
     * Returns a data set's path, or skips the calling test when it is absent.
     *
     * @param relative the file or directory below {@code shared/datasets/}
     * @param name the data set's name in the skip message
     * @return the existing path
     */
    public static Path require(String relative, String name) {
        for (String root : List.of("../../shared/datasets/", "../shared/datasets/")) {
            Path path = Path.of(root + relative);
            if (Files.exists(path)) {
                return path;
            }
        }
        return Assumptions.abort(name + " not available");
    }
}
