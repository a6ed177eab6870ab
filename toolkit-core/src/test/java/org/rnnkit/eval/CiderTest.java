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
 * CIDEr-D checked by hand against the definition of the COCO caption evaluation. With N images an
 * n-gram held by the references of df images weighs {@code w(g) = ln N - ln max(1, df)}; with two
 * images and every reference n-gram in one image only, every n-gram weighs {@code w = ln 2}.
 */
class CiderTest {

    private static final double TOLERANCE = 1e-9;

    /** Scores two images, each candidate against the one reference of its image. */
    static CaptionScore twoImages(
            String candidate1, String reference1, String candidate2, String reference2) {
        return CiderD.corpus(
                List.of(t(candidate1), t(candidate2)), List.of(refs(reference1), refs(reference2)));
    }

    /**
     * A random corpus (seed 2 of a cross-check) scored by the COCO evaluation's own Python code,
     * pycocoevalcap (salaniz/pycocoevalcap ad63453, cider/cider_scorer.py and rouge/rouge.py):
     * CIDEr-D 0.40385201864316506 with image scores 0, 1.0487307477050039, 0.16282530822449126;
     * ROUGE-L 0.3443100358422939. Image 1 has a single two-token reference, so its bigram length is
     * 1 against the candidate's 11.
     */
    static final List<List<String>> PYCOCO_CANDIDATES =
            List.of(
                    t("on on sits runs sits a sits cat grass grass ball the"),
                    t("ball ball the red red the sits ball"),
                    t("runs a grass a"));

    static final List<List<List<String>>> PYCOCO_REFERENCES =
            List.of(
                    refs("the cat"),
                    refs(
                            "ball on a a the red the grass",
                            "ball cat ball cat runs runs a",
                            "the cat cat",
                            "ball the ball ball cat red grass ball the",
                            "the the red cat grass red ball runs red on"),
                    refs(
                            "runs the cat sits on red on on",
                            "ball ball ball ball sits sits grass on runs red ball the",
                            "sits dog the a runs dog a sits a on sits",
                            "dog ball cat on"));

    @Test
    void givenRandomCorpus_whenScored_thenEqualsPycocoevalcap() {
        CaptionScore s = CiderD.corpus(PYCOCO_CANDIDATES, PYCOCO_REFERENCES);
        assertEquals(0.40385201864316506, s.score(), 1e-12);
        assertArrayEquals(
                new double[] {0.0, 1.0487307477050039, 0.16282530822449126},
                s.imageScores(),
                1e-12);
    }

    @Test
    void givenCandidatesEqualToTheirOnlyReference_whenScored_thenEveryImageScoresTen() {
        // Two images, four tokens each, no shared n-gram: candidate vector = reference vector
        // for every order 1..4, so each cosine is 1, the length penalty exp(0) = 1, and the
        // image score is 10 * (1 + 1 + 1 + 1) / 4 / 1 reference = 10.
        CaptionScore s =
                twoImages(
                        "a dog runs fast",
                        "a dog runs fast",
                        "the cat sleeps now",
                        "the cat sleeps now");
        assertEquals(10.0, s.score(), TOLERANCE);
        assertArrayEquals(new double[] {10.0, 10.0}, s.imageScores(), TOLERANCE);
    }

    @Test
    void givenThreeTokenCaptions_whenScored_thenTheMissingFourGramOrderCountsZero() {
        // Identical three-token captions have no 4-grams: both 4-gram norms are 0 and that
        // order scores 0, so the image score is 10 * (1 + 1 + 1 + 0) / 4 = 7.5.
        CaptionScore s = twoImages("a dog runs", "a dog runs", "the cat sleeps", "the cat sleeps");
        assertEquals(7.5, s.score(), TOLERANCE);
    }

    @Test
    void givenNoSharedNgram_whenScored_thenImageScoresZero() {
        // Image 1: "the cat sleeps now" against "a dog runs fast": every dot product is 0.
        // Image 2 identical: 10. Corpus: (0 + 10) / 2 = 5.
        CaptionScore s =
                twoImages(
                        "the cat sleeps now",
                        "a dog runs fast",
                        "a bird sings loud",
                        "a bird sings loud");
        // "a" is in the references of both images: df = 2, weight ln 2 - ln 2 = 0; it adds
        // nothing to the dot products nor to the norms, so image 2 still has cosine 1.
        assertArrayEquals(new double[] {0.0, 10.0}, s.imageScores(), TOLERANCE);
        assertEquals(5.0, s.score(), TOLERANCE);
    }

    @Test
    void givenOnlyAWordOfEveryImage_whenScored_thenItWeighsZero() {
        // "a" occurs in the references of both images (df = 2 = N): weight 0. The candidate of
        // image 2 shares only "a" with its reference, so every dot product is 0 and so is the
        // image score; image 1 is identical to its reference: 10.
        CaptionScore s =
                twoImages(
                        "a dog runs fast",
                        "a dog runs fast",
                        "a bird flies high",
                        "a cat sleeps now");
        assertArrayEquals(new double[] {10.0, 0.0}, s.imageScores(), TOLERANCE);
    }

