package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.recipes.RecipeResult;

/**
 * The centernet encoder with the real model from {@code ../shared/models/centernet} (skipped when
 * absent) on four generated scenes: features, the disk cache, training, prediction and the encoder
 * file's hash check.
 */
public class CaptionCenternetTest {

    @TempDir Path dir;

    /**
     * Finds the shared model folder relative to the module directory.
     *
     * @return the folder holding centernet.json, or {@code null}
     */
    public static Path modelDirectory() {
        for (String p :
                new String[] {"../shared/models/centernet", "../../shared/models/centernet"}) {
            Path d = Path.of(p);
            if (Files.isRegularFile(d.resolve("centernet.json"))
                    && Files.isRegularFile(d.resolve("centernet.bin"))) {
                return d.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    @Test
    void givenBgrUnitPixels_whenConverted_thenRgbNhwc0To255() {
        INDArray bgr = Nd4j.createFromArray(0.1f, 0.2f, 0.3f).reshape(1, 3, 1, 1);
        INDArray rgb = CenternetEncoder.input(bgr);
        assertArrayEquals(new long[] {1, 1, 1, 3}, rgb.shape());
        assertArrayEquals(new float[] {76.5f, 51f, 25.5f}, rgb.reshape(3).toFloatVector(), 1e-3f);
    }

    @Test
    void givenCenternet_whenTrainedTwice_thenCachedFeaturesAndRecordedHash() throws IOException {
        Path shared = modelDirectory();
        assumeTrue(shared != null, "centernet model not present under ../shared/models/centernet");
        // A copy of the small JSON beside a link to the shared weights, so its hash can change.
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Path model = modelDir.resolve("centernet.json");
        Files.copy(shared.resolve("centernet.json"), model);
        Files.createSymbolicLink(
                modelDir.resolve("centernet.bin"), shared.resolve("centernet.bin"));
        Path data = dir.resolve("scenes");
        CaptionDataGenerator.write(data, 4, 3);
        Path out = dir.resolve("c.zip");
        CaptionOptions options = CaptionZooEncoderTest.smokeOptions("centernet", model, data, out);

        // features are cached under rnnkit's cache directory, here a temporary one
        String previousCache = System.getProperty("rnnkit.cache");
        System.setProperty("rnnkit.cache", dir.resolve("cache").toString());
        try {
            trainTwiceThenPredict(options, model, data, out);
        } finally {
            if (previousCache == null) {
                System.clearProperty("rnnkit.cache");
            } else {
                System.setProperty("rnnkit.cache", previousCache);
            }
        }
    }

    private void trainTwiceThenPredict(CaptionOptions options, Path model, Path data, Path out)
            throws IOException {
        int runs = CenternetEncoder.graphRuns();
        long t0 = System.nanoTime();
        RecipeResult r = CaptionRecipe.train(options);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(4, CenternetEncoder.graphRuns() - runs, "one graph run per image");
        System.out.printf(
                "centernet caption train on 4 images (features + smoke): %.1f s%n", seconds);
        String sha = Provenance.sha256(model);
        Path cache = dir.resolve("cache/features").resolve("centernet-" + sha.substring(0, 16));
        List<Path> cached;
        try (Stream<Path> files = Files.list(cache)) {
            cached = files.filter(f -> f.toString().endsWith(".v2.bin")).toList();
        }
        assertEquals(4, cached.size(), "one cached feature file per image");
        try (DataInputStream in = new DataInputStream(Files.newInputStream(cached.get(0)))) {
            INDArray f = Nd4j.read(in);
            assertArrayEquals(new long[] {1, CenternetEncoder.FEATURE_SIZE}, f.shape());
            INDArray vector = f.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 560));
            // class maxima are sigmoid scores
            INDArray classes = vector.get(NDArrayIndex.all(), NDArrayIndex.interval(480, 560));
            assertTrue(classes.minNumber().doubleValue() >= 0, "class scores >= 0");
            assertTrue(classes.maxNumber().doubleValue() <= 1, "class scores <= 1");
            // the 64 regions average to the pooled map, the vector's first 480 values
            INDArray regions =
                    f.get(NDArrayIndex.all(), NDArrayIndex.interval(560, f.size(1)))
                            .reshape(480, 64);
            INDArray mean = regions.mean(1);
            for (int c = 0; c < 480; c++) {
                assertEquals(vector.getDouble(0, c), mean.getDouble(c), 1e-4);
            }
        }

        // The second run reads every feature from the cache: no graph run.
        runs = CenternetEncoder.graphRuns();
        RecipeResult again = CaptionRecipe.train(options);
        assertEquals(0, CenternetEncoder.graphRuns() - runs, "second run reads the cache");
        assertEquals(r.metrics().get("bleu4_greedy"), again.metrics().get("bleu4_greedy"));

        Path image;
        try (Stream<Path> files = Files.list(data.resolve("images"))) {
            image = files.sorted().findFirst().orElseThrow();
        }
        List<CaptionModel.Caption> captions = CaptionRecipe.predict(out, List.of(image), 2);
        assertEquals(1, captions.size());
        // the decoder attends over the 64 regions at every step (EOS's included)
        CaptionModel.Caption caption = captions.get(0);
        assertEquals(
                caption.hypothesis().tokens().length + (caption.hypothesis().finished() ? 1 : 0),
                caption.hypothesis().attention().size());
        for (float[] weights : caption.hypothesis().attention()) {
            assertEquals(CenternetEncoder.REGIONS, weights.length);
            double sum = 0;
            for (float w : weights) {
                sum += w;
            }
            assertEquals(1.0, sum, 1e-4);
        }
        Path png = dir.resolve("pictures/scene.attention.png");
        AttentionPicture.write(image, caption, png);
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() >= AttentionPicture.PANEL);

        // exercise 12 on the same model and image: objects, caption, attention per word, picture
        java.io.StringWriter report = new java.io.StringWriter();
        org.rnnkit.exercises.ImageCaption.print(
                new java.io.PrintWriter(report), out, image, 2, dir.resolve("exercise"));
        String text = report.toString();
        assertTrue(text.contains("caption: " + captions.get(0).text().split(" ")[0]), text);
        assertTrue(captions.get(0).text().isEmpty() || text.contains("row "), text);
        String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        assertTrue(Files.isRegularFile(dir.resolve("exercise").resolve(stem + ".attention.png")));

        // The bundle recorded the encoder file's hash: another file content is a clear error.
        Files.writeString(model, "\n", StandardOpenOption.APPEND);
        String changed = Provenance.sha256(model);
        IllegalArgumentException wrong =
                assertThrows(IllegalArgumentException.class, () -> CaptionModel.load(out));
        assertTrue(wrong.getMessage().contains(model.toString()), wrong.getMessage());
        assertTrue(wrong.getMessage().contains(sha), wrong.getMessage());
        assertTrue(wrong.getMessage().contains(changed), wrong.getMessage());
        Files.delete(model);
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> CaptionModel.load(out));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        assertTrue(missing.getMessage().contains(sha), missing.getMessage());
    }
}
