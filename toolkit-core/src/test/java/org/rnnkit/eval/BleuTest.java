package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Bleu}. Expected values are derived by hand in the comments or, where marked, taken
 * from sacreBLEU's own test suite ({@code test/test_bleu.py}, {@code test/test_sentence_bleu.py}).
 */
class BleuTest {

    /** For values derived by hand or printed by sacreBLEU with eight or more digits. */
    private static final double TOLERANCE = 1e-6;

    /** For values that sacreBLEU's tests print rounded to two or three decimals. */
    private static final double ROUNDED = 1e-2;

    private static final Bleu DEFAULT = Bleu.builder().build();

    /** sacreBLEU's README example: three hypotheses with two references each. */
    private static final List<String> README_HYPOTHESES =
            List.of(
                    "The dog bit the man.",
                    "It wasn't surprising.",
                    "The man had just bitten him.");

    private static final List<List<String>> README_REFERENCES =
            List.of(
                    List.of("The dog bit the man.", "The dog had bit the man."),
                    List.of("It was not unexpected.", "No one was surprised."),
                    List.of("The man bit him first.", "The man had bitten the dog."));

    /** sacreBLEU's raw_corpus_bleu: no tokenization, floor smoothing and effective order. */
    private static Bleu raw(double floor) {
        return Bleu.builder()
                .optTokenization(Bleu.Tokenization.NONE)
                .optSmoothing(Bleu.Smoothing.FLOOR)
                .optSmoothValue(floor)
                .optEffectiveOrder(true)
                .build();
    }

    @Test
    void givenIdenticalSentences_whenCorpusScored_thenScoreIs100() {
        BleuScore score =
                DEFAULT.corpusSingleReference(
                        List.of("the cat sat on the mat"), List.of("the cat sat on the mat"));
        // Every n-gram matches: 6/6, 5/5, 4/4, 3/3, and c = r = 6 so BP = 1.
        assertEquals(100.0, score.score(), TOLERANCE);
        assertArrayEquals(new long[] {6, 5, 4, 3}, score.counts());
        assertArrayEquals(new long[] {6, 5, 4, 3}, score.totals());
        assertEquals(
                "BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6"
                        + " ref_len = 6)",
                score.toString());
    }

    @Test
    void givenShorterHypothesis_whenCorpusScored_thenBrevityPenaltyApplies() {
        BleuScore score =
                DEFAULT.corpusSingleReference(
                        List.of("the cat sat on the"), List.of("the cat sat on the mat"));
        // All precisions are 100 (5/5, 4/4, 3/3, 2/2); c = 5 < r = 6 so BP = exp(1 - 6/5).
        double brevityPenalty = Math.exp(-0.2);
        assertEquals(0.8187307531, brevityPenalty, 1e-10);
        assertEquals(brevityPenalty, score.brevityPenalty(), TOLERANCE);
        assertEquals(100 * brevityPenalty, score.score(), TOLERANCE);
        assertEquals(5.0 / 6, score.ratio(), TOLERANCE);
    }

    @Test
    void givenRepeatedWordAndTwoReferences_whenScored_thenMatchesClippedToMaxReferenceCount() {
        // Papineni et al.'s example: "the" occurs 7 times in the hypothesis, twice in the first
        // reference and once in the second, so only 2 of 7 unigrams match.
        List<String> hypotheses = List.of("the the the the the the the");
        List<List<String>> references =
                List.of(List.of("the cat is on the mat", "there is a cat on the mat"));
        BleuScore score = DEFAULT.corpus(hypotheses, references);
        assertArrayEquals(new long[] {2, 0, 0, 0}, score.counts());
        assertArrayEquals(new long[] {7, 6, 5, 4}, score.totals());
        // Reference lengths 6 and 7; 7 is closest to c = 7, so BP = 1.
        assertEquals(7, score.referenceLength());
        assertEquals(1.0, score.brevityPenalty(), TOLERANCE);
        // EXP smoothing: p1 = 200/7; the k-th zero order gets 100 / (2^k * total):
        // p2 = 100/(2*6), p3 = 100/(4*5) = 5, p4 = 100/(8*4) = 3.125.
        double p1 = 200.0 / 7;
        double p2 = 100.0 / 12;
        double p3 = 5.0;
        double p4 = 3.125;
        assertArrayEquals(new double[] {p1, p2, p3, p4}, score.precisions(), TOLERANCE);
        // (28.5714 * 8.3333 * 5 * 3.125)^(1/4) = 3720.24^(1/4) = 7.8098 (sacreBLEU: 7.809849842).
        assertEquals(Math.pow(p1 * p2 * p3 * p4, 0.25), score.score(), TOLERANCE);
        assertEquals(7.809849842300637, score.score(), TOLERANCE);
        assertEquals(p1, score.cumulative(1), TOLERANCE);
        assertEquals(Math.sqrt(p1 * p2), score.cumulative(2), TOLERANCE);
        assertEquals(Math.cbrt(p1 * p2 * p3), score.cumulative(3), TOLERANCE);
        assertEquals(score.score(), score.cumulative(4), 0.0);

        // Without smoothing a zero precision takes the geometric mean to 0.
        Bleu unsmoothed = Bleu.builder().optSmoothing(Bleu.Smoothing.NONE).build();
        assertEquals(0.0, unsmoothed.corpus(hypotheses, references).score(), TOLERANCE);
    }

