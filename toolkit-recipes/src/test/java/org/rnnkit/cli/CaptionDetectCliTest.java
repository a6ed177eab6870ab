package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.rnnkit.cli.RnnkitCliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.caption.CaptionCenternetTest;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CenternetEncoder;

/** {@code rnnkit caption detect} on one generated scene with the real centernet model. */
class CaptionDetectCliTest {

    @TempDir Path dir;

    @Test
    void givenScene_whenDetected_thenTabSeparatedBoxesInImagePixels() throws IOException {
        Path directory = CaptionCenternetTest.modelDirectory();
        Path model = directory == null ? null : directory.resolve("centernet.json");
        assumeTrue(model != null, "centernet model not present under ../shared/models/centernet");
        CaptionDataGenerator.write(dir, 1, 5);
        Path image;
        try (Stream<Path> files = Files.list(dir.resolve("images"))) {
            image = files.findFirst().orElseThrow();
        }
        RnnkitCliTest.Run r = detect(model, "0", image);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertFalse(lines.isEmpty(), "min-score 0 prints every detection");
        assertTrue(lines.size() <= 100, "at most the model's 100 detections");
        int side = CaptionDataGenerator.IMAGE_SIZE;
        double previous = Double.MAX_VALUE;
        for (String line : lines) {
            String[] f = line.split("\t");
            assertEquals(4, f.length, line);
            assertEquals(image.toString(), f[0]);
            assertTrue(CenternetEncoder.LABELS.contains(f[1]), line);
            double score = Double.parseDouble(f[2]);
            assertTrue(score >= 0 && score <= previous, "scores in [0, 1], best first: " + line);
            previous = score;
            String[] box = f[3].split(",");
            assertEquals(4, box.length, line);
            for (String v : box) {
                double x = Double.parseDouble(v);
                assertTrue(x >= 0 && x <= side, "box within the 32x32 image: " + line);
            }
        }
        RnnkitCliTest.Run high = detect(model, "1.5", image);
        assertEquals(2, high.exit(), high.err());
    }

    /** Runs {@code caption detect} on one image with a minimum score. */
    private static RnnkitCliTest.Run detect(Path model, String minScore, Path image) {
        return run(
                "caption",
                "detect",
                "--encoder-weights",
                model.toString(),
                "--min-score",
                minScore,
                image.toString());
    }
}
