package org.rnnkit.data;

import java.util.Objects;

/**
 * One sentence pair of a parallel corpus: a source sentence and its translation.
 *
 * @param source the source sentence, stripped of surrounding white space, never blank
 * @param target the target sentence, stripped of surrounding white space, never blank
 * @param line the 1-based line of the pair in its file (0 when not from a file)
 */
public record ParallelPair(String source, String target, long line) {

    /**
     * Validates the pair and strips surrounding white space from both sides.
     *
     * @param source see {@link #source()}
     * @param target see {@link #target()}
     * @param line see {@link #line()}
     * @throws NullPointerException when a side is {@code null}
     * @throws IllegalArgumentException when a side is blank or {@code line < 0}
     */
    public ParallelPair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        source = source.strip();
        target = target.strip();
        if (source.isEmpty()) {
            throw new IllegalArgumentException(
                    "source must not be blank, received: source='" + source + "'");
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException(
                    "target must not be blank, received: target='" + target + "'");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, received: line=" + line);
        }
    }

    /**
     * Returns the pair with its sides swapped, for training the opposite direction.
     *
     * @return a pair whose source is this pair's target and vice versa, same line
     */
    public ParallelPair reversed() {
        return new ParallelPair(target, source, line);
    }
}
