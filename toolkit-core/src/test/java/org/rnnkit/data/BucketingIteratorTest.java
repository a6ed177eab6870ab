package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketingIteratorTest {

    private static final SequenceBatcher BATCHER = SequenceBatcher.builder().build();

    private static List<int[]> randomSequences(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[1 + r.nextInt(40)];
            Arrays.fill(s, 4 + i % 7);
            out.add(s);
        }
        return out;
    }

    private static BucketingIterator<Integer> iterator(
            List<int[]> seqs, int batchSize, boolean shuffle, long seed) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            ids.add(i);
        }
        return new BucketingIterator<>(
                ids,
                batchSize,
                i -> seqs.get(i).length,
                items -> BATCHER.features(items.stream().map(seqs::get).toList()),
                2,
                shuffle,
                seed);
    }

    @Test
    void givenEmptyExample_whenBatched_thenMessageNamesItsIndexInTheExamplesList() {
        List<int[]> seqs = new ArrayList<>(List.of(new int[] {4, 5, 6}, new int[] {4, 5}));
        seqs.add(new int[0]);
        BucketingIterator<Integer> it = iterator(seqs, 3, false, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, it::nextBatch);
        // sorted by length, the empty example comes first in the batch: the message must map
        // that position back to index 2 of the caller's list
        assertTrue(e.getMessage().startsWith("batch of examples [2, 1, 0]"), e.getMessage());
        assertTrue(e.getMessage().contains("sequence 0 of the batch"), e.getMessage());
    }

    @Test
    void givenAnyEpoch_whenIterated_thenEveryExampleExactlyOnce() {
        List<int[]> seqs = randomSequences(1037, 1);
        BucketingIterator<Integer> it = iterator(seqs, 16, true, 7);
        for (int epoch = 0; epoch < 3; epoch++) {
            it.setEpoch(epoch);
            int[] seen = new int[seqs.size()];
            long sequences = 0;
            for (int[] batch : it.plan()) {
                for (int i : batch) {
                    seen[i]++;
                }
            }
            while (it.hasNext()) {
                try (SequenceBatch b = it.nextBatch()) {
                    sequences += b.batchSize();
                }
            }
            assertEquals(seqs.size(), sequences);
            for (int i = 0; i < seen.length; i++) {
                assertEquals(1, seen[i], "example " + i + " in epoch " + epoch);
            }
        }
    }

    @Test
    void givenBucketing_whenComparedWithRandomBatches_thenFarLessPadding() {
        List<int[]> seqs = randomSequences(2000, 2);
        BucketingIterator<Integer> bucketed = iterator(seqs, 32, true, 3);
        while (bucketed.hasNext()) {
            bucketed.nextBatch().close();
        }
        // Random batches of 32 lengths uniform in [1, 40] pad to ~39: efficiency about 0.53.
        assertTrue(
                bucketed.paddingEfficiency() > 0.9, "efficiency " + bucketed.paddingEfficiency());
    }

    @Test
    void givenSameSeedAndEpoch_whenPlanned_thenSamePlanAndOtherEpochsDiffer() {
        List<int[]> seqs = randomSequences(300, 4);
        BucketingIterator<Integer> a = iterator(seqs, 10, true, 5);
        BucketingIterator<Integer> b = iterator(seqs, 10, true, 5);
        a.setEpoch(2);
        b.setEpoch(2);
        assertEquals(flatten(a.plan()), flatten(b.plan()));
        b.setEpoch(3);
        assertNotEquals(flatten(a.plan()), flatten(b.plan()));
    }

    @Test
    void givenNoShuffle_whenPlanned_thenSortedByLength() {
        List<int[]> seqs = randomSequences(100, 6);
        BucketingIterator<Integer> it = iterator(seqs, 8, false, 0);
        int previous = 0;
        for (int[] batch : it.plan()) {
            for (int i : batch) {
                assertTrue(seqs.get(i).length >= previous);
                previous = seqs.get(i).length;
            }
        }
        assertFalse(it.asyncSupported());
    }

    @Test
    void givenEmptyExamples_whenCreated_thenRejected() {
        assertThrows(IllegalArgumentException.class, () -> iterator(List.of(), 8, true, 0));
    }

    private static List<Integer> flatten(List<int[]> plan) {
        List<Integer> out = new ArrayList<>();
        plan.forEach(b -> Arrays.stream(b).forEach(out::add));
        return out;
    }
}
