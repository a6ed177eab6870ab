package org.rnnkit.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * A corpus score of an image-captioning metric ({@link CiderD}, {@link RougeL}) with the score of
 * every image it is the mean of. The array is copied in and out, so the record is immutable.
 *
 * @param score the corpus score, the mean of {@code imageScores}, on the metric's own scale (as the
 *     COCO caption evaluation reports it)
 * @param imageScores the score of each image, in the order the images were given, {@code [images]}
 */
public record CaptionScore(double score, double[] imageScores) {

    /**
     * Validates and copies the components.
     *
     * @param score see {@link #score()}
     * @param imageScores see {@link #imageScores()}
     * @throws IllegalArgumentException when {@code imageScores} is empty
     * @throws NullPointerException when {@code imageScores} is {@code null}
     */
    public CaptionScore {
        Objects.requireNonNull(imageScores, "imageScores");
        if (imageScores.length == 0) {
            throw new IllegalArgumentException(
                    "imageScores must not be empty, received: imageScores.length=0");
        }
        imageScores = imageScores.clone();
    }

    /**
     * Creates the score of a corpus from its image scores; the corpus score is their mean.
     *
     * @param imageScores the score of each image, at least one
     * @return the score
     * @throws IllegalArgumentException when {@code imageScores} is empty
     * @throws NullPointerException when {@code imageScores} is {@code null}
     */
    public static CaptionScore of(double[] imageScores) {
        Objects.requireNonNull(imageScores, "imageScores");
        double sum = 0;
        for (double s : imageScores) {
            sum += s;
        }
        return new CaptionScore(
                imageScores.length == 0 ? 0.0 : sum / imageScores.length, imageScores);
    }

    /**
     * Returns the score of each image.
     *
     * @return a copy, {@code [images]}
     */
    @Override
    public double[] imageScores() {
        return imageScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaptionScore that
                && Double.compare(score, that.score) == 0
                && Arrays.equals(imageScores, that.imageScores);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(score) + Arrays.hashCode(imageScores);
    }

    /**
     * Returns the corpus score and the number of images, for example {@code 1.2345 (500 images)}.
     *
     * @return the formatted score
     */
    @Override
    public String toString() {
        return PythonStrings.fixed(score, 4) + " (" + imageScores.length + " images)";
    }
}
