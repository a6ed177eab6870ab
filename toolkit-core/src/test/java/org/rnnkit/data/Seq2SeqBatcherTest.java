package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.rnnkit.text.Vocabulary;

class Seq2SeqBatcherTest {

    private static final int VOCAB = 7;
    private static final List<int[]> SOURCES = List.of(new int[] {4, 5, 6}, new int[] {7});
    private static final List<int[]> TARGETS = List.of(new int[] {4, 5}, new int[] {6, 4, 5});

    private static Seq2SeqBatcher batcher() {
        return Seq2SeqBatcher.builder().setTargetVocabularySize(VOCAB).build();
    }

    /** Returns, per step of sequence {@code i}, the one-hot class, or -1 for an all-zero step. */
    private static int[] classes(INDArray labels, int i) {
        int vocab = (int) labels.size(1);
        int time = (int) labels.size(2);
        int[] out = new int[time];
        for (int t = 0; t < time; t++) {
            out[t] = -1;
            float sum = 0;
            for (int v = 0; v < vocab; v++) {
                float x = labels.getFloat(i, v, t);
                sum += x;
                if (x == 1f) {
                    out[t] = v;
                }
            }
            assertTrue(sum == 0f || sum == 1f, "step " + t + " of " + i + " is not one-hot");
        }
        return out;
    }

    @Test
    void givenTinyPairs_whenBatched_thenSourceRightPaddedWithMask() {
        try (SequenceBatch b = batcher().batch(SOURCES, TARGETS)) {
            assertArrayEquals(new long[] {2, 1, 3}, b.features().shape());
            assertArrayEquals(new long[] {2, 3}, b.featuresMask().shape());
            assertArrayEquals(
                    new float[] {4, 5, 6}, b.features().slice(0).getRow(0).toFloatVector());
            assertArrayEquals(
                    new float[] {7, 0, 0}, b.features().slice(1).getRow(0).toFloatVector());
            assertArrayEquals(new float[] {1, 1, 1}, b.featuresMask().getRow(0).toFloatVector());
            assertArrayEquals(new float[] {1, 0, 0}, b.featuresMask().getRow(1).toFloatVector());
            assertEquals(4, b.realSteps());
        }
    }

    @Test
    void givenSparseLabels_whenBatched_thenLabelsAreTheOneHotClassesAsIndices() {
        Seq2SeqBatcher sparse =
                Seq2SeqBatcher.builder()
                        .setTargetVocabularySize(VOCAB)
                        .optSparseLabels(true)
                        .build();
        try (SequenceBatch b = sparse.batch(SOURCES, TARGETS);
                SequenceBatch dense = batcher().batch(SOURCES, TARGETS)) {
            assertArrayEquals(new long[] {2, 1, 4}, b.labels().shape());
            for (int i = 0; i < 2; i++) {
                int[] expected = classes(dense.labels(), i);
                for (int t = 0; t < 4; t++) {
                    if (expected[t] >= 0) {
                        assertEquals(expected[t], b.labels().getInt(i, 0, t));
                    }
                }
            }
            assertEquals(dense.labelsMask(), b.labelsMask());
        }
    }

    @Test
    void givenTinyPairs_whenBatched_thenDecoderInputStartsWithBosAndLabelsEndWithEos() {
        try (SequenceBatch b = batcher().batch(SOURCES, TARGETS)) {
            assertEquals(1, b.extraInputs().length);
            INDArray in = b.extraInputs()[Seq2SeqBatcher.DECODER_INPUT];
            INDArray mask = b.extraMasks()[Seq2SeqBatcher.DECODER_INPUT];
            assertArrayEquals(new long[] {2, 1, 4}, in.shape());
            assertArrayEquals(new long[] {2, 4}, mask.shape());
            int bos = Vocabulary.BOS;
            assertArrayEquals(new float[] {bos, 4, 5, 0}, in.slice(0).getRow(0).toFloatVector());
            assertArrayEquals(new float[] {bos, 6, 4, 5}, in.slice(1).getRow(0).toFloatVector());
            assertArrayEquals(new float[] {1, 1, 1, 0}, mask.getRow(0).toFloatVector());
            assertArrayEquals(new float[] {1, 1, 1, 1}, mask.getRow(1).toFloatVector());

            assertArrayEquals(new long[] {2, VOCAB, 4}, b.labels().shape());
            int eos = Vocabulary.EOS;
            assertArrayEquals(new int[] {4, 5, eos, -1}, classes(b.labels(), 0));
            assertArrayEquals(new int[] {6, 4, 5, eos}, classes(b.labels(), 1));
            assertEquals(mask, b.labelsMask());
        }
    }

