package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.testing.Fixtures;

class SequenceBatcherTest {

    @Test
    void givenLengths235_whenBatched_thenPaddedToLongestWithMasksMarkingRealSteps() {
        SequenceBatcher batcher = SequenceBatcher.builder().build();
        try (SequenceBatch b = batcher.manyToOne(Fixtures.SEQUENCES, Fixtures.CLASSES, 2)) {
            assertArrayEquals(new long[] {3, 1, 5}, b.features().shape());
            assertArrayEquals(new long[] {3, 5}, b.featuresMask().shape());
            assertArrayEquals(new long[] {3, 2}, b.labels().shape());
            assertNull(b.labelsMask());
            assertArrayEquals(new float[] {2, 3, 5}, b.featuresMask().sum(1).toFloatVector());
            assertArrayEquals(
                    new float[] {4, 5, 0, 0, 0}, b.features().slice(0).getRow(0).toFloatVector());
            assertArrayEquals(
                    new float[] {1, 1, 0, 0, 0}, b.featuresMask().getRow(0).toFloatVector());
            assertArrayEquals(
                    new float[] {9, 10, 11, 12, 13},
                    b.features().slice(2).getRow(0).toFloatVector());
            assertArrayEquals(new float[] {1, 0}, b.labels().getRow(0).toFloatVector());
            assertEquals(10, b.realSteps());
            assertEquals(15, b.computedSteps());
        }
    }

    @Test
    void givenEndAlignment_whenBatched_thenPaddingBeforeRealSteps() {
        SequenceBatcher batcher =
                SequenceBatcher.builder().optAlignment(SequenceBatcher.Alignment.END).build();
        try (SequenceBatch b = batcher.features(Fixtures.SEQUENCES)) {
            assertArrayEquals(
                    new float[] {0, 0, 0, 4, 5}, b.features().slice(0).getRow(0).toFloatVector());
            assertArrayEquals(
                    new float[] {0, 0, 0, 1, 1}, b.featuresMask().getRow(0).toFloatVector());
        }
    }

    @Test
    void givenMaxLength_whenBatched_thenTruncatedKeepingEndByDefaultOrStart() {
        try (SequenceBatch end =
                SequenceBatcher.builder().optMaxLength(3).build().features(Fixtures.SEQUENCES)) {
            assertArrayEquals(new long[] {3, 1, 3}, end.features().shape());
            assertArrayEquals(
                    new float[] {11, 12, 13}, end.features().slice(2).getRow(0).toFloatVector());
        }
        try (SequenceBatch start =
                SequenceBatcher.builder()
                        .optMaxLength(3)
                        .optTruncation(SequenceBatcher.Truncation.KEEP_START)
                        .build()
                        .features(Fixtures.SEQUENCES)) {
            assertArrayEquals(
                    new float[] {9, 10, 11}, start.features().slice(2).getRow(0).toFloatVector());
        }
    }

    @Test
    void givenInvalidInput_whenBatched_thenErrorsNameTheProblem() {
        SequenceBatcher batcher = SequenceBatcher.builder().build();
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> batcher.features(List.of(new int[] {4}, new int[0])));
        assertTrue(empty.getMessage().contains("sequence 1"), empty.getMessage());
        IllegalArgumentException cls =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> batcher.manyToOne(Fixtures.SEQUENCES, new int[] {0, 1, 2}, 2));
        assertTrue(cls.getMessage().contains("received: 2"), cls.getMessage());
        IllegalArgumentException max =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SequenceBatcher.builder().optMaxLength(0).build());
        assertTrue(max.getMessage().contains("maxLength=0"), max.getMessage());
    }
}
