package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaggingReportTest {

    @Test
    void givenTwoSentences_whenScored_thenTokenMetricsAsComputedByHand() {
        // tags: 0 NOUN, 1 VERB, 2 DET
        List<int[]> actual = List.of(new int[] {2, 0, 1}, new int[] {0, 1});
        List<int[]> predicted = List.of(new int[] {2, 0, 0}, new int[] {1, 1});
        List<boolean[]> oov =
                List.of(new boolean[] {false, true, true}, new boolean[] {false, false});
        TaggingReport r = new TaggingReport(List.of("NOUN", "VERB", "DET"), actual, predicted, oov);
        // 3 of 5 tokens right
        assertEquals(0.6, r.accuracy(), 1e-12);
        // OOV tokens: "0 -> 0" right, "1 -> 0" wrong
        assertEquals(0.5, r.oovAccuracy(), 1e-12);
        assertEquals(2, r.oovTokens());
        // NOUN: predicted twice (1 right), actual twice (1 right)
        assertEquals(0.5, r.tokens().precision(0), 1e-12);
        assertEquals(0.5, r.tokens().recall(0), 1e-12);
        // VERB: predicted twice (1 right), actual twice (1 right)
        assertEquals(0.5, r.tokens().f1(1), 1e-12);
        assertEquals(1.0, r.tokens().f1(2), 1e-12);
        assertEquals(
                List.of(Map.entry("NOUN -> VERB", 1L), Map.entry("VERB -> NOUN", 1L)),
                r.topConfusions(5));
        assertEquals(0.6, r.toMetrics().get("accuracy"), 1e-12);
        assertEquals(0.5, r.toMetrics().get("oov_accuracy"), 1e-12);
    }

    @Test
    void givenTrainingCounts_whenBaselineTags_thenMostFrequentTagAndOverallForUnknown() {
        MostFrequentTagger b =
                MostFrequentTagger.train(
                        List.of(
                                List.of("they", "book", "a", "flight"),
                                List.of("the", "book"),
                                List.of("a", "book")),
                        List.of(new int[] {3, 1, 2, 0}, new int[] {2, 0}, new int[] {2, 0}),
                        4);
        assertArrayEquals(new int[] {0, 2, 0}, b.predict(List.of("book", "a", "unseen")));
        assertArrayEquals(
                b.predict(List.of("book", "they", "zzz")),
                MostFrequentTagger.fromMap(b.toMap()).predict(List.of("book", "they", "zzz")));
    }
}