    @Test
    void givenReferencesEquallyCloseInLength_whenScored_thenShorterReferenceLengthIsUsed() {
        BleuScore score =
                DEFAULT.corpus(List.of("a b c d e"), List.of(List.of("a b c d e f", "a b c d")));
        // |5 - 6| = |5 - 4| = 1: the tie goes to 4, so c = 5 > r = 4 and BP = 1; every n-gram of
        // the hypothesis occurs in the first reference, so the score is 100.
        assertEquals(4, score.referenceLength());
        assertEquals(1.25, score.ratio(), TOLERANCE);
        assertEquals(1.0, score.brevityPenalty(), TOLERANCE);
        assertEquals(100.0, score.score(), TOLERANCE);
    }

    @Test
    void givenNoMatchingFourGram_whenScoredWithDefaults_thenExpSmoothingKeepsScoreAboveZero() {
        // sacreBLEU test_case_statistics: counts [4, 2, 1, 0] and totals [6, 5, 4, 3].
        List<String> hypotheses = List.of("am I am a character sequence");
        List<String> references = List.of("I am a symbol string sequence a a");
        BleuScore score = DEFAULT.corpusSingleReference(hypotheses, references);
        assertArrayEquals(new long[] {4, 2, 1, 0}, score.counts());
        assertArrayEquals(new long[] {6, 5, 4, 3}, score.totals());
        // p = 400/6, 200/5 = 40, 100/4 = 25 and the smoothed 100/(2*3); c = 6, r = 8 so
        // BP = exp(1 - 8/6) = 0.716531. (66.667 * 40 * 25 * 16.667)^(1/4) = 32.4668, times BP
        // = 23.2635.
        double geometricMean = Math.pow(400.0 / 6 * 40 * 25 * 100.0 / 6, 0.25);
        assertEquals(Math.exp(-1.0 / 3) * geometricMean, score.score(), TOLERANCE);
        assertEquals(23.263472697663296, score.score(), TOLERANCE);
        assertEquals(
                "BLEU = 23.26 66.7/40.0/25.0/16.7 (BP = 0.717 ratio = 0.750 hyp_len = 6 ref_len ="
                        + " 8)",
                score.toString());

        // sacreBLEU test_offset: raw_corpus_bleu gives 0.1555722182 with the floor 0.1 and 0
        // with the floor 0.
        assertEquals(
                15.55722182,
                raw(0.1).corpusSingleReference(hypotheses, references).score(),
                TOLERANCE);
        assertEquals(0.0, raw(0.0).corpusSingleReference(hypotheses, references).score(), 0.0);
    }

