package org.rnnkit.recipes.caption;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.rnnkit.bundle.AtomicFiles;

/**
 * Generates the embedded captioning data: small rendered scenes (Java2D) of two coloured shapes,
 * one above the other or side by side, with compositional captions such as "a red circle above a
 * blue square". Each scene has two reference captions that describe it from either shape ("a blue
 * square below a red circle"). Colours, shapes, sizes and positions are drawn from a seeded {@link
 * Random}, so the same seed gives the same pixels and captions.
 */
public final class CaptionDataGenerator {

    /** Scenes in the embedded data set. */
    public static final int DEFAULT_SIZE = 2400;

    /** Seed of the embedded data set. */
    public static final long DEFAULT_SEED = 7;

    /** Side of the square images in pixels. */
    public static final int IMAGE_SIZE = 32;

    private static final String[] COLOUR_NAMES = {"red", "green", "blue", "yellow"};
    private static final Color[] COLOURS = {
        new Color(220, 30, 30),
        new Color(30, 170, 40),
        new Color(30, 60, 220),
        new Color(230, 200, 20)
    };
    private static final String[] SHAPES = {"circle", "square", "triangle"};

    private CaptionDataGenerator() {}

    /**
     * A generated scene.
     *
     * @param name its file name ({@code scene-00001.png})
     * @param image the picture, {@value #IMAGE_SIZE} pixels square
     * @param captions its two reference captions
     * @param split {@code train} (80%), {@code dev} (10%) or {@code test} (10%)
     */
    public record Scene(String name, BufferedImage image, List<String> captions, String split) {}

    /**
     * Generates scenes.
     *
     * @param size the number of scenes, at least 1
     * @param seed the seed
     * @return the scenes, split 80/10/10 in order
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static List<Scene> generate(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, received: size=" + size);
        }
        Random random = new Random(seed);
        List<Scene> scenes = new ArrayList<>(size);
        int trainEnd = (int) Math.round(size * 0.8);
        int devEnd = (int) Math.round(size * 0.9);
        for (int i = 0; i < size; i++) {
            int a = random.nextInt(COLOURS.length * SHAPES.length);
            int b = random.nextInt(COLOURS.length * SHAPES.length - 1);
            if (b >= a) {
                b++;
            }
            boolean vertical = random.nextBoolean();
            BufferedImage image =
                    new BufferedImage(IMAGE_SIZE, IMAGE_SIZE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int grey = 235 + random.nextInt(21);
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(0, 0, IMAGE_SIZE, IMAGE_SIZE);
            // The first object is on top (vertical) or on the left (horizontal).
            int along = 3 + random.nextInt(3);
            int across = 8 + random.nextInt(8);
            int gap = 14 + random.nextInt(3);
            int x1 = vertical ? across : along + 5;
            int y1 = vertical ? along + 5 : across;
            int x2 = vertical ? across + random.nextInt(5) - 2 : x1 + gap;
            int y2 = vertical ? y1 + gap : across + random.nextInt(5) - 2;
            draw(g, a, x1, y1, 9 + random.nextInt(4));
            draw(g, b, x2, y2, 9 + random.nextInt(4));
            g.dispose();
            String first = describe(a);
            String second = describe(b);
            List<String> captions =
                    vertical
                            ? List.of(
                                    "a " + first + " above a " + second,
                                    "a " + second + " below a " + first)
                            : List.of(
                                    "a " + first + " to the left of a " + second,
                                    "a " + second + " to the right of a " + first);
            String split = i < trainEnd ? "train" : i < devEnd ? "dev" : "test";
            scenes.add(
                    new Scene(
                            String.format(Locale.ROOT, "scene-%05d.png", i + 1),
                            image,
                            captions,
                            split));
        }
        return scenes;
    }

    private static String describe(int object) {
        return COLOUR_NAMES[object / SHAPES.length] + " " + SHAPES[object % SHAPES.length];
    }

    /** Draws object {@code object} centred at (x, y) with side or diameter {@code size}. */
    private static void draw(Graphics2D g, int object, int x, int y, int size) {
        g.setColor(COLOURS[object / SHAPES.length]);
        int half = size / 2;
        switch (SHAPES[object % SHAPES.length]) {
            case "circle" -> g.fillOval(x - half, y - half, size, size);
            case "square" -> g.fillRect(x - half, y - half, size - 1, size - 1);
            default ->
                    g.fillPolygon(
                            new int[] {x - half, x + half, x},
                            new int[] {y + half, y + half, y - half},
                            3);
        }
    }

    /**
     * Writes scenes in the captions.txt layout: {@code images/*.png}, {@code captions.txt} ({@code
     * name#k<TAB>caption}) and {@code splits.tsv}. Every file is written atomically.
     *
     * @param directory the target directory (created)
     * @param size the number of scenes
     * @param seed the seed
     * @return the scenes written
     * @throws IOException when a file cannot be written
     */
    public static List<Scene> write(Path directory, int size, long seed) throws IOException {
        List<Scene> scenes = generate(size, seed);
        Files.createDirectories(directory.resolve("images"));
        StringBuilder captions = new StringBuilder();
        StringBuilder splits = new StringBuilder();
        for (Scene s : scenes) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(s.image(), "png", png);
            AtomicFiles.write(directory.resolve("images").resolve(s.name()), png.toByteArray());
            for (int k = 0; k < s.captions().size(); k++) {
                captions.append(s.name()).append('#').append(k).append('\t');
                captions.append(s.captions().get(k)).append('\n');
            }
            splits.append(s.name()).append('\t').append(s.split()).append('\n');
        }
        AtomicFiles.write(
                directory.resolve("captions.txt"),
                captions.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(
                directory.resolve("splits.tsv"),
                splits.toString().getBytes(StandardCharsets.UTF_8));
        return scenes;
    }
}
