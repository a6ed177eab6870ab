package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnkit.data.Seq2SeqBatcher;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.decode.Hypothesis;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.decode.StepDecoder;

class ImageCaptionModelTest {

    private static final int VOCABULARY = 9;

    private static ImageCaptionBuilder builder() {
        return ImageCaptionBuilder.builder()
                .setVocabularySize(VOCABULARY)
                .optImageShape(3, 8, 8)
                .optConvolutionChannels(2, 3)
                .optImageVectorSize(4)
                .optEmbeddingSize(3)
                .optRnn(new RnnSpec(CellType.LSTM, 5, 1, false, 0.0))
                .optSparseLabels(true)
                .optDataType(DataType.DOUBLE)
                .optSeed(3);
    }

    private static INDArray images(int n) {
        Nd4j.getRandom().setSeed(11);
        return Nd4j.rand(DataType.DOUBLE, n, 3, 8, 8);
    }

    private static SequenceBatch batch(List<int[]> captions, INDArray images) {
        Seq2SeqBatcher batcher =
                Seq2SeqBatcher.builder()
                        .setTargetVocabularySize(VOCABULARY)
                        .optSparseLabels(true)
                        .build();
        return batcher.targets(captions)
                .withExtraInputs(new INDArray[] {images}, new INDArray[] {null});
    }

    private static INDArray forward(ComputationGraph net, SequenceBatch b) {
        INDArray[] in = b.inputs();
        in[0] = in[0].castTo(DataType.DOUBLE);
        return Graphs.output(net, in, b.inputMasks())[0];
    }

    @Test
    void givenImagesAndCaptions_whenForward_thenOneDistributionPerCaptionStep() {
        ComputationGraph net = builder().build();
        SequenceBatch b = batch(List.of(new int[] {4, 5, 6}, new int[] {7}), images(2));
        INDArray out = forward(net, b);
        // [batch, vocabulary, time]; time = longest caption + EOS
        assertArrayEquals(new long[] {2, VOCABULARY, 4}, out.shape());
        assertEquals(1.0, out.sum(1).getDouble(0, 0), 1e-9);
        ImageCaptionModel model = new ImageCaptionModel(net, builder(), VOCABULARY);
        assertArrayEquals(new long[] {2, 4}, model.encode(images(2)).shape());
    }

