package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardTokenizerTest {

    @Test
    void givenReviewWithHtmlBreaksAndPunctuation_whenTokenized_thenLowercaseWordsAndMarks() {
        assertEquals(
                List.of(
                        "not",
                        "bad",
                        ".",
                        "really",
                        "!",
                        "don't",
                        "miss",
                        "this",
                        "well-made",
                        "film",
                        "(",
                        "2",
                        ")"),
                Tokenizer.standard()
                        .tokenize(
                                "Not bad.<br /><br />Really! Don't miss this well-made film (2)"));
    }

    @Test
    void givenBlankText_whenTokenized_thenNoTokens() {
        assertEquals(List.of(), Tokenizer.standard().tokenize("  \t <br/> "));
    }

    @Test
    void givenTrailingHyphenOrApostrophe_whenTokenized_thenSplitOff() {
        assertEquals(
                List.of("rock", "'", "n", "-", "roll"),
                Tokenizer.standard().tokenize("rock' n -roll"));
    }
}
