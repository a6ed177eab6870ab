package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.withColumn;

import org.rnnkit.data.DataFormat;
import picocli.CommandLine.Option;

/**
 * Which columns of a caption table (CSV or TSV, by header name or 1-based index) or fields of a
 * JSON-lines file (by name) hold the image file and the caption: {@code --image-column} and {@code
 * --caption-column}. Directory layouts (captions.txt, Flickr8k) and COCO JSON ignore them. Used by
 * the caption recipe's {@code train} (through {@link CaptionFlags}) and {@code eval}.
 */
final class CaptionColumnFlags {

    @Option(names = "--image-column", paramLabel = "NAME|INDEX", descriptionKey = "columns.image")
    String imageColumn;

    @Option(
            names = "--caption-column",
            paramLabel = "NAME|INDEX",
            descriptionKey = "columns.caption")
    String captionColumn;

    /**
     * Returns the format with these flags applied.
     *
     * @param format the format so far (the recipe's default, or the one saved in a bundle)
     * @return the format with the given image and caption columns
     * @throws IllegalArgumentException naming the flag whose value is not valid
     */
    DataFormat apply(DataFormat format) {
        DataFormat f = withColumn(format, DataFormat.IMAGE, imageColumn);
        return withColumn(f, DataFormat.CAPTION, captionColumn);
    }
}
