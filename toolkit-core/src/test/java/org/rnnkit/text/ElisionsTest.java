package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.eval.Bleu;

class ElisionsTest {

    private static final Bleu BLEU = Bleu.builder().build();

    @Test
    void givenFrenchElisions_whenSplit_thenPrefixesAreTokensOfTheirOwn() {
        assertEquals(
                List.of("J'", "ai", "vu", "l'", "homme", "qu'", "il", "aime", "."),
                Elisions.split(BLEU.tokenize("J'ai vu l'homme qu'il aime.")));
        assertEquals(
                List.of("jusqu'", "à", "l'", "aube", "d’", "été"),
                Elisions.split(List.of("jusqu'à", "l'aube", "d’été")));
        assertEquals(List.of("Lorsqu'", "elle"), Elisions.split(List.of("Lorsqu'elle")));
    }

    @Test
    void givenWordsThatOnlyLookElided_whenSplit_thenUnchanged() {
        List<String> whole =
                List.of(
                        "aujourd'hui",
                        "quelqu'un",
                        "don't",
                        "I'm",
                        "Tom's",
                        "l'",
                        "l'2",
                        "O'Neil",
                        "'s",
                        "parents'");
        assertEquals(whole, Elisions.split(whole));
    }

    @Test
    void givenSplitTokens_whenJoined_thenTheTextTokenizesAsBefore() {
        for (String text :
                List.of(
                        "J'ai vu l'homme qu'il aime.",
                        "C'est jusqu'à l'aube, n'est-ce pas ?",
                        "Aujourd'hui, quelqu'un m'a dit : « s'il te plaît ».",
                        "Don't go, it's Tom's car.")) {
            List<String> tokens = BLEU.tokenize(text);
            String joined = Elisions.join(Elisions.split(tokens));
            assertEquals(tokens, BLEU.tokenize(joined), text);
        }
        assertEquals("l'homme .", Elisions.join(List.of("l'", "homme", ".")));
        assertEquals("l' .", Elisions.join(List.of("l'", ".")));
    }

    @Test
    void givenTokens_whenAskedIfElision_thenOnlyKnownPrefixesWithApostrophe() {
        assertTrue(Elisions.isElision("l'"));
        assertTrue(Elisions.isElision("Qu’"));
        assertTrue(Elisions.isElision("JUSQU'"));
        assertFalse(Elisions.isElision("l"));
        assertFalse(Elisions.isElision("'"));
        assertFalse(Elisions.isElision("aujourd'"));
    }
}
