package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.recipes.OldBundles;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.SharedDatasets;

class CaptionRecipeTest {

    @TempDir Path dir;

    private CaptionOptions tiny(Path data, Path dev, Path out) {
        return CaptionOptions.defaults()
                .withTraining(
                        t ->
                                t.data(data)
                                        .dev(dev)
                                        .out(out)
                                        .hiddenSize(8)
                                        .batchSize(8)
                                        .epochs(1)
                                        .smoke(true))
                .with(c -> c.embeddingSize(4).imageVectorSize(4).minCount(1).beamWidth(2));
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
        RecipeResult trained = CaptionRecipe.train(tiny(train, dev, out));
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
                        "cider",
                        "rouge_l",
                        "cider_greedy",
                        "rouge_l_greedy",
                        "baseline_constant_cider",
                        "baseline_constant_rouge_l",
                        "baseline_nearest_cider",
                        "baseline_nearest_rouge_l",
                        "exact_match")) {
            assertEquals(trained.metrics().get(key), evaluated.metrics().get(key), 1e-9, key);
        }
        assertTrue(evaluated.report().contains("CIDEr-D"), evaluated.report());
        assertTrue(evaluated.metrics().get("rouge_l") <= 100, evaluated.report());
        // Same seed, same result.
        RecipeResult again = CaptionRecipe.train(tiny(train, dev, dir.resolve("c2.zip")));
        assertEquals(trained.metrics().get("bleu4_greedy"), again.metrics().get("bleu4_greedy"));
        assertEquals(trained.metrics().get("bleu1"), again.metrics().get("bleu1"));
    }

    @Test
    void givenMissingImage_whenTrainedWithSkip_thenSkippedInsteadOfFailing() throws IOException {
        Path data = dir.resolve("scenes");
        CaptionDataGenerator.write(data, 30, 3);
        Files.delete(data.resolve("images").resolve("scene-00002.png"));
        Path out = dir.resolve("c.zip");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () -> CaptionRecipe.train(tiny(data, null, out)));
        assertTrue(
                e.getMessage().contains("scene-00002.png: image file not found"), e.getMessage());
        RecipeResult r =
                CaptionRecipe.train(tiny(data, null, out).withTraining(t -> t.skipBadRows(true)));
        assertTrue(r.metrics().get("bleu1") >= 0);
    }

    @Test
    void givenBundleWrittenBy8340b8e_whenLoadedAndRetrained_thenSameOptionsAndMetrics()
            throws IOException {
        Path file = OldBundles.of("caption");
        CaptionModel old = CaptionModel.load(file);
        CaptionOptions options = old.options();
        assertEquals(7, options.training().seed());
        assertEquals(8, options.training().hiddenSize());
        assertEquals(20, options.training().maxLength(), "the old maxCaptionLength");
        assertFalse(options.training().bidirectional(), "not in format 1: the default");
        assertEquals(16, options.imageSize());
        assertEquals(8, options.imageVectorSize());
        Path scenes = dir.resolve("scenes");
        CaptionDataGenerator.write(scenes, 2, 1);
        Path image = scenes.resolve("images").resolve("scene-00001.png");
        assertEquals(1, CaptionRecipe.predict(file, List.of(image), 2).size());
        RecipeResult again =
                CaptionRecipe.train(options.withTraining(t -> t.out(dir.resolve("again.zip"))));
        OldBundles.assertSameMetrics(ModelBundle.load(file).metrics(), again.metrics());
    }

    @Test
    void givenDefaultsOf8340b8e_whenRead_thenEqualToToday() throws IOException {
        // attentionSize came later: absent, it reads as 0 (no attention), what older models did
        assertEquals(
                CaptionOptions.defaults().withAttentionSize(0),
                OptionsJson.read(
                        OldBundles.defaults("caption"),
                        CaptionOptions.class,
                        CaptionOptions.defaults(),
                        Map.of("maxCaptionLength", "maxLength"),
                        dir.resolve("defaults.zip")));
    }

    @Test
    void givenBidirectionalOrOneStep_whenOptionsBuilt_thenRefusedNamingTheSetting() {
        IllegalArgumentException bidirectional =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CaptionOptions.defaults().withTraining(t -> t.bidirectional(true)));
        assertTrue(
                bidirectional.getMessage().contains("bidirectional must be false"),
                bidirectional.getMessage());
        IllegalArgumentException length =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CaptionOptions.defaults().withTraining(t -> t.maxLength(1)));
        assertEquals("maxLength must be >= 2, received: maxLength=1", length.getMessage());
    }

    @Test
    @Tag("slow")
    void givenEmbeddedScenes_whenTrainedWithDefaults_thenMostCaptionsExactlyRight()
            throws IOException {
        RecipeResult r =
                CaptionRecipe.train(
                        CaptionOptions.defaults().withTraining(t -> t.out(dir.resolve("c.zip"))));
        assertTrue(r.metrics().get("exact_match") >= 0.8, r.report());
    }

    @Test
    @Tag("slow")
    void givenFlickr8kSubset_whenTrained_thenBleu4TwiceTheBetterBaseline() throws IOException {
        Path data = SharedDatasets.require("flickr8k-1k", "flickr8k-1k");
        RecipeResult r =
                CaptionRecipe.train(
                        CaptionOptions.defaults()
                                .withTraining(t -> t.data(data).out(dir.resolve("f.zip")))
                                .withImageSize(64));
        Map<String, Double> m = r.metrics();
        double better = Math.max(m.get("baseline_constant_bleu4"), m.get("baseline_nearest_bleu4"));
        assertTrue(m.get("bleu4") >= 2 * better && m.get("bleu1") >= 50, r.report());
    }
}
