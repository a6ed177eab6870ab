package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.decode.Hypothesis;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.decode.StepDecoder;
import org.rnnkit.testing.Fixtures;
import org.rnnkit.train.OptimizerSpec;

class Seq2SeqModelTest {

    private static final int VOCAB = 9;

    private static Seq2SeqBuilder builder(boolean attention) {
        return Seq2SeqBuilder.builder()
                .setSourceVocabularySize(VOCAB)
                .setTargetVocabularySize(VOCAB)
                .optEmbeddingSize(6)
                .optRnn(new RnnSpec(CellType.LSTM, 8, 1, true, 0.0))
                .optAttention(attention)
                .optOptimizer(new OptimizerSpec(0.02, 1.0, 1.0))
                .optSeed(3);
    }

    /** Reversal task: source ids 4..8, target = source reversed; sentence 2 is padded. */
    private static MultiDataSet reversal() {
        int[][] src = {{4, 5, 6, 7}, {8, 6, 0, 0}, {5, 4, 8, 0}};
        int[] len = {4, 2, 3};
        int b = src.length;
        int s = 4;
        int t = 5;
        INDArray source = Nd4j.create(DataType.FLOAT, b, 1, s);
        INDArray sourceMask = Nd4j.create(DataType.FLOAT, b, s);
        INDArray targetIn = Nd4j.create(DataType.FLOAT, b, 1, t);
        INDArray targetMask = Nd4j.create(DataType.FLOAT, b, t);
        INDArray labels = Nd4j.create(DataType.FLOAT, b, VOCAB, t);
        for (int i = 0; i < b; i++) {
            targetIn.putScalar(i, 0, 0, 2);
            for (int j = 0; j < len[i]; j++) {
                source.putScalar(i, 0, j, src[i][j]);
                sourceMask.putScalar(i, j, 1);
                int y = src[i][len[i] - 1 - j];
                labels.putScalar(new long[] {i, y, j}, 1);
                targetIn.putScalar(i, 0, j + 1, y);
            }
            labels.putScalar(new long[] {i, 3, len[i]}, 1);
            for (int j = 0; j <= len[i]; j++) {
                targetMask.putScalar(i, j, 1);
            }
        }
        return new MultiDataSet(
                new INDArray[] {source, targetIn, sourceMask.dup()},
                new INDArray[] {labels},
                new INDArray[] {sourceMask, targetMask, null},
                new INDArray[] {targetMask});
    }

    private static Seq2SeqModel trained(boolean attention) {
        Seq2SeqBuilder b = builder(attention);
        ComputationGraph net = b.build();
        MultiDataSet data = reversal();
        for (int i = 0; i < 150; i++) {
            net.fit(data);
        }
        return new Seq2SeqModel(net, b, VOCAB);
    }

