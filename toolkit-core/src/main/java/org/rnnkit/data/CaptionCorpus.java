package org.rnnkit.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An image-captioning corpus: images with their reference captions and optional splits.
 *
 * @param source the file or directory read
 * @param imageDirectory the directory the image names are relative to
 * @param images the images in first-seen order, each with all its captions
 * @param skippedRows malformed rows skipped (only with {@code skipBadRows})
 * @param format the layout read: {@code captions.txt}, {@code flickr8k}, {@code coco}, {@code
 *     table} (CSV/TSV) or {@code jsonl}
 */
public record CaptionCorpus(
        Path source,
        Path imageDirectory,
        List<CaptionedImage> images,
        int skippedRows,
        String format) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException for a null component
     */
    public CaptionCorpus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(imageDirectory, "imageDirectory");
        images = List.copyOf(images);
        Objects.requireNonNull(format, "format");
    }

    /**
     * Returns the images of one split.
     *
     * @param split {@code train}, {@code dev} or {@code test}
     * @return those images, in corpus order (empty when the corpus has no such split)
     */
    public List<CaptionedImage> split(String split) {
        return images.stream().filter(i -> split.equals(i.split())).toList();
    }

    /**
     * Returns whether any image has a split.
     *
     * @return true when the corpus assigns splits
     */
    public boolean hasSplits() {
        return images.stream().anyMatch(i -> i.split() != null);
    }

    /**
     * Returns the path of an image.
     *
     * @param image one of this corpus's images
     * @return its file
     */
    public Path path(CaptionedImage image) {
        return imageDirectory.resolve(image.image());
    }
}
