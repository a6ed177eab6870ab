package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link SacreBleuTokenizer}, the preprocessing that {@link Bleu} and {@link ChrF} share. */
class SacreBleuTokenizerTest {

    @Test
    void givenPunctuatedWords_whenSplitForChrF_thenOnePunctuationMarkIsSplitOff() {
        assertEquals(
                List.of("(hi", ")", "(", "x", "cat", ".", "a"),
                SacreBleuTokenizer.chrFWords(" (hi) (x cat.  a "));
    }

    @Test
    void givenWordsAndText_whenNgramsCounted_thenEveryOrderIsCounted() {
        assertEquals(
                List.of(Map.of("a", 2, "b", 1), Map.of("a b", 1, "b a", 1), Map.of("a b a", 1)),
                SacreBleuTokenizer.wordNgrams(List.of("a", "b", "a"), 3));
        // Code points, not chars: the emoji is one unit.
        assertEquals(
                List.of(Map.of("a", 1, "\uD83D\uDE00", 1), Map.of("a\uD83D\uDE00", 1)),
                SacreBleuTokenizer.charNgrams("a\uD83D\uDE00", 2));
        assertEquals("ABC", SacreBleuTokenizer.caseFolded("ABC", false));
        assertEquals("abc", SacreBleuTokenizer.caseFolded("ABC", true));
    }
}