    @Test
    void givenTinyPairs_whenConvertedToMultiDataSet_thenSourceThenDecoderInputs() {
        try (SequenceBatch b = batcher().batch(SOURCES, TARGETS)) {
            MultiDataSet m = b.toMultiDataSet();
            assertEquals(2, m.getFeatures().length);
            assertEquals(b.features(), m.getFeatures(0));
            assertEquals(b.extraInputs()[0], m.getFeatures(1));
            assertEquals(b.extraMasks()[0], m.getFeaturesMaskArray(1));
            assertEquals(b.labelsMask(), m.getLabelsMaskArray(0));
        }
    }

    @Test
    void givenMaxLengths_whenBatched_thenSourceKeepsStartAndTargetKeepsEos() {
        Seq2SeqBatcher batcher =
                Seq2SeqBatcher.builder()
                        .setTargetVocabularySize(VOCAB)
                        .optMaxSourceLength(2)
                        .optMaxTargetLength(3)
                        .build();
        try (SequenceBatch b = batcher.batch(SOURCES, TARGETS)) {
            assertArrayEquals(new float[] {4, 5}, b.features().slice(0).getRow(0).toFloatVector());
            INDArray in = b.extraInputs()[0];
            assertArrayEquals(new long[] {2, 1, 3}, in.shape());
            assertArrayEquals(new float[] {2, 6, 4}, in.slice(1).getRow(0).toFloatVector());
            assertArrayEquals(new int[] {6, 4, Vocabulary.EOS}, classes(b.labels(), 1));
            assertArrayEquals(new int[] {4, 5, Vocabulary.EOS}, classes(b.labels(), 0));
        }
    }

    @Test
    void givenEmptyTarget_whenBatched_thenDecoderReadsBosAndPredictsEos() {
        try (SequenceBatch b = batcher().batch(List.of(new int[] {4}), List.of(new int[0]))) {
            assertArrayEquals(new long[] {1, 1, 1}, b.extraInputs()[0].shape());
            assertEquals(Vocabulary.BOS, b.extraInputs()[0].getFloat(0, 0, 0));
            assertArrayEquals(new int[] {Vocabulary.EOS}, classes(b.labels(), 0));
        }
    }

    @Test
    void givenSourcesOnly_whenBatchedForInference_thenNoLabelsNoDecoderInput() {
        try (SequenceBatch b = batcher().sources(SOURCES)) {
            assertArrayEquals(new long[] {2, 1, 3}, b.features().shape());
            assertArrayEquals(new float[] {1, 0, 0}, b.featuresMask().getRow(1).toFloatVector());
            assertNull(b.labels());
            assertNull(b.labelsMask());
            assertEquals(0, b.extraInputs().length);
        }
    }

    @Test
    void givenInvalidInput_whenBatched_thenIllegalArgumentNamesTheProblem() {
        Seq2SeqBatcher batcher = batcher();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> batcher.batch(SOURCES, List.of(new int[] {4}, new int[] {VOCAB})));
        assertEquals(
                "target id at step 0 of sequence 1 must be in [0, 7), received: 7", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> batcher.batch(SOURCES, List.of(new int[] {4})));
        assertTrue(e.getMessage().contains("one target per source"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> batcher.sources(List.of(new int[] {4}, new int[0])));
        assertTrue(e.getMessage().contains("source 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> batcher.sources(List.of()));
    }

    @Test
    void givenBadSettings_whenBuilt_thenIllegalArgumentNamesTheSetting() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Seq2SeqBatcher.builder().setTargetVocabularySize(3).build());
        assertTrue(e.getMessage().contains("targetVocabularySize=3"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Seq2SeqBatcher.builder()
                                        .setTargetVocabularySize(VOCAB)
                                        .optMaxTargetLength(0)
                                        .build());
        assertEquals("maxTargetLength must be >= 1, received: maxTargetLength=0", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Seq2SeqBatcher.builder().optMaxSourceLength(1).build());
    }
}
