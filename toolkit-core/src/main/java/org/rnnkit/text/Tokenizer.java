package org.rnnkit.text;

import java.util.List;

/**
 * Splits raw text into tokens.
 *
 * <p>Implementations must be deterministic and thread-safe: the same text always gives the same
 * tokens, because vocabularies and saved models depend on it.
 */
@FunctionalInterface
public interface Tokenizer {

    /**
     * Splits a text into tokens.
     *
     * @param text the raw text, never {@code null}
     * @return the tokens in reading order; empty when the text has none
     */
    List<String> tokenize(String text);

    /**
     * Returns the standard tokenizer: lower case, HTML line breaks removed, punctuation split off.
     *
     * @return the shared {@link StandardTokenizer} instance
     */
    static Tokenizer standard() {
        return StandardTokenizer.INSTANCE;
    }
}
