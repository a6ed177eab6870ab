package org.rnnkit.recipes;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a recipe run produced.
 *
 * @param bundle the saved model bundle, or {@code null} when nothing was saved
 * @param metrics headline and detail metrics, flat keys (for example {@code accuracy})
 * @param report a human-readable report (tables), ready to print
 */
public record RecipeResult(Path bundle, Map<String, Double> metrics, String report) {

    /** Freezes the metrics. */
    public RecipeResult {
        metrics = Map.copyOf(metrics);
    }
}
