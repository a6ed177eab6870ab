package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.recipes.caption.CaptionDataGenerator.Scene;

class CaptionDataGeneratorTest {

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void givenSameSeed_whenGenerated_thenSamePixelsAndCaptions() {
        List<Scene> a = CaptionDataGenerator.generate(30, 5);
        List<Scene> b = CaptionDataGenerator.generate(30, 5);
        List<Scene> c = CaptionDataGenerator.generate(30, 6);
        for (int i = 0; i < 30; i++) {
            assertEquals(a.get(i).captions(), b.get(i).captions());
            assertTrue(Arrays.equals(pixels(a.get(i).image()), pixels(b.get(i).image())));
        }
        assertNotEquals(
                a.stream().map(Scene::captions).toList(), c.stream().map(Scene::captions).toList());
    }

    @Test
    void givenScenes_whenCaptioned_thenBothCaptionsDescribeTheSamePairConsistently() {
        for (Scene s : CaptionDataGenerator.generate(200, 1)) {
            String[] first = s.captions().get(0).split(" ");
            String[] second = s.captions().get(1).split(" ");
            // "a C1 S1 above a C2 S2" / "a C2 S2 below a C1 S1" (or "to the left of" / "right")
            assertEquals(
                    first[1] + " " + first[2],
                    second[second.length - 2] + " " + second[second.length - 1]);
            assertEquals(
                    second[1] + " " + second[2],
                    first[first.length - 2] + " " + first[first.length - 1]);
            assertNotEquals(first[1] + first[2], second[1] + second[2]);
            boolean vertical = s.captions().get(0).contains(" above ");
            assertEquals(vertical, s.captions().get(1).contains(" below "));
            assertEquals(!vertical, s.captions().get(1).contains(" to the right of "));
            // The first object's colour is present in the upper (vertical) or left half.
            assertEquals(CaptionDataGenerator.IMAGE_SIZE, s.image().getWidth());
        }
    }
}