    @Test
    void givenTrainedModel_whenDecodedWithCachedState_thenSameTokensAndScoresAsRerunningTheGraph() {
        for (boolean attention : new boolean[] {true, false}) {
            Seq2SeqModel model = trained(attention);
            MultiDataSet data = reversal();
            INDArray source = data.getFeatures(0);
            INDArray mask = data.getFeaturesMaskArray(0);
            SequenceDecoder decoder =
                    SequenceDecoder.builder().optMaxLength(8).optBeamWidth(3).build();
            List<Hypothesis> cached = decoder.greedy(model.cached(source, mask));
            List<Hypothesis> rerun = decoder.greedy(model.rerun(source, mask));
            List<Hypothesis> cachedBeam = decoder.beamSearch(model.cached(source, mask));
            List<Hypothesis> rerunBeam = decoder.beamSearch(model.rerun(source, mask));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(rerun.get(i).tokens(), cached.get(i).tokens());
                assertEquals(rerun.get(i).logProbability(), cached.get(i).logProbability(), 1e-5);
                assertArrayEquals(rerunBeam.get(i).tokens(), cachedBeam.get(i).tokens());
                assertEquals(
                        rerunBeam.get(i).logProbability(),
                        cachedBeam.get(i).logProbability(),
                        1e-5);
            }
            // the reversal is learnt: greedy output is the reversed source
            assertArrayEquals(
                    new int[] {7, 6, 5, 4}, cached.get(0).tokens(), "attention=" + attention);
            assertArrayEquals(new int[] {6, 8}, cached.get(1).tokens());
        }
    }

    @Test
    void givenOneSentence_whenDecodedByRerunningTheGraph_thenSameAsCachedState() {
        // one row at the first step makes a [1, 1] decoder mask, which DL4J rejected
        Seq2SeqModel model = trained(true);
        MultiDataSet data = reversal();
        INDArray source = data.getFeatures(0).get(NDArrayIndex.interval(0, 1));
        INDArray mask = data.getFeaturesMaskArray(0).get(NDArrayIndex.interval(0, 1));
        SequenceDecoder decoder = SequenceDecoder.builder().optMaxLength(8).build();
        List<Hypothesis> rerun = decoder.greedy(model.rerun(source, mask));
        List<Hypothesis> cached = decoder.greedy(model.cached(source, mask));
        assertArrayEquals(cached.get(0).tokens(), rerun.get(0).tokens());
        assertEquals(cached.get(0).logProbability(), rerun.get(0).logProbability(), 1e-5);
    }

    @Test
    void givenBeamOfWidthOne_whenDecoding_thenItEqualsGreedy() {
        Seq2SeqModel model = trained(true);
        MultiDataSet data = reversal();
        StepDecoder step = model.cached(data.getFeatures(0), data.getFeaturesMaskArray(0));
        SequenceDecoder.Builder b = SequenceDecoder.builder().optMaxLength(8).optLengthPenalty(0);
        List<Hypothesis> greedy = b.build().greedy(step);
        List<Hypothesis> beam1 = b.optBeamWidth(1).build().beamSearch(step);
        List<Hypothesis> beam4 = b.optBeamWidth(4).build().beamSearch(step);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(greedy.get(i).tokens(), beam1.get(i).tokens());
            assertEquals(greedy.get(i).logProbability(), beam1.get(i).logProbability(), 1e-6);
            // on the learnt task the wider beam agrees with greedy decoding
            assertArrayEquals(greedy.get(i).tokens(), beam4.get(i).tokens());
            assertTrue(beam4.get(i).finished());
        }
    }

    @Test
    void givenSuppressedToken_whenDecoding_thenNeverEmittedAndOtherOutputsUnchanged() {
        Seq2SeqModel model = trained(true);
        MultiDataSet data = reversal();
        StepDecoder step = model.cached(data.getFeatures(0), data.getFeaturesMaskArray(0));
        SequenceDecoder.Builder plain = SequenceDecoder.builder().optMaxLength(8);
        // sentence 0 is 4 5 6 7, reversed 7 6 5 4; sentence 1 (8 6 -> 6 8) has no 7
        assertArrayEquals(new int[] {7, 6, 5, 4}, plain.build().greedy(step).get(0).tokens());
        SequenceDecoder.Builder no7 = SequenceDecoder.builder().optMaxLength(8);
        no7.optSuppressedTokens(7);
        for (boolean beam : new boolean[] {false, true}) {
            SequenceDecoder d = no7.optBeamWidth(beam ? 3 : 1).build();
            List<Hypothesis> out = beam ? d.beamSearch(step) : d.greedy(step);
            for (Hypothesis h : out) {
                for (int token : h.tokens()) {
                    assertTrue(token != 7, "suppressed token emitted");
                }
                assertTrue(Double.isFinite(h.logProbability()));
            }
            assertTrue(out.get(0).tokens().length > 0, "a real token takes the place of 7");
            assertArrayEquals(new int[] {6, 8}, out.get(1).tokens());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> SequenceDecoder.builder().optSuppressedTokens(3).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> SequenceDecoder.builder().optSuppressedTokens(-1).build());
    }

    @Test
    void givenAttention_whenDecoding_thenWeightsSumToOneAndSkipPadding() {
        Seq2SeqModel model = trained(true);
        MultiDataSet data = reversal();
        Hypothesis h =
                SequenceDecoder.builder()
                        .build()
                        .greedy(model.cached(data.getFeatures(0), data.getFeaturesMaskArray(0)))
                        .get(1);
        assertEquals(h.tokens().length + 1, h.attention().size());
        for (float[] w : h.attention()) {
            assertEquals(4, w.length);
            assertEquals(1.0, w[0] + w[1] + w[2] + w[3], 1e-5);
            assertEquals(0.0, w[2], 1e-6);
            assertEquals(0.0, w[3], 1e-6);
        }
    }

    @Test
    void givenSampling_whenSeeded_thenRepeatableAndTopOneIsGreedy() {
        Seq2SeqModel model = trained(true);
        MultiDataSet data = reversal();
        StepDecoder step = model.cached(data.getFeatures(0), data.getFeaturesMaskArray(0));
        SequenceDecoder sampler = SequenceDecoder.builder().optTemperature(1.5).optSeed(9).build();
        List<Hypothesis> a = sampler.sample(step);
        List<Hypothesis> b = sampler.sample(step);
        List<Hypothesis> top1 = SequenceDecoder.builder().optTopK(1).build().sample(step);
        List<Hypothesis> greedy = SequenceDecoder.builder().build().greedy(step);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
            assertArrayEquals(greedy.get(i).tokens(), top1.get(i).tokens());
        }
    }

    @Test
    void givenAttentionGraph_whenGradientChecked_thenAnalyticMatchesNumeric() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf =
                    builder(true)
                            .optDataType(DataType.DOUBLE)
                            .optOptimizer(new OptimizerSpec(0.02, 1.0, 0))
                            .buildTraining();
            ComputationGraph net = Fixtures.withoutUpdaters(conf);
            MultiDataSet d = reversal();
            INDArray[] features = new INDArray[3];
            for (int i = 0; i < 3; i++) {
                features[i] = d.getFeatures(i).castTo(DataType.DOUBLE);
            }
            boolean ok =
                    GradientCheckUtil.checkGradients(
                            new GradientCheckUtil.GraphConfig()
                                    .net(net)
                                    .inputs(features)
                                    .labels(new INDArray[] {d.getLabels(0).castTo(DataType.DOUBLE)})
                                    .inputMask(
                                            new INDArray[] {
                                                d.getFeaturesMaskArray(0).castTo(DataType.DOUBLE),
                                                d.getFeaturesMaskArray(1).castTo(DataType.DOUBLE),
                                                null
                                            })
                                    .labelMask(
                                            new INDArray[] {
                                                d.getLabelsMaskArray(0).castTo(DataType.DOUBLE)
                                            })
                                    .epsilon(1e-6)
                                    .maxRelError(1e-4)
                                    .minAbsoluteError(1e-8)
                                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
