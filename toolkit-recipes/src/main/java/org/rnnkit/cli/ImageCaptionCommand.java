package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.rnnkit.exercises.ImageCaption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit exercise image-caption}. */
@Command(name = "image-caption")
final class ImageCaptionCommand extends FileExercise {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE")
    Path model;

    @Option(names = "--beam", paramLabel = "K", defaultValue = "5")
    int beam;

    @Parameters(index = "0", paramLabel = "IMAGE", descriptionKey = "IMAGE")
    Path image;

    @Override
    void run(PrintWriter out) throws IOException {
        ImageCaption.print(out, model, image, beam, directory());
    }
}
