package org.rnnkit.data;

import java.util.Objects;

/**
 * One labelled text example, with where it came from.
 *
 * @param label the class label as written in the data (for example {@code pos}, {@code 0}, {@code
 *     4})
 * @param text the raw text, not blank
 * @param source the file it was read from, or a short description for generated data
 * @param line the 1-based line (or file ordinal for one-file-per-example layouts) in {@code source}
 */
public record LabeledText(String label, String text, String source, long line) {

    /**
     * Validates the example.
     *
     * @param label see {@link #label()}
     * @param text see {@link #text()}
     * @param source see {@link #source()}
     * @param line see {@link #line()}
     * @throws IllegalArgumentException when the label or text is blank
     */
    public LabeledText {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }
}
