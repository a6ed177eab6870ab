package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests {@link ChrF}. Expected values are derived by hand in the comments or, where marked, taken
 * from sacreBLEU's own test suite ({@code test/test_chrf.py}).
 */
class ChrFTest {

    private static final double TOLERANCE = 1e-6;

    /** sacreBLEU's test_chrf.py asserts within 1e-4. */
    private static final double SACREBLEU_TOLERANCE = 1e-4;

    private static final ChrF DEFAULT = ChrF.builder().build();

    @Test
    void givenPartialMatch_whenScoredWithDefaults_thenAveragesPrecisionAndRecallBeforeF2() {
        ChrFScore score = DEFAULT.sentence("ab", List.of("abc"));
        // Order 1: hypothesis {a, b}, reference {a, b, c}: P = 2/2, R = 2/3.
        // Order 2: {ab} against {ab, bc}: P = 1/1, R = 1/2.
        // Orders 3 to 6: no hypothesis n-gram, so they are not effective.
        assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0}, score.hypothesisCounts());
        assertArrayEquals(new long[] {3, 2, 1, 0, 0, 0}, score.referenceCounts());
        assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0}, score.matchCounts());
        // P = 1, R = (2/3 + 1/2) / 2 = 7/12; F2 = 5 P R / (4 P + R) = (35/12) / (55/12) = 7/11.
        assertEquals(100.0 * 7 / 11, score.score(), TOLERANCE);
        assertEquals("chrF2 = 63.64", score.toString());
    }

    @Test
    void givenWhitespaceOnlyDifference_whenScored_thenWhitespaceIsIgnored() {
        // "a b c" becomes "abc": 3/3, 2/2 and 1/1 at orders 1 to 3, nothing above.
        assertEquals(100.0, DEFAULT.sentence("a b c", List.of("abc")).score(), TOLERANCE);
        // Keeping whitespace, "a b c" shares only a, b and c with "abc": P = 3/5, R = 3/3 at order
        // 1 and nothing at orders 2 and 3. P = (3/5 + 0 + 0) / 3 = 1/5, R = (1 + 0 + 0) / 3 = 1/3,
        // F2 = 5 * (1/5) * (1/3) / (4/5 + 1/3) = (1/3) / (17/15) = 5/17.
        ChrF keep = ChrF.builder().optWhitespace(true).build();
        assertEquals(100.0 * 5 / 17, keep.sentence("a b c", List.of("abc")).score(), TOLERANCE);
    }

    @Test
    void givenRepeatedCharacter_whenScored_thenMatchesAreClipped() {
        // "aa" against "ab": order 1 matches a once, P = R = 1/2; order 2 {aa} vs {ab}: P = R = 0.
        // Both orders are effective: P = R = 1/4, so F = 25 for any beta.
        assertEquals(25.0, DEFAULT.sentence("aa", List.of("ab")).score(), TOLERANCE);
    }

    @Test
    void givenTwoSegments_whenCorpusScored_thenStatisticsAreSummedBeforeScoring() {
        ChrFScore score = DEFAULT.corpusSingleReference(List.of("a", "b"), List.of("a", "c"));
        // Summed order 1: 2 hypothesis, 2 reference, 1 match: P = R = 1/2, F = 50; the mean of
        // the sentence scores would also be (100 + 0) / 2, but from different statistics.
        assertArrayEquals(new long[] {2, 0, 0, 0, 0, 0}, score.hypothesisCounts());
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0}, score.matchCounts());
        assertEquals(50.0, score.score(), TOLERANCE);
    }

    @Test
    void givenSeveralReferences_whenScored_thenBestReferenceIsUsed() {
        ChrFScore score = DEFAULT.corpus(List.of("abc"), List.of(List.of("xyz", "abc")));
        assertEquals(100.0, score.score(), TOLERANCE);
        assertArrayEquals(new long[] {3, 2, 1, 0, 0, 0}, score.referenceCounts());
    }

    @Test
    void givenWordOrderTwo_whenScored_thenWordBigramsAreExtraOrders() {
        ChrF chrFPlusPlus = ChrF.builder().optWordOrder(2).build();
        ChrFScore score = chrFPlusPlus.sentence("the cat", List.of("the dog"));
        // Characters "thecat" vs "thedog": 3/6, 2/5 (th, he), 1/4 (the), 0/3, 0/2, 0/1.
        // Words: {the, cat} vs {the, dog}: 1/2; {"the cat"} vs {"the dog"}: 0/1.
        // Precision equals recall at every order, all 8 orders are effective:
        // (1/2 + 2/5 + 1/4 + 0 + 0 + 0 + 1/2 + 0) / 8 = 1.65 / 8 = 0.20625.
        assertEquals(20.625, score.score(), TOLERANCE);
        assertEquals("chrF2++", score.name());
        // A trailing punctuation mark is split off the word, so "cat." equals "cat .".
        assertEquals(100.0, chrFPlusPlus.sentence("cat.", List.of("cat .")).score(), TOLERANCE);
    }

    @Test
    void givenMixedCase_whenLowercaseEnabled_thenCaseIsIgnored() {
        assertEquals(0.0, DEFAULT.sentence("ABC", List.of("abc")).score(), TOLERANCE);
        ChrF lowercase = ChrF.builder().optLowercase(true).build();
        assertEquals(100.0, lowercase.sentence("ABC", List.of("abc")).score(), TOLERANCE);
    }

    @Test
    void givenInvalidSettings_whenBuilt_thenThrowWithParameterName() {
        IllegalArgumentException beta =
                assertThrows(
                        IllegalArgumentException.class, () -> ChrF.builder().optBeta(0).build());
        assertEquals("beta must be >= 1, received: beta=0", beta.getMessage());
        IllegalArgumentException charOrder =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChrF.builder().optCharOrder(-1).build());
        assertEquals("charOrder must be >= 0, received: charOrder=-1", charOrder.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ChrF.builder().optCharOrder(0).optWordOrder(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> DEFAULT.corpusSingleReference(List.of("a"), List.of()));
        assertEquals("ChrF()", DEFAULT.toString());
        assertEquals("ChrF(wordOrder=2)", ChrF.builder().optWordOrder(2).build().toString());
    }

    /** The settings of the sacreBLEU test cases. */
    enum SacreBleuSetting {
        /** sacreBLEU test_chrf: char order 6, beta 3, eps_smoothing=True. */
        EPSILON_SMOOTHING(ChrF.builder().optBeta(3).optEpsSmoothing(true).build()),
        /** sacreBLEU test_chrf_eff_order: char order 6, beta 3, eps_smoothing=False. */
        EFFECTIVE_ORDER(ChrF.builder().optBeta(3).build()),
        /** sacreBLEU test_chrf_keep_whitespace: char order 6, beta 3, remove_whitespace=False. */
        KEEP_WHITESPACE(ChrF.builder().optBeta(3).optWhitespace(true).build()),
        /**
         * sacreBLEU test_chrf_sentence_level: sentence_chrf defaults (beta 2) with eps_smoothing.
         */
        SENTENCE_EPSILON_SMOOTHING(ChrF.builder().optEpsSmoothing(true).build());

        final ChrF chrF;

        SacreBleuSetting(ChrF chrF) {
            this.chrF = chrF;
        }
    }

    static Stream<Arguments> sacreBleuSegments() {
        return Stream.of(
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "abcdefg", "hijklmnop", 0.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "a", "b", 0.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "", "b", 0.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "", "ref", 0.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "", "reference", 0.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "aa", "ab", 8.3333),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "a", "a", 16.6667),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "a b c", "a b c", 50.0),
                Arguments.of(SacreBleuSetting.EPSILON_SMOOTHING, "a b c", "abc", 50.0),
                Arguments.of(
                        SacreBleuSetting.EPSILON_SMOOTHING,
                        " risk assessment must be made of those who are qualified and expertise in"
                                + " the sector - these are the scientists .",
                        "risk assessment has to be undertaken by those who are qualified and expert"
                                + " in that area - that is the scientists .",
                        63.361730),
                Arguments.of(
                        SacreBleuSetting.EPSILON_SMOOTHING,
                        " Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade "
                                + " freundlich. ",
                        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade"
                                + " freundschaftlich.",
                        64.1302698),
                Arguments.of(
                        SacreBleuSetting.EPSILON_SMOOTHING,
                        "Niemand hat die Absicht, eine Mauer zu errichten",
                        "Niemand hat die Absicht, eine Mauer zu errichten",
                        100.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "a", "a", 100.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "", "reference", 0.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "a b c", "a b c", 100.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "a b c", "abc", 100.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "", "c", 0.0),
                Arguments.of(SacreBleuSetting.EFFECTIVE_ORDER, "aa", "ab", 25.0),
                Arguments.of(
                        SacreBleuSetting.KEEP_WHITESPACE,
                        "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
                        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade"
                                + " freundschaftlich.",
                        67.3481606),
                Arguments.of(
                        SacreBleuSetting.KEEP_WHITESPACE,
                        "risk assessment must be made of those who are qualified and expertise in"
                                + " the sector - these are the scientists .",
                        "risk assessment has to be undertaken by those who are qualified and expert"
                                + " in that area - that is the scientists .",
                        65.2414427),
                Arguments.of(
                        SacreBleuSetting.SENTENCE_EPSILON_SMOOTHING,
                        "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
                        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo"
                                + " zemře.",
                        39.14078509),
                Arguments.of(
                        SacreBleuSetting.SENTENCE_EPSILON_SMOOTHING,
                        "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
                        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
                        31.22557079),
                Arguments.of(
                        SacreBleuSetting.SENTENCE_EPSILON_SMOOTHING,
                        "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
                        "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít,"
                                + " připomněli.",
                        57.15704367));
    }

    @ParameterizedTest
    @MethodSource("sacreBleuSegments")
    void givenSacreBleuSegment_whenScored_thenMatchesSacreBleu(
            SacreBleuSetting setting, String hypothesis, String reference, double expected) {
        assertEquals(expected, single(setting.chrF, hypothesis, reference), SACREBLEU_TOLERANCE);
    }

    @Test
    void givenSacreBleuTwoSegmentCorpus_whenScored_thenMatchesSacreBleu() {
        assertEquals(
                8.3333,
                SacreBleuSetting.EPSILON_SMOOTHING
                        .chrF
                        .corpusSingleReference(List.of("a", "b"), List.of("a", "c"))
                        .score(),
                SACREBLEU_TOLERANCE);
        assertEquals(
                50.0,
                SacreBleuSetting.EFFECTIVE_ORDER
                        .chrF
                        .corpusSingleReference(List.of("a", "b"), List.of("a", "c"))
                        .score(),
                SACREBLEU_TOLERANCE);
    }

    private static double single(ChrF chrF, String hypothesis, String reference) {
        return chrF.corpusSingleReference(List.of(hypothesis), List.of(reference)).score();
    }
}
