package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.eval.CaptionTokens.refs;
import static org.rnnkit.eval.CaptionTokens.t;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ROUGE-L checked by hand against the COCO caption evaluation's definition: per image the largest
 * LCS precision and the largest LCS recall over the references, F = (1 + b^2) P R / (R + b^2 P)
 * with b = 1.2 (b^2 = 1.44), corpus = mean over images.
 */
class RougeLTest {

    private static final double TOLERANCE = 1e-12;

    /** Scores one image: a candidate against its references. */
    private static CaptionScore oneImage(String candidate, String... references) {
        return RougeL.corpus(List.of(t(candidate)), List.of(refs(references)));
    }

    @Test
    void givenCandidateEqualToAReference_whenScored_thenOne() {
        // LCS = 3 = both lengths: P = R = 1, F = 2.44 / 2.44 = 1.
        CaptionScore s = oneImage("a dog runs", "a dog runs", "a cat");
        assertEquals(1.0, s.score(), TOLERANCE);
    }

    @Test
    void givenNoCommonToken_whenScored_thenZero() {
        CaptionScore s = oneImage("the cat sleeps", "a dog runs fast");
        assertEquals(0.0, s.score(), 0.0);
    }

    @Test
    void givenSeveralReferences_whenScored_thenMatchesHandComputation() {
        // Candidate "a dog runs on grass" (5 tokens).
        //   "a dog runs on the grass" (6): LCS "a dog runs on grass" = 5, P = 5/5, R = 5/6.
        //   "a brown dog runs" (4): LCS "a dog runs" = 3, P = 3/5, R = 3/4.
        // P = 1, R = 5/6: F = 2.44 * 5/6 / (5/6 + 1.44) = 12.2 / 13.64.
        CaptionScore s =
                oneImage("a dog runs on grass", "a dog runs on the grass", "a brown dog runs");
        assertEquals(12.2 / 13.64, s.score(), TOLERANCE);
    }

    @Test
    void givenPrecisionAndRecallFromDifferentReferences_whenScored_thenEachIsMaximizedAlone() {
        // Candidate "a b c d" (4): "a b" gives LCS 2, P = 1/2, R = 1; "a b c d e f g h" gives
        // LCS 4, P = 1, R = 1/2. P = max = 1 and R = max = 1: F = 1, although no single
        // reference reaches it (each alone: 2.44 * 0.5 / (1 + 1.44 * 0.5) = 0.7093...).
        CaptionScore s = oneImage("a b c d", "a b", "a b c d e f g h");
        assertEquals(1.0, s.score(), TOLERANCE);
    }

    @Test
    void givenReorderedTokens_whenScored_thenOnlyTheSubsequenceCounts() {
        // "c b a" against "a b c": the longest common subsequence has 1 token, P = R = 1/3,
        // and with P = R the F-measure is P: 1/3.
        CaptionScore s = oneImage("c b a", "a b c");
        assertEquals(1.0 / 3, s.score(), TOLERANCE);
    }

    @Test
    void givenBetaAboveOne_whenScored_thenRecallWeighsMore() {
        // "a b" against "a b c d": LCS 2, P = 1, R = 1/2: F = 2.44 * 0.5 / (0.5 + 1.44) =
        // 1.22 / 1.94. "a b c d" against "a b": P = 1/2, R = 1: F = 2.44 * 0.5 / (1 + 0.72) =
        // 1.22 / 1.72, higher. Corpus: the mean of both.
        CaptionScore s =
                RougeL.corpus(
                        List.of(t("a b"), t("a b c d")), List.of(refs("a b c d"), refs("a b")));
        assertArrayEquals(new double[] {1.22 / 1.94, 1.22 / 1.72}, s.imageScores(), TOLERANCE);
        assertEquals((1.22 / 1.94 + 1.22 / 1.72) / 2, s.score(), TOLERANCE);
    }

    @Test
    void givenEmptyCandidate_whenScored_thenZero() {
        CaptionScore s = oneImage("", "a dog");
        assertEquals(0.0, s.score(), 0.0);
    }

    @Test
    void givenTwoTokenLists_whenLcs_thenLongestCommonSubsequenceLength() {
        // "a b c b d a b" and "b d c a b a": a longest common subsequence is "b d a b" (4).
        assertEquals(4, RougeL.lcs(t("a b c b d a b"), t("b d c a b a")));
        assertEquals(0, RougeL.lcs(List.of(), t("a")));
    }

    @Test
    void givenRandomCorpus_whenScored_thenEqualsPycocoevalcap() {
        // the corpus and the reference value are described in CiderTest.PYCOCO_CANDIDATES
        CaptionScore s = RougeL.corpus(CiderTest.PYCOCO_CANDIDATES, CiderTest.PYCOCO_REFERENCES);
        assertEquals(0.3443100358422939, s.score(), 1e-12);
        assertArrayEquals(
                new double[] {0.1639784946236559, 0.5, 0.3689516129032258}, s.imageScores(), 1e-12);
    }

    @Test
    void givenBadArguments_whenScored_thenTheParameterIsNamed() {
        IllegalArgumentException sizes =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RougeL.corpus(List.of(t("a"), t("b")), List.of(refs("a"))));
        assertTrue(sizes.getMessage().contains("candidates.size()=2"), sizes.getMessage());
        NullPointerException nullReference =
                assertThrows(
                        NullPointerException.class,
                        () -> RougeL.corpus(List.of(t("a")), List.of(Arrays.asList(t("a"), null))));
        assertEquals("references.get(0).get(1)", nullReference.getMessage());
    }
}
