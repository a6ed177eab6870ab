package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParallelSplitTest {

    /** 1000 pairs over 400 sources, one to five translations each, duplicates scattered. */
    private static List<ParallelPair> corpus() {
        Random r = new Random(7);
        List<ParallelPair> pairs = new ArrayList<>();
        for (int i = 0; pairs.size() < 1000; i++) {
            String source = "sentence " + r.nextInt(400);
            // Surrounding spaces must not make two sources differ.
            pairs.add(new ParallelPair((i % 3 == 0 ? " " : "") + source, "t" + i, i + 1));
        }
        return pairs;
    }

    private static Set<String> sources(List<ParallelPair> pairs) {
        Set<String> out = new HashSet<>();
        pairs.forEach(p -> out.add(p.source()));
        return out;
    }

    @Test
    void givenDuplicateSources_whenSplit_thenNoSourceOnBothSidesAndFractionNearRequest() {
        List<ParallelPair> pairs = corpus();
        ParallelSplit split = ParallelSplit.splitBySource(pairs, 0.1, 42);
        Set<String> trainSources = sources(split.train());
        Set<String> devSources = sources(split.dev());
        devSources.forEach(s -> assertFalse(trainSources.contains(s), s + " crosses the split"));
        assertEquals(pairs.size(), split.train().size() + split.dev().size());
        // Groups have at most a handful of pairs, so the greedy fill lands within a group size.
        assertEquals(100, split.dev().size(), 5);
        assertTrue(split.dev().size() > 0);
    }

    @Test
    void givenSameSeed_whenSplitTwice_thenIdenticalAndInInputOrder() {
        List<ParallelPair> pairs = corpus();
        ParallelSplit a = ParallelSplit.splitBySource(pairs, 0.2, 1);
        assertEquals(a, ParallelSplit.splitBySource(pairs, 0.2, 1));
        assertNotEquals(a.dev(), ParallelSplit.splitBySource(pairs, 0.2, 2).dev());
        for (int i = 1; i < a.dev().size(); i++) {
            assertTrue(a.dev().get(i - 1).line() < a.dev().get(i).line());
        }
    }

    @Test
    void givenUniqueSources_whenSplit_thenDevSizeIsExactlyTheRoundedFraction() {
        List<ParallelPair> pairs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pairs.add(new ParallelPair("s" + i, "t" + i, i + 1));
        }
        assertEquals(13, ParallelSplit.splitBySource(pairs, 0.25, 3).dev().size());
        assertEquals(0, ParallelSplit.splitBySource(pairs, 0.0, 3).dev().size());
    }

    @Test
    void givenOneSource_whenSplit_thenAllInTrainAndDevEmpty() {
        List<ParallelPair> pairs =
                List.of(new ParallelPair("a", "x", 1), new ParallelPair("a", "y", 2));
        ParallelSplit split = ParallelSplit.splitBySource(pairs, 0.5, 0);
        assertEquals(2, split.train().size());
        assertTrue(split.dev().isEmpty());
    }

    @Test
    void givenBadArguments_whenSplit_thenIllegalArgumentNamesThem() {
        List<ParallelPair> pairs = List.of(new ParallelPair("a", "x", 1));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ParallelSplit.splitBySource(pairs, 1.0, 0));
        assertEquals("devFraction must be in [0, 1), received: devFraction=1.0", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ParallelSplit.splitBySource(pairs, Double.NaN, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> ParallelSplit.splitBySource(List.of(), 0.1, 0));
    }
}
