package org.rnnkit.data;

import java.util.List;
import java.util.Objects;

/**
 * One image with its reference captions, as read by {@link CaptionCorpusReader}.
 *
 * @param image the image's file name, relative to the corpus's image directory
 * @param captions its captions (at least one), raw text in file order
 * @param split {@code train}, {@code dev} or {@code test} when the corpus assigns one, else {@code
 *     null}
 */
public record CaptionedImage(String image, List<String> captions, String split) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException for a blank image name or no captions
     * @throws NullPointerException for a null image or captions
     */
    public CaptionedImage {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("image must not be blank");
        }
        captions = List.copyOf(captions);
        if (captions.isEmpty()) {
            throw new IllegalArgumentException(
                    "captions must not be empty, received: no caption for image=" + image);
        }
    }
}
