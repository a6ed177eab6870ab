package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.caption.CaptionRecipe;
import org.rnnkit.recipes.forecast.ForecastRecipe;
import org.rnnkit.recipes.postag.PostagRecipe;
import org.rnnkit.recipes.translate.TranslateRecipe;

/**
 * Every other recipe's {@code train --spark local[2]} runs its pipeline on Spark (a smoke run on
 * its embedded data) and writes a bundle that {@code eval}/{@code predict} read. That they learn on
 * Spark is shown for sentiment ({@link SparkSentimentTest}); the epochs go through the same Trainer
 * hook for all.
 */
class SparkRecipesTest {

    @TempDir Path dir;

    interface Recipe {
        int execute(String... args);
    }

    @Test
    void givenEachRecipe_whenSmokeTrainedOnLocalSpark_thenBundleWritten() {
        List<Object[]> recipes =
                List.of(
                        new Object[] {"postag", (Recipe) PostagRecipe::execute},
                        new Object[] {"translate", (Recipe) TranslateRecipe::execute},
                        new Object[] {"forecast", (Recipe) ForecastRecipe::execute},
                        new Object[] {"caption", (Recipe) CaptionRecipe::execute});
        for (Object[] r : recipes) {
            Path out = dir.resolve(r[0] + ".zip");
            int exit =
                    ((Recipe) r[1])
                            .execute(
                                    "train",
                                    "--smoke",
                                    "--no-progress",
                                    "--spark",
                                    "local[2]",
                                    "--out",
                                    out.toString());
            assertEquals(0, exit, r[0] + " on Spark");
            assertTrue(Files.isRegularFile(out), r[0] + ": " + out);
        }
    }
}
