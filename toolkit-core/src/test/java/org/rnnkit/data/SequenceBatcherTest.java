package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

    @Test
    void givenTagsPerStep_whenManyToMany_thenOneHotLabelsAlignedAndLabelMaskEqualsFeatureMask() {
        SequenceBatcher b =
                SequenceBatcher.builder()
                        .optMaxLength(3)
                        .optTruncation(SequenceBatcher.Truncation.KEEP_START)
                        .build();
        try (SequenceBatch batch =
                b.manyToMany(
                        List.of(new int[] {4, 5}, new int[] {6, 7, 8, 9}),
                        List.of(new int[] {1, 0}, new int[] {2, 2, 0, 1}),
                        3)) {
            assertArrayEquals(new long[] {2, 3, 3}, batch.labels().shape());
            assertEquals(batch.featuresMask(), batch.labelsMask());
            assertNotSame(batch.featuresMask(), batch.labelsMask());
            // sequence 0: tags 1, 0, then padding (all zero)
            assertEquals(1f, batch.labels().getFloat(0, 1, 0));
            assertEquals(1f, batch.labels().getFloat(0, 0, 1));
            assertEquals(
                    0f,
                    batch.labels()
                            .get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(2))
                            .sumNumber()
                            .floatValue());
            // sequence 1 truncated to its first 3 steps: tags 2, 2, 0
            assertEquals(1f, batch.labels().getFloat(1, 2, 0));
            assertEquals(1f, batch.labels().getFloat(1, 2, 1));
            assertEquals(1f, batch.labels().getFloat(1, 0, 2));
            assertEquals(5f, batch.labels().sumNumber().floatValue());
        }
        IllegalArgumentException lengths =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> b.manyToMany(List.of(new int[] {4, 5}), List.of(new int[] {1}), 3));
        assertTrue(lengths.getMessage().contains("2 steps but 1 classes"), lengths.getMessage());
        IllegalArgumentException range =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> b.manyToMany(List.of(new int[] {4}), List.of(new int[] {3}), 3));
        assertTrue(range.getMessage().contains("must be in [0, 3)"), range.getMessage());
    }
}
