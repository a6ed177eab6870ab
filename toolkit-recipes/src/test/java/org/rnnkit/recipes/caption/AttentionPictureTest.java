package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attention picture: panel layout, where the light falls, and its errors. */
class AttentionPictureTest {

    @TempDir Path dir;

    private static BufferedImage grey() {
        BufferedImage image =
                new BufferedImage(
                        AttentionPicture.PANEL, AttentionPicture.PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        return image;
    }

    private static int red(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) >> 16) & 0xff;
    }

    @Test
    void givenWeightOnOneRegion_whenLit_thenThatQuarterIsBrightestAndTheOppositeDark() {
        // a 2x2 grid, all weight on the bottom-right region
        BufferedImage lit = AttentionPicture.lit(grey(), new float[] {0f, 0f, 0f, 1f});
        int size = AttentionPicture.PANEL;
        assertEquals(200, red(lit, size - 1, size - 1));
        assertEquals(30, red(lit, 0, 0)); // 200 * 0.15
        assertTrue(red(lit, size / 2, size / 2) > 30 && red(lit, size / 2, size / 2) < 200);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> AttentionPicture.lit(grey(), new float[] {0.5f, 0.2f, 0.3f}));
        assertTrue(e.getMessage().contains("square grid"), e.getMessage());
    }

    @Test
    void givenFiveWords_whenWritten_thenSixPanelsInTwoRows() throws IOException {
        List<String> words = List.of("a", "dog", "runs", "on", "grass");
        float[] uniform = new float[64];
        java.util.Arrays.fill(uniform, 1f / 64);
        Path png = dir.resolve("out/picture.png");
        AttentionPicture.write(grey(), words, java.util.Collections.nCopies(6, uniform), png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(4 * AttentionPicture.PANEL, read.getWidth());
        assertTrue(read.getHeight() > 2 * AttentionPicture.PANEL);
    }

    @Test
    void givenNoAttention_whenWritten_thenErrorSaysTheModelDoesNotAttend() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AttentionPicture.write(
                                        grey(),
                                        List.of("a", "dog"),
                                        List.of(),
                                        dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("does not attend"), e.getMessage());
    }
}
