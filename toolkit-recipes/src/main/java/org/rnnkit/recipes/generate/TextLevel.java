package org.rnnkit.recipes.generate;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.text.Tokenizer;

/** What one token of a language model is: a character (Unicode code point) or a word. */
public enum TextLevel {
    /** One token per Unicode code point; newlines and spaces are tokens too. */
    CHAR,
    /** One token per word or punctuation mark ({@link Tokenizer#standard()}). */
    WORD;

    /**
     * Splits a text into this level's tokens.
     *
     * @param text the text
     * @return the tokens, in order
     */
    public List<String> tokens(String text) {
        if (this == WORD) {
            return Tokenizer.standard().tokenize(text);
        }
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    /**
     * Joins tokens back into text: characters as they are, words with single spaces.
     *
     * @param tokens the tokens
     * @return the text
     */
    public String join(List<String> tokens) {
        return String.join(this == WORD ? " " : "", tokens);
    }

    /**
     * Returns the name of the per-token figure this level reports.
     *
     * @return {@code bits_per_char} or {@code perplexity}
     */
    public String metric() {
        return this == CHAR ? "bits_per_char" : "perplexity";
    }
}