    @Test
    void givenPaddedCaption_whenForward_thenRealStepsEqualUnpaddedRun() {
        ComputationGraph net = builder().build();
        INDArray image = images(2);
        INDArray first =
                image.get(
                                NDArrayIndex.interval(0, 1),
                                NDArrayIndex.all(),
                                NDArrayIndex.all(),
                                NDArrayIndex.all())
                        .dup();
        INDArray alone = forward(net, batch(List.of(new int[] {4}), first));
        INDArray padded =
                forward(net, batch(List.of(new int[] {4}, new int[] {5, 6, 7, 8}), image));
        INDArray real =
                padded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertTrue(
                alone.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all())
                        .equalsWithEps(real, 1e-10));
    }

    @Test
    void givenCachedDecoder_whenStepped_thenEqualsTrainingGraphOnSamePrefix() {
        ComputationGraph net = builder().build();
        ImageCaptionModel model = new ImageCaptionModel(net, builder(), VOCABULARY);
        INDArray image = images(1);
        int[] caption = {4, 6, 5};
        INDArray full = forward(net, batch(List.of(caption), image));
        StepDecoder step = model.cached(image);
        step.start(1);
        int previous = 2; // BOS
        for (int t = 0; t <= caption.length; t++) {
            float[][] logp = step.step(new int[] {previous});
            for (int v = 0; v < VOCABULARY; v++) {
                assertEquals(Math.log(full.getDouble(0, v, t)), logp[0][v], 1e-4);
            }
            previous = t < caption.length ? caption[t] : 3;
        }
    }

    @Test
    void givenWidthOneBeam_whenDecoded_thenEqualsGreedyAndWiderBeamScoresNoWorse() {
        ComputationGraph net = builder().build();
        ImageCaptionModel model = new ImageCaptionModel(net, builder(), VOCABULARY);
        INDArray image = images(3);
        SequenceDecoder greedy = SequenceDecoder.builder().optMaxLength(6).build();
        SequenceDecoder beam1 = SequenceDecoder.builder().optMaxLength(6).optBeamWidth(1).build();
        SequenceDecoder beam4 = SequenceDecoder.builder().optMaxLength(6).optBeamWidth(4).build();
        List<Hypothesis> g = greedy.greedy(model.cached(image));
        List<Hypothesis> b1 = beam1.beamSearch(model.cached(image));
        List<Hypothesis> b4 = beam4.beamSearch(model.cached(image));
        assertEquals(3, g.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(g.get(i).tokens(), b1.get(i).tokens());
            if (g.get(i).finished()) {
                assertTrue(b4.get(i).logProbability() >= g.get(i).logProbability() - 1e-6);
            }
        }
    }

    @Test
    void givenImageSideNotDivisible_whenBuilt_thenThrowsNamingSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> builder().optImageShape(3, 10, 8).buildTraining());
        assertTrue(e.getMessage().contains("height=10"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder().setVocabularySize(4).buildTraining());
    }

    @Test
    void givenPrecomputedFeatures_whenBuilt_thenImageInputIsAVector() {
        ImageCaptionBuilder features = builder().optFeatureSize(6);
        ComputationGraph net = features.build();
        INDArray f = Nd4j.rand(DataType.DOUBLE, 2, 6);
        INDArray out = forward(net, batch(List.of(new int[] {4}, new int[] {5, 6}), f));
        assertArrayEquals(new long[] {2, VOCABULARY, 3}, out.shape());
        ImageCaptionModel model = new ImageCaptionModel(net, features, VOCABULARY);
        assertEquals(
                2,
                SequenceDecoder.builder().optMaxLength(4).build().greedy(model.cached(f)).size());
    }

    @Test
    void givenRegions_whenStepped_thenEqualsTrainingGraphAndAttendsOverEveryRegion() {
        // 6 vector features, then 4 regions of 3 features channel-major, projected to 5
        ImageCaptionBuilder attending = builder().optFeatureSize(6).optRegions(4, 3, 5);
        ComputationGraph net = attending.build();
        Nd4j.getRandom().setSeed(5);
        INDArray f = Nd4j.rand(DataType.DOUBLE, 2, 6 + 3 * 4);
        INDArray[] in = attending.imageInputs(f);
        assertEquals(3, in.length);
        assertArrayEquals(new long[] {2, 3, 4}, in[1].shape());
        assertEquals(f.getDouble(1, 6 + 2 * 4 + 1), in[1].getDouble(1, 2, 1), 0.0);
        int[] caption = {4, 6, 5};
        SequenceBatch b =
                Seq2SeqBatcher.builder()
                        .setTargetVocabularySize(VOCABULARY)
                        .optSparseLabels(true)
                        .build()
                        .targets(List.of(caption, caption))
                        .withExtraInputs(in, new INDArray[in.length]);
        INDArray full = forward(net, b);

        ImageCaptionModel model = new ImageCaptionModel(net, attending, VOCABULARY);
        StepDecoder step = model.cached(f);
        step.start(1);
        int previous = 2; // BOS
        for (int t = 0; t <= caption.length; t++) {
            float[][] logp = step.step(new int[] {previous, previous});
            for (int v = 0; v < VOCABULARY; v++) {
                assertEquals(Math.log(full.getDouble(1, v, t)), logp[1][v], 1e-4);
            }
            float[] weights = step.attention(1);
            assertEquals(4, weights.length);
            double sum = 0;
            for (float w : weights) {
                assertTrue(w > 0, "every region gets weight");
                sum += w;
            }
            assertEquals(1.0, sum, 1e-5);
            previous = t < caption.length ? caption[t] : 3;
        }

        // the output depends on the regions, not only on the image vector
        INDArray moved = f.dup();
        moved.get(NDArrayIndex.point(0), NDArrayIndex.interval(6, 18)).muli(-3.0);
        INDArray changed =
                forward(
                        net,
                        Seq2SeqBatcher.builder()
                                .setTargetVocabularySize(VOCABULARY)
                                .optSparseLabels(true)
                                .build()
                                .targets(List.of(caption, caption))
                                .withExtraInputs(
                                        attending.imageInputs(moved), new INDArray[in.length]));
        assertTrue(changed.getDouble(0, 4, 1) != full.getDouble(0, 4, 1));
        assertEquals(full.getDouble(1, 4, 1), changed.getDouble(1, 4, 1), 1e-12);

        IllegalArgumentException wrong =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> attending.imageInputs(Nd4j.rand(DataType.DOUBLE, 2, 6)));
        assertTrue(wrong.getMessage().contains("[batch, 18]"), wrong.getMessage());
    }
}
