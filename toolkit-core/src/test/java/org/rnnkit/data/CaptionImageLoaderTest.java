package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CaptionImageLoaderTest {

    @TempDir Path dir;

    /** A 4x4 picture: left half pure red, right half pure blue. */
    private static BufferedImage redBlue() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, (x < 2 ? Color.RED : Color.BLUE).getRGB());
            }
        }
        return image;
    }

    @Test
    void givenTinyPng_whenLoaded_thenBgrChannelsScaledToUnitInterval() throws IOException {
        Path png = dir.resolve("tiny.png");
        ImageIO.write(redBlue(), "png", png.toFile());
        CaptionImageLoader loader =
                new CaptionImageLoader(3, 4, 4, CaptionImageLoader.Normalization.UNIT);
        INDArray x = loader.load(png);
        assertArrayEquals(new long[] {1, 3, 4, 4}, x.shape());
        // OpenCV order: channel 0 blue, 2 red. Left pixels red, right pixels blue.
        assertEquals(1.0, x.getDouble(0, 2, 1, 0), 1e-6);
        assertEquals(0.0, x.getDouble(0, 0, 1, 0), 1e-6);
        assertEquals(1.0, x.getDouble(0, 0, 1, 3), 1e-6);
        assertEquals(0.0, x.getDouble(0, 2, 1, 3), 1e-6);
        // The in-memory picture converts to the same values as its PNG file.
        assertEquals(x, loader.load(redBlue()));
    }

    @Test
    void givenTinyJpeg_whenLoadedResized_thenShapeAndApproximateColours() throws IOException {
        BufferedImage big = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                big.setRGB(x, y, (x < 8 ? Color.RED : Color.BLUE).getRGB());
            }
        }
        Path jpg = dir.resolve("tiny.jpg");
        ImageIO.write(big, "jpg", jpg.toFile());
        INDArray x =
                new CaptionImageLoader(3, 8, 8, CaptionImageLoader.Normalization.UNIT).load(jpg);
        assertArrayEquals(new long[] {1, 3, 8, 8}, x.shape());
        assertTrue(x.getDouble(0, 2, 4, 1) > 0.8, "red in the left half");
        assertTrue(x.getDouble(0, 0, 4, 6) > 0.8, "blue in the right half");
        INDArray centred =
                new CaptionImageLoader(3, 8, 8, CaptionImageLoader.Normalization.IMAGENET)
                        .load(jpg);
        assertEquals(x.getDouble(0, 2, 4, 1) * 255 - 123.68, centred.getDouble(0, 2, 4, 1), 1e-3);
    }

    @Test
    void givenMissingOrCorruptImage_whenLoaded_thenErrorNamesFile() throws IOException {
        CaptionImageLoader loader =
                new CaptionImageLoader(3, 4, 4, CaptionImageLoader.Normalization.UNIT);
        MalformedDataException missing =
                assertThrows(
                        MalformedDataException.class, () -> loader.load(dir.resolve("no.png")));
        assertTrue(missing.getMessage().contains("no.png: image file not found"));
        Path corrupt = dir.resolve("corrupt.jpg");
        Files.writeString(corrupt, "this is not a jpeg");
        MalformedDataException bad =
                assertThrows(MalformedDataException.class, () -> loader.load(corrupt));
        assertTrue(bad.getMessage().contains("corrupt.jpg: cannot decode"), bad.getMessage());
    }

    @Test
    void givenBadSize_whenConstructed_thenThrowsNamingParameter() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new CaptionImageLoader(
                                        2, 4, 4, CaptionImageLoader.Normalization.UNIT));
        assertTrue(e.getMessage().contains("channels"));
    }
}
