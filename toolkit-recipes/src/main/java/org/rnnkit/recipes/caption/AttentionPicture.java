package org.rnnkit.recipes.caption;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.MalformedDataException;

/**
 * Draws where a captioner looked for each word: a PNG with the image and its caption first, then
 * one panel per word with the image lit by the decoder's attention weights over the region grid at
 * the step that emitted the word (bilinearly upsampled, brightest at the region with the most
 * weight), as in "Show, Attend and Tell" (Xu et al. 2015). The grid covers the whole image, as the
 * encoder's input is the whole image resized to a square.
 */
public final class AttentionPicture {

    /** Side of one panel in pixels. */
    static final int PANEL = 192;

    /** Panels per row. */
    static final int COLUMNS = 4;

    private static final int LABEL = 26;

    private AttentionPicture() {}

    /**
     * Writes the picture of an image file's caption.
     *
     * @param image the image file
     * @param caption the caption with its attention per emitted word
     * @param png the PNG to write (atomically; parent directories are created)
     * @throws MalformedDataException when the image cannot be decoded
     * @throws IllegalArgumentException when the caption carries no attention (the model does not
     *     attend) or its weights are not a square grid
     * @throws IOException when a file cannot be read or written
     */
    public static void write(Path image, CaptionModel.Caption caption, Path png)
            throws IOException {
        BufferedImage picture = ImageIO.read(image.toFile());
        if (picture == null) {
            throw new MalformedDataException(image, 0, "cannot decode the image for the picture");
        }
        List<String> words =
                caption.text().isEmpty() ? List.of() : List.of(caption.text().split(" "));
        write(picture, words, caption.hypothesis().attention(), png);
    }

    /**
     * Writes the picture of a caption.
     *
     * @param picture the image
     * @param words the caption's words
     * @param attention the weights over the grid's regions (row-major from the top left) at each
     *     word's step; entries past the last word (the end-of-caption step) are not drawn
     * @param png the PNG to write
     * @throws IllegalArgumentException when there are fewer weight vectors than words, or a vector
     *     is not a square grid
     * @throws IOException when the file cannot be written
     */
    static void write(BufferedImage picture, List<String> words, List<float[]> attention, Path png)
            throws IOException {
        Objects.requireNonNull(picture, "picture");
        if (attention.size() < words.size()) {
            throw new IllegalArgumentException(
                    "the caption has no attention weights (the model does not attend: train with"
                            + " --encoder centernet and --attention-size > 0); received "
                            + attention.size()
                            + " weight vectors for "
                            + words.size()
                            + " words");
        }
        int panels = words.size() + 1;
        int rows = (panels + COLUMNS - 1) / COLUMNS;
        int columns = Math.min(panels, COLUMNS);
        BufferedImage out =
                new BufferedImage(
                        columns * PANEL, rows * (PANEL + LABEL), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        BufferedImage scaled = new BufferedImage(PANEL, PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = scaled.createGraphics();
        s.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        s.drawImage(picture, 0, 0, PANEL, PANEL, null);
        s.dispose();
        panel(g, 0, scaled, String.join(" ", words));
        for (int w = 0; w < words.size(); w++) {
            panel(g, w + 1, lit(scaled, attention.get(w)), words.get(w));
        }
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.write(png, bytes.toByteArray());
    }

    private static void panel(Graphics2D g, int index, BufferedImage image, String label) {
        int x = (index % COLUMNS) * PANEL;
        int y = (index / COLUMNS) * (PANEL + LABEL);
        g.drawImage(image, x, y, null);
        g.setColor(Color.BLACK);
        FontMetrics m = g.getFontMetrics();
        String text = label;
        while (text.length() > 1 && m.stringWidth(text) > PANEL - 6) {
            text = text.substring(0, text.length() - 2) + "…";
        }
        g.drawString(text, x + (PANEL - m.stringWidth(text)) / 2, y + PANEL + LABEL - 8);
    }

    /**
     * Returns the image lit by attention weights: each pixel's colour times {@code 0.15 + 0.85 a},
     * where {@code a} is the bilinearly upsampled weight divided by the largest weight.
     *
     * @param image the panel-sized image
     * @param weights the weights over a square grid, row-major
     * @return a new image
     * @throws IllegalArgumentException when the weights are not a square grid
     */
    static BufferedImage lit(BufferedImage image, float[] weights) {
        int grid = (int) Math.round(Math.sqrt(weights.length));
        if (grid * grid != weights.length || grid == 0) {
            throw new IllegalArgumentException(
                    "attention weights must cover a square grid of regions, received: "
                            + weights.length
                            + " weights");
        }
        float max = 1e-12f;
        for (float w : weights) {
            max = Math.max(max, w);
        }
        int size = image.getWidth();
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            double gy = Math.max(0, Math.min(grid - 1, (y + 0.5) * grid / size - 0.5));
            int y0 = (int) gy;
            int y1 = Math.min(grid - 1, y0 + 1);
            double fy = gy - y0;
            for (int x = 0; x < size; x++) {
                double gx = Math.max(0, Math.min(grid - 1, (x + 0.5) * grid / size - 0.5));
                int x0 = (int) gx;
                int x1 = Math.min(grid - 1, x0 + 1);
                double fx = gx - x0;
                double a =
                        (1 - fy)
                                        * ((1 - fx) * weights[y0 * grid + x0]
                                                + fx * weights[y0 * grid + x1])
                                + fy
                                        * ((1 - fx) * weights[y1 * grid + x0]
                                                + fx * weights[y1 * grid + x1]);
                double light = 0.15 + 0.85 * a / max;
                int rgb = image.getRGB(x, y);
                int r = (int) (((rgb >> 16) & 0xff) * light);
                int gr = (int) (((rgb >> 8) & 0xff) * light);
                int b = (int) ((rgb & 0xff) * light);
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }
}
