package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.caption.CenternetEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnkit caption detect}: the COCO objects the centernet encoder's detector finds, one line
 * per detection, {@code image<TAB>label<TAB>score<TAB>x1,y1,x2,y2} in the image's own pixels.
 */
@Command(name = "detect")
final class CaptionDetectCommand extends InputsCommand {
    @Option(names = "--encoder", paramLabel = "centernet")
    String encoder = "centernet";

    @Option(names = "--encoder-weights", paramLabel = "centernet.json")
    Path encoderWeights = CenternetEncoder.defaultModelFile();

    @Option(names = "--min-score", paramLabel = "S")
    double minScore = 0.3;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
    List<String> inputs = new ArrayList<>();

    @Override
    void check() {
        Recipes.require(
                encoder.equals("centernet"),
                "--encoder must be centernet (the only encoder with a detector), received: "
                        + encoder);
        Recipes.require(
                minScore >= 0 && minScore <= 1,
                "--min-score must be in [0, 1], received: " + minScore);
    }

    @Override
    List<String> lines(List<String> images) throws IOException {
        CenternetEncoder detector = CenternetEncoder.open(encoderWeights, null);
        List<String> lines = new ArrayList<>();
        for (String image : images) {
            detector.detect(Path.of(image), minScore).forEach(d -> lines.add(d.toLine(image)));
        }
        return lines;
    }
}
