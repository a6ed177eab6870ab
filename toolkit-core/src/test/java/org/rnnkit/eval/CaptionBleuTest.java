package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cumulative BLEU-1..4 with several references per caption, checked by hand. */
class CaptionBleuTest {

    private static final Bleu CAPTION_BLEU =
            Bleu.builder().optLowercase(true).optSmoothing(Bleu.Smoothing.NONE).build();

    @Test
    void givenTwoCaptionsWithThreeReferencesEach_whenScored_thenMatchesHandComputation() {
        // Hypothesis 1 "a dog runs on grass" (5 tokens); references "a dog runs on the grass"
        // (6) and "a brown dog runs" (4), "the dog is running" (4).
        //   unigrams 5/5; bigrams: a dog, dog runs, runs on (on grass: no) = 3/4;
        //   trigrams: a dog runs, dog runs on = 2/3; 4-grams: a dog runs on = 1/2.
        //   closest reference length to 5: 4 and 6 tie, the shorter one, 4.
        // Hypothesis 2 "the the cat" (3 tokens); references "the cat sat", "a cat", "the cat".
        //   unigrams: "the" clipped to 1, cat 1 = 2/3; bigrams: the cat = 1/2; trigrams 0/1;
        //   4-grams 0/0. Closest reference length to 3: 3.
        // Corpus: p1 = 7/8, p2 = 4/6, p3 = 2/4, p4 = 1/2; c = 8, r = 7: no brevity penalty.
        List<String> hypotheses = List.of("a dog runs on grass", "The the cat");
        List<List<String>> references =
                List.of(
                        List.of(
                                "a dog runs on the grass",
                                "a brown dog runs",
                                "the dog is running"),
                        List.of("the cat sat", "a cat", "the cat"));
        BleuScore s = CAPTION_BLEU.corpus(hypotheses, references);
        double p1 = 7.0 / 8;
        double p2 = 4.0 / 6;
        double p3 = 2.0 / 4;
        double p4 = 1.0 / 2;
        assertEquals(100 * p1, s.cumulative(1), 1e-9);
        assertEquals(100 * Math.sqrt(p1 * p2), s.cumulative(2), 1e-9);
        assertEquals(100 * Math.cbrt(p1 * p2 * p3), s.cumulative(3), 1e-9);
        assertEquals(100 * Math.pow(p1 * p2 * p3 * p4, 0.25), s.cumulative(4), 1e-9);
        assertEquals(8, s.hypothesisLength());
        assertEquals(7, s.referenceLength());
    }

    @Test
    void givenShortCaption_whenScored_thenBrevityPenaltyUsesClosestReference() {
        // "a dog" against "a dog runs" (3) and "a big dog runs fast" (5): r = 3, c = 2.
        BleuScore s =
                CAPTION_BLEU.corpus(
                        List.of("a dog"), List.of(List.of("a dog runs", "a big dog runs fast")));
        double bp = Math.exp(1 - 3.0 / 2);
        assertEquals(100 * bp, s.cumulative(1), 1e-9);
        assertEquals(100 * bp, s.cumulative(2), 1e-9);
        // no trigram in the hypothesis: BLEU-3 and BLEU-4 are 0 without smoothing
        assertEquals(0.0, s.cumulative(3), 0.0);
    }
}
