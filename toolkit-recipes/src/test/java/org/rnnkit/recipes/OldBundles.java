package org.rnnkit.recipes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.rnnkit.bundle.ModelBundle;

/**
 * The golden bundles written by rnnkit 8340b8e (options format 1, see {@code
 * src/test/resources/bundles/8340b8e/README.md}) and the comparison of their stored metrics with a
 * new run's.
 */
public final class OldBundles {

    private OldBundles() {}

    /**
     * Returns the golden bundle of a task.
     *
     * @param task the recipe name
     * @return the bundle's path
     */
    public static Path of(String task) {
        try {
            return Path.of(
                    OldBundles.class.getResource("/bundles/8340b8e/" + task + ".zip").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the defaults of a recipe's options as 8340b8e wrote them (format 1, every setting at
     * the top level), to check that the redesign kept every default.
     *
     * @param task the recipe name
     * @return the JSON of {@code <Task>Options.builder().build()} at 8340b8e
     */
    public static ObjectNode defaults(String task) {
        try (InputStream in =
                OldBundles.class.getResourceAsStream(
                        "/bundles/8340b8e/" + task + "-defaults.json")) {
            return (ObjectNode) ModelBundle.json().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that a run trained with a golden bundle's options reproduced its metrics: every key
     * of the golden bundle is among the new run's keys (the old keys are a subset: a metric added
     * since 8340b8e, such as the caption recipe's {@code cider} or {@code rouge_l}, is allowed),
     * and every old value equal up to what another CPU's rounding could change in a tiny model's
     * short run (1% relative or 0.01 absolute; on the machine that wrote the bundles they are
     * equal). Speeds ({@code *per_second*}) are left out.
     *
     * @param expected the metrics stored in the golden bundle
     * @param actual the metrics of the new run
     */
    public static void assertSameMetrics(Map<String, Double> expected, Map<String, Double> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.removeIf(k -> k.contains("per_second"));
        TreeSet<String> actualKeys = new TreeSet<>(actual.keySet());
        actualKeys.removeIf(k -> k.contains("per_second"));
        TreeSet<String> missing = new TreeSet<>(keys);
        missing.removeAll(actualKeys);
        assertTrue(
                missing.isEmpty(),
                "metric names: the new run lacks " + missing + " of 8340b8e's " + keys);
        for (String key : keys) {
            double e = expected.get(key);
            double a = actual.get(key);
            boolean close =
                    Double.compare(e, a) == 0
                            || Math.abs(e - a) <= 0.01
                            || Math.abs(e - a) <= 0.01 * Math.abs(e);
            assertTrue(close, key + ": expected " + e + " (8340b8e), got " + a);
        }
    }
}