    @Test
    void givenLongerCandidate_whenScored_thenGaussianLengthPenaltyApplies() {
        // Image 1: reference "a dog runs fast" (4 tokens, 3 bigrams); candidate the same plus six
        // new tokens (10 tokens, 9 bigrams): delta = 9 - 3 = 6, penalty exp(-36 / 72) =
        // exp(-0.5). Every n-gram weighs ln 2 (new ones have df 0 -> max(1, 0) = 1 -> ln 2 - 0).
        // Order n: the reference has 5 - n n-grams, all in the candidate once; the candidate has
        // 11 - n distinct ones: cos_n = (5 - n) / sqrt((5 - n)(11 - n)) = sqrt((5 - n) / (11 - n)).
        // Image 2 is identical to its reference: 10.
        CaptionScore s =
                twoImages(
                        "a dog runs fast u v x y z q",
                        "a dog runs fast",
                        "the cat sleeps now",
                        "the cat sleeps now");
        double cosines =
                Math.sqrt(4.0 / 10) + Math.sqrt(3.0 / 9) + Math.sqrt(2.0 / 8) + Math.sqrt(1.0 / 7);
        double expected = 10 * Math.exp(-0.5) * cosines / 4;
        assertEquals(expected, s.imageScores()[0], TOLERANCE);
        assertEquals((expected + 10) / 2, s.score(), TOLERANCE);
    }

    @Test
    void givenRepeatedNgrams_whenScored_thenCandidateCountsAreClippedByTheReference() {
        // Image 1: candidate "a dog a dog" against "a dog", w = ln 2 for every n-gram.
        //   Order 1: candidate a = 2w, dog = 2w (norm 2 sqrt(2) w); reference a = w, dog = w
        //     (norm sqrt(2) w). Clipped dot = min(2w, w) w + min(2w, w) w = 2 w^2;
        //     cos_1 = 2 / (2 sqrt(2) sqrt(2)) = 1/2 (without clipping it would be 1).
        //   Order 2: candidate "a dog" = 2w, "dog a" = w (norm sqrt(5) w); reference "a dog" = w.
        //     dot = min(2w, w) w = w^2; cos_2 = 1 / sqrt(5).
        //   Orders 3 and 4: the reference has none, norm 0: 0.
        //   Bigrams: 3 vs 1, delta = 2, penalty exp(-4 / 72).
        CaptionScore s =
                twoImages("a dog a dog", "a dog", "the cat sleeps now", "the cat sleeps now");
        double expected = 10 * Math.exp(-4.0 / 72) * (0.5 + 1 / Math.sqrt(5)) / 4;
        assertEquals(expected, s.imageScores()[0], TOLERANCE);
    }

    @Test
    void givenSeveralReferences_whenScored_thenTheScoresAreAveragedNotMaximized() {
        // Image 1 has two references; the candidate equals the first (cosine 1 for all four
        // orders, same length) and shares nothing with the second (0). The reference n-grams
        // of image 1 appear in no other image: w = ln 2.
        // Image score = 10 * ((1 + 0) + (1 + 0) + (1 + 0) + (1 + 0)) / 4 / 2 references = 5.
        CaptionScore s =
                CiderD.corpus(
                        List.of(t("a dog runs fast"), t("one bird sings loud")),
                        List.of(
                                refs("a dog runs fast", "the cat sleeps now"),
                                refs("one bird sings loud")));
        assertArrayEquals(new double[] {5.0, 10.0}, s.imageScores(), TOLERANCE);
        assertEquals(7.5, s.score(), TOLERANCE);
    }

    @Test
    void givenOneImage_whenScored_thenEveryReferenceNgramWeighsZero() {
        // N = 1: ln 1 - ln 1 = 0 for every reference n-gram, so CIDEr-D is 0 (as in the COCO code).
        CaptionScore s = CiderD.corpus(List.of(t("a dog runs")), List.of(refs("a dog runs")));
        assertEquals(0.0, s.score(), 0.0);
    }

    @Test
    void givenEmptyCandidate_whenScored_thenZero() {
        CaptionScore s =
                twoImages("", "a dog runs fast", "the cat sleeps now", "the cat sleeps now");
        assertArrayEquals(new double[] {0.0, 10.0}, s.imageScores(), TOLERANCE);
        assertTrue(Double.isFinite(s.score()));
    }

    @Test
    void givenBadArguments_whenScored_thenTheParameterIsNamed() {
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class, () -> CiderD.corpus(List.of(), List.of()));
        assertTrue(empty.getMessage().contains("candidates"), empty.getMessage());
        IllegalArgumentException sizes =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CiderD.corpus(List.of(t("a")), List.of()));
        assertTrue(sizes.getMessage().contains("references.size()"), sizes.getMessage());
        IllegalArgumentException noReference =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CiderD.corpus(List.of(t("a")), List.of(List.of())));
        assertTrue(
                noReference.getMessage().contains("references.get(0)"), noReference.getMessage());
        NullPointerException nullToken =
                assertThrows(
                        NullPointerException.class,
                        () -> CiderD.corpus(List.of(Arrays.asList("a", null)), List.of(refs("a"))));
        assertEquals("candidates.get(0).get(1)", nullToken.getMessage());
    }
}
