package org.rnnkit.recipes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LengthHistogramTest {

    private static LengthHistogram of(int... lengths) {
        LengthHistogram h = new LengthHistogram();
        for (int l : lengths) {
            h.add(l);
        }
        return h;
    }

    @Test
    void givenLengths235_whenKeepLength_thenSmallestCutKeepingTheShare() {
        LengthHistogram h = of(2, 3, 5);
        assertEquals(10, h.total());
        // cut 4 keeps 2 + 3 + 4 = 9 < 9.5; cut 5 keeps all 10
        assertEquals(5, h.keepLength(0.95));
        // cut 3 keeps 2 + 3 + 3 = 8 = 0.8 * 10
        assertEquals(3, h.keepLength(0.8));
        assertEquals(3, h.percentile(0.5));
        assertEquals(5, h.percentile(1.0));
        assertEquals(2, h.min());
        assertEquals(5, h.max());
    }

    @Test
    void givenBadShare_whenKeepLength_thenNamesTheParameter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> of(1).keepLength(0));
        assertEquals("share must be in (0, 1], received: share=0.0", e.getMessage());
    }

    @Test
    void givenLongerSuggestedLength_whenBatchSize_thenTokenBudgetKeptAsPowerOfTwo() {
        assertEquals(64, Figures.batchSize(64, 400, 300));
        // 64 * 400 / 626 = 40.9 -> 32
        assertEquals(32, Figures.batchSize(64, 400, 626));
        assertEquals(8, Figures.batchSize(64, 400, 100_000));
    }

    @Test
    void givenRepeatedTexts_whenHashed_thenDuplicatesAndOverlapCounted() {
        ExampleHashes train = new ExampleHashes();
        for (String t : new String[] {"a", "b", "a", "c", "a"}) {
            train.add(ExampleHashes.hash(t));
        }
        ExampleHashes dev = new ExampleHashes();
        for (String t : new String[] {"a", "d"}) {
            dev.add(ExampleHashes.hash(t));
        }
        assertEquals(2, train.duplicates());
        assertEquals(1, train.overlap(dev));
    }
}