    @Test
    void givenPunctuation_whenTokenizedWith13a_thenSymbolsAreSeparated() {
        Bleu.Tokenization tokenizer = Bleu.Tokenization.THIRTEEN_A;
        assertEquals("Hello , world !", tokenizer.tokenize("Hello, world!"));
        // Periods and commas between digits stay; a hyphen after a digit is split off.
        assertEquals("3.14 , 1,000 and 5 - 6 .", tokenizer.tokenize("3.14, 1,000 and 5-6."));
        // The four entities are unescaped in order, so "&amp;lt;" becomes "<".
        assertEquals(
                "\" Hi \" & bye < x >",
                tokenizer.tokenize("&quot;Hi&quot; &amp; bye &amp;lt;x&amp;gt;"));
        // Apostrophes stay attached; "-\n" joins lines and "<skipped>" disappears.
        assertEquals(
                "linebreak a / b ( c ) [ d ] { e } 'q' $ 5 # 1 @ x ~ y ^ z ` w ` | p \\ q",
                tokenizer.tokenize(
                        "line-\nbreak<skipped> a/b (c) [d] {e} 'q' $5 #1 @x ~y ^z `w` |p \\q"));
        assertEquals("Hello, world!", Bleu.Tokenization.NONE.tokenize("Hello, world!"));
        assertEquals(List.of("Hello", ",", "world", "!"), DEFAULT.tokenize("Hello, world!  \n"));
    }

    @Test
    void givenSacreBleuReadmeExample_whenCorpusScored_thenMatchesSacreBleu() {
        // sacreBLEU test_corpus_bleu_cases.
        BleuScore score = DEFAULT.corpus(README_HYPOTHESES, README_REFERENCES);
        assertEquals(48.530827, score.score(), TOLERANCE);
        assertEquals(
                "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len ="
                        + " 18)",
                score.toString());
        Bleu none = Bleu.builder().optTokenization(Bleu.Tokenization.NONE).build();
        assertEquals(
                49.1919566, none.corpus(README_HYPOTHESES, README_REFERENCES).score(), TOLERANCE);
        Bleu unsmoothed = Bleu.builder().optSmoothing(Bleu.Smoothing.NONE).build();
        assertEquals(
                48.530827,
                unsmoothed.corpus(README_HYPOTHESES, README_REFERENCES).score(),
                TOLERANCE);
        // Empty hypotheses are scored, not dropped.
        assertEquals(0.0, DEFAULT.corpus(List.of("", "", ""), README_REFERENCES).score(), 0.0);
    }

    @Test
    void givenSacreBleuReadmeExample_whenCumulativeScoresRead_thenMatchSacreBleuMaxOrders() {
        // sacreBLEU test_max_ngram_order: BLEU(max_ngram_order=n) printed with two decimals.
        BleuScore score = DEFAULT.corpus(README_HYPOTHESES, README_REFERENCES);
        assertEquals("77.65", PythonStrings.fixed(score.cumulative(1), 2));
        assertEquals("60.50", PythonStrings.fixed(score.cumulative(2), 2));
        assertEquals("53.93", PythonStrings.fixed(score.cumulative(3), 2));
        assertEquals("48.53", PythonStrings.fixed(score.cumulative(4), 2));
        for (int order = 1; order <= 4; order++) {
            Bleu lower = Bleu.builder().optMaxOrder(order).build();
            assertEquals(
                    lower.corpus(README_HYPOTHESES, README_REFERENCES).score(),
                    score.cumulative(order),
                    1e-12);
        }
        Bleu five = Bleu.builder().optMaxOrder(5).build();
        Bleu six = Bleu.builder().optMaxOrder(6).build();
        assertEquals(
                "46.14",
                PythonStrings.fixed(five.corpus(README_HYPOTHESES, README_REFERENCES).score(), 2));
        assertEquals(
                "43.28",
                PythonStrings.fixed(six.corpus(README_HYPOTHESES, README_REFERENCES).score(), 2));
    }

    @Test
    void givenRawCorpusBleuCases_whenScored_thenMatchSacreBleu() {
        // sacreBLEU test_raw_bleu and test_effective_order, raw_corpus_bleu with the floor 0.01.
        Bleu raw = raw(0.01);
        assertEquals(
                0.0,
                raw.corpusSingleReference(
                                List.of("this is a test", "another test"), List.of("ref1", "ref2"))
                        .score(),
                0.0);
        assertEquals(
                100.0,
                raw.corpusSingleReference(List.of("this is a test"), List.of("this is a test"))
                        .score(),
                TOLERANCE);
        assertEquals(
                22.3606797749979,
                raw.corpusSingleReference(List.of("this is a fest"), List.of("this is a test"))
                        .score(),
                TOLERANCE);
        // "test" vs "a test": p1 = 100 over the one observed order, BP = exp(1 - 2/1) = 1/e.
        assertEquals(
                36.78794411714425,
                raw.corpusSingleReference(List.of("test"), List.of("a test")).score(),
                TOLERANCE);
        assertEquals(
                100.0,
                raw.corpusSingleReference(List.of("a test"), List.of("a test")).score(),
                TOLERANCE);
        assertEquals(
                3.218297948685433,
                raw.corpusSingleReference(List.of("a little test"), List.of("a test")).score(),
                TOLERANCE);
    }

