package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.RecipeResult;

class CaptionRecipeTest {

    @TempDir Path dir;

    private CaptionOptions.Builder tiny(Path data, Path dev, Path out) {
        return CaptionOptions.builder()
                .data(data)
                .dev(dev)
                .out(out)
                .hiddenSize(8)
                .embeddingSize(4)
                .imageVectorSize(4)
                .minCount(1)
                .batchSize(8)
                .epochs(1)
                .beamWidth(2)
                .smoke(true);
    }

    @Test
    void givenSmokeRun_whenBundleReloadedAndEvaluated_thenSameScoresAsAfterTraining()
            throws IOException {
        Path train = dir.resolve("train");
        CaptionDataGenerator.write(train, 30, 3);
        // A second corpus without splits: every image is a dev image (train) / scored (eval).
        Path dev = dir.resolve("dev");
        CaptionDataGenerator.write(dev, 6, 4);
        Files.delete(dev.resolve("splits.tsv"));
        Path out = dir.resolve("c.zip");
        RecipeResult trained = CaptionRecipe.train(tiny(train, dev, out).build());
        assertTrue(Files.isRegularFile(out));
        assertEquals(6.0, trained.metrics().get("images"));
        RecipeResult evaluated = CaptionRecipe.evaluate(out, dev, null, false);
        for (String key :
                List.of(
                        "bleu1",
                        "bleu4",
                        "bleu4_greedy",
                        "baseline_constant_bleu2",
                        "baseline_nearest_bleu4",
                        "exact_match")) {
            assertEquals(trained.metrics().get(key), evaluated.metrics().get(key), 1e-9, key);
        }
        // Same seed, same result.
        RecipeResult again = CaptionRecipe.train(tiny(train, dev, dir.resolve("c2.zip")).build());
        assertEquals(trained.metrics().get("bleu4_greedy"), again.metrics().get("bleu4_greedy"));
        assertEquals(trained.metrics().get("bleu1"), again.metrics().get("bleu1"));
    }

    @Test
    void givenMissingImage_whenTrainedWithSkip_thenSkippedInsteadOfFailing() throws IOException {
        Path data = dir.resolve("scenes");
        CaptionDataGenerator.write(data, 30, 3);
        Files.delete(data.resolve("images").resolve("scene-00002.png"));
        Path out = dir.resolve("c.zip");
        org.rnnkit.data.MalformedDataException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        org.rnnkit.data.MalformedDataException.class,
                        () -> CaptionRecipe.train(tiny(data, null, out).build()));
        assertTrue(
                e.getMessage().contains("scene-00002.png: image file not found"), e.getMessage());
        RecipeResult r = CaptionRecipe.train(tiny(data, null, out).skipBadRows(true).build());
        assertTrue(r.metrics().get("bleu1") >= 0);
    }

    @Test
    @Tag("slow")
    void givenEmbeddedScenes_whenTrainedWithDefaults_thenMostCaptionsExactlyRight()
            throws IOException {
        RecipeResult r =
                CaptionRecipe.train(CaptionOptions.builder().out(dir.resolve("c.zip")).build());
        assertTrue(r.metrics().get("exact_match") >= 0.8, r.report());
    }

    @Test
    @Tag("slow")
    void givenFlickr8kSubset_whenTrained_thenBleu4TwiceTheBetterBaseline() throws IOException {
        Path data = Path.of("../../shared/datasets/flickr8k-1k");
        assumeTrue(Files.isDirectory(data), "flickr8k-1k not available");
        RecipeResult r =
                CaptionRecipe.train(
                        CaptionOptions.builder()
                                .data(data)
                                .out(dir.resolve("f.zip"))
                                .imageSize(64)
                                .build());
        Map<String, Double> m = r.metrics();
        double better = Math.max(m.get("baseline_constant_bleu4"), m.get("baseline_nearest_bleu4"));
        assertTrue(m.get("bleu4") >= 2 * better && m.get("bleu1") >= 50, r.report());
    }
}
