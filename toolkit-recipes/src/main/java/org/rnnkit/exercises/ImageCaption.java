package org.rnnkit.exercises;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.caption.AttentionPicture;
import org.rnnkit.recipes.caption.CaptionModel;
import org.rnnkit.recipes.caption.CaptionRecipe;
import org.rnnkit.recipes.caption.CenternetEncoder;

/**
 * Exercise 12: one-to-many, an image in and a word sequence out. For one photo and a captioner
 * trained with {@code rnnkit caption train --encoder centernet}: the COCO objects the frozen
 * encoder detects (what the image vector's class scores carry), the caption the decoder writes word
 * by word, and for each word the region of the 8x8 grid it attended to most, with a PNG of the
 * attention per word.
 */
public final class ImageCaption {

    private ImageCaption() {}

    /**
     * Prints the report and writes {@code <image name>.attention.png} under {@code directory}.
     *
     * @param out where the report goes
     * @param model a caption bundle trained with the centernet encoder and attention
     * @param image the photo
     * @param beamWidth the beam width (1: greedy)
     * @param directory where the picture is written (created when missing)
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when the model does not attend over regions
     */
    public static void print(PrintWriter out, Path model, Path image, int beamWidth, Path directory)
            throws IOException {
        CaptionModel captioner = CaptionModel.load(model);
        if (!captioner.options().attention()) {
            throw new IllegalArgumentException(
                    model
                            + " does not attend over image regions: train it with `rnnkit caption"
                            + " train --encoder centernet` (attention is on by default)");
        }
        out.printf(
                Locale.ROOT,
                "model %s, image %s, beam %d, encoder %s%n",
                model,
                image,
                beamWidth,
                captioner.options().encoderWeights());
        out.println(
                "objects the detector finds (score >= 0.3; the image vector holds all 80 scores):");
        var detections =
                CenternetEncoder.open(captioner.options().encoderWeights(), null)
                        .detect(image, 0.3);
        for (var d : detections) {
            out.printf(
                    Locale.ROOT,
                    "  %-14s %.2f  box %.0f,%.0f-%.0f,%.0f%n",
                    d.label(),
                    d.score(),
                    d.x1(),
                    d.y1(),
                    d.x2(),
                    d.y2());
        }
        if (detections.isEmpty()) {
            out.println("  (none)");
        }
        CaptionModel.Caption caption =
                CaptionRecipe.predict(model, List.of(image), beamWidth).get(0);
        out.println("caption: " + caption.text());
        out.println("where each word looked (region of the 8x8 grid with the most weight):");
        String[] words = caption.text().isEmpty() ? new String[0] : caption.text().split(" ");
        List<float[]> attention = caption.hypothesis().attention();
        for (int w = 0; w < words.length && w < attention.size(); w++) {
            float[] a = attention.get(w);
            int best = 0;
            for (int r = 1; r < a.length; r++) {
                if (a[r] > a[best]) {
                    best = r;
                }
            }
            int grid = CenternetEncoder.GRID;
            out.printf(
                    Locale.ROOT,
                    "  %-12s row %d, column %d  weight %.3f (uniform: %.3f)%n",
                    words[w],
                    best / grid,
                    best % grid,
                    a[best],
                    1.0 / a.length);
        }
        Files.createDirectories(directory);
        String name = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path png = directory.resolve(name + ".attention.png");
        AttentionPicture.write(image, caption, png);
        out.println("attention picture: " + png);
    }

    /**
     * Runs {@code rnnkit exercise image-caption ARGS...}. The command line parses the arguments
     * (see {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise image-caption}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "image-caption"), args);
    }
}