    @Test
    void givenSufficientStatistics_whenScored_thenMatchSacreBleuComputeBleu() {
        // sacreBLEU test_scoring: no smoothing, counts [9, 7, 5, 3] of [10, 8, 6, 4], c = r = 11.
        Bleu unsmoothed = Bleu.builder().optSmoothing(Bleu.Smoothing.NONE).build();
        BleuScore score =
                unsmoothed.fromStatistics(
                        new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4}, 11, 11);
        // (90 * 87.5 * 83.333 * 75)^(1/4) = 83.759.
        assertEquals(83.75922397, score.score(), TOLERANCE);

        // sacreBLEU test_degenerate_statistics with floor smoothing: all score 0.
        assertEquals(
                0.0, floor(0.0).fromStatistics(longs(0, 0, 0, 0), longs(4, 4, 2, 1), 0, 1).score());
        assertEquals(
                0.0,
                floor(0.0).fromStatistics(longs(0, 0, 0, 0), longs(10, 11, 12, 0), 14, 10).score());
        assertEquals(
                0.0, floor(0.0).fromStatistics(longs(0, 0, 0, 0), longs(0, 0, 0, 0), 0, 0).score());
        assertEquals(
                0.0, floor(0.0).fromStatistics(longs(6, 5, 4, 0), longs(6, 5, 4, 3), 6, 6).score());
        assertEquals(
                0.0, floor(0.1).fromStatistics(longs(0, 0, 0, 0), longs(0, 0, 0, 0), 0, 0).score());
        assertEquals(
                0.0,
                floor(0.01).fromStatistics(longs(0, 0, 0, 0), longs(0, 0, 0, 0), 1, 5).score());
    }

    @Test
    void givenSacreBleuSentenceCase_whenScoredWithEachSmoothing_thenMatchesSacreBleu() {
        // sacreBLEU test_sentence_bleu (issue #98), sentence_bleu with effective order.
        String hypothesis =
                "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
        List<String> references = List.of("producţia de zahăr brut se exprimă în zahăr alb;");
        ToDoubleBiFunction<Bleu.Smoothing, Double> score =
                (smoothing, value) ->
                        sentence(smoothing, value).sentence(hypothesis, references).score();
        assertEquals(8.493, score.applyAsDouble(Bleu.Smoothing.EXP, Double.NaN), ROUNDED);
        assertEquals(0.0, score.applyAsDouble(Bleu.Smoothing.NONE, Double.NaN), ROUNDED);
        assertEquals(4.51688, score.applyAsDouble(Bleu.Smoothing.FLOOR, Double.NaN), ROUNDED);
        assertEquals(4.51688, score.applyAsDouble(Bleu.Smoothing.FLOOR, 0.1), ROUNDED);
        assertEquals(10.10, score.applyAsDouble(Bleu.Smoothing.FLOOR, 0.5), ROUNDED);
        assertEquals(14.882, score.applyAsDouble(Bleu.Smoothing.ADD_K, Double.NaN), ROUNDED);
        assertEquals(14.882, score.applyAsDouble(Bleu.Smoothing.ADD_K, 1.0), ROUNDED);
        assertEquals(21.389, score.applyAsDouble(Bleu.Smoothing.ADD_K, 2.0), ROUNDED);
        Bleu none =
                Bleu.builder()
                        .optTokenization(Bleu.Tokenization.NONE)
                        .optEffectiveOrder(true)
                        .build();
        assertEquals(7.347, none.sentence(hypothesis, references).score(), ROUNDED);

        // Issue #141: no match at all scores 0 whatever the smoothing.
        for (Bleu.Smoothing smoothing : Bleu.Smoothing.values()) {
            BleuScore zero =
                    sentence(smoothing, Double.NaN)
                            .sentence("this is a cat", List.of("okay thanks"));
            assertEquals(0.0, zero.score(), 0.0);
            assertArrayEquals(new double[4], zero.precisions(), 0.0);
        }
    }

    @Test
    void givenHypothesesShorterThanMaxOrder_whenScored_thenOnlyEffectiveOrderRescuesScore() {
        List<String> hypotheses = List.of("a b c", "x y");
        List<String> references = List.of("a b c", "x y");
        // No hypothesis has a 4-gram: total_4 = 0, so p4 stays 0 and log 0 takes BLEU to 0.
        BleuScore score = DEFAULT.corpusSingleReference(hypotheses, references);
        assertArrayEquals(new long[] {5, 3, 1, 0}, score.totals());
        assertEquals(0.0, score.score(), TOLERANCE);
        assertEquals(100.0, score.cumulative(3), TOLERANCE);
        // Effective order averages over orders 1 to 3 only.
        Bleu effective = Bleu.builder().optEffectiveOrder(true).build();
        assertEquals(
                100.0, effective.corpusSingleReference(hypotheses, references).score(), TOLERANCE);
    }

    @Test
    void givenMixedCase_whenLowercaseEnabled_thenCaseIsIgnored() {
        List<String> hypotheses = List.of("The Cat sat down");
        List<String> references = List.of("the cat sat down");
        Bleu lowercase = Bleu.builder().optLowercase(true).build();
        assertEquals(
                100.0, lowercase.corpusSingleReference(hypotheses, references).score(), TOLERANCE);
        // Case-sensitive: p1 = 2/4, p2 = 1/3, then 0/2 and 0/1 smoothed to 100/(2*2) and 100/(4*1).
        double expected = Math.pow(50 * 100.0 / 3 * 25 * 25, 0.25);
        assertEquals(
                expected, DEFAULT.corpusSingleReference(hypotheses, references).score(), TOLERANCE);
    }

    @Test
    void givenInvalidArguments_whenBuiltOrScored_thenThrowWithParameterName() {
        IllegalArgumentException order =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Bleu.builder().optMaxOrder(0).build());
        assertEquals("maxOrder must be >= 1, received: maxOrder=0", order.getMessage());
        IllegalArgumentException smooth =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Bleu.builder()
                                        .optSmoothing(Bleu.Smoothing.FLOOR)
                                        .optSmoothValue(-1)
                                        .build());
        assertTrue(smooth.getMessage().contains("smoothValue=-1.0"));
        IllegalArgumentException sizes =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DEFAULT.corpusSingleReference(List.of("a"), List.of("a", "b")));
        assertTrue(sizes.getMessage().contains("hypotheses.size()=1, references.size()=2"));
        IllegalArgumentException noReference =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DEFAULT.corpus(List.of("a"), List.of(List.of())));
        assertTrue(noReference.getMessage().contains("references.get(0).size()=0"));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.corpus(List.of(), List.of()));
        BleuScore score = DEFAULT.sentence("a b", List.of("a b"));
        IllegalArgumentException cumulative =
                assertThrows(IllegalArgumentException.class, () -> score.cumulative(5));
        assertEquals("n must be in [1, 4], received: n=5", cumulative.getMessage());
    }

    @Test
    void givenSettings_whenToStringCalled_thenOnlyNonDefaultsShown() {
        assertEquals("Bleu()", DEFAULT.toString());
        assertEquals(
                "Bleu(maxOrder=2, tokenization=NONE, smoothing=FLOOR, smoothValue=0.5)",
                Bleu.builder()
                        .optMaxOrder(2)
                        .optTokenization(Bleu.Tokenization.NONE)
                        .optSmoothing(Bleu.Smoothing.FLOOR)
                        .optSmoothValue(0.5)
                        .build()
                        .toString());
    }

    private static Bleu sentence(Bleu.Smoothing smoothing, double value) {
        return Bleu.builder()
                .optSmoothing(smoothing)
                .optSmoothValue(value)
                .optEffectiveOrder(true)
                .build();
    }

    private static Bleu floor(double value) {
        return Bleu.builder().optSmoothing(Bleu.Smoothing.FLOOR).optSmoothValue(value).build();
    }

    private static long[] longs(long... values) {
        return values;
    }
}
