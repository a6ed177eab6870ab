package org.rnnkit.data;

import java.util.List;

/**
 * One sentence with one tag per word.
 *
 * @param words the word forms, in order
 * @param tags the tags, one per word
 * @param line the 1-based line where the sentence starts in its file (0 when not from a file)
 */
public record TaggedSentence(List<String> words, List<String> tags, long line) {

    /**
     * Validates and copies the lists.
     *
     * @throws IllegalArgumentException when the lists are empty or differ in length
     */
    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        if (words.isEmpty() || words.size() != tags.size()) {
            throw new IllegalArgumentException(
                    "a tagged sentence needs as many tags as words (at least one), got "
                            + words.size()
                            + " words and "
                            + tags.size()
                            + " tags");
        }
    }

    /**
     * Returns the number of words.
     *
     * @return at least 1
     */
    public int size() {
        return words.size();
    }
}
