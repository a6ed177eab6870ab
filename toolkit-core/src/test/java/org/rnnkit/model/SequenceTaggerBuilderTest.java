package org.rnnkit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.train.OptimizerSpec;

/** The character-aware tagger graph: shapes, padding invariance, learning from context. */
class SequenceTaggerBuilderTest {

    private static final int SLOTS = 8;
    private static final List<String> WORDS =
            List.of(
                    "<pad>", "<unk>", "<bos>", "<eos>", "they", "book", "a", "flight", "read",
                    "the", "can", "we");

    private static ComputationGraph tagger(int tags) {
        return SequenceTaggerBuilder.builder()
                .setVocabularySize(WORDS.size())
                .setCharVocabularySize(128)
                .setNumTags(tags)
                .optEmbeddingSize(8)
                .optCharEncoder(4, 6)
                .optCharSlots(SLOTS)
                .optRnn(new RnnSpec(CellType.LSTM, 8, 1, true, 0.0))
                .optOptimizer(new OptimizerSpec(0.05, 1.0, 1.0))
                .optSeed(3)
                .build();
    }

    /** Features and masks of sentences, right-padded to the longest: [tokens, chars], [masks]. */
    private static INDArray[][] encode(List<String[]> sentences) {
        int b = sentences.size();
        int t = sentences.stream().mapToInt(s -> s.length).max().orElseThrow();
        INDArray tokens = Nd4j.zeros(DataType.FLOAT, b, 1, t);
        INDArray tokenMask = Nd4j.zeros(DataType.FLOAT, b, t);
        INDArray chars = Nd4j.zeros(DataType.FLOAT, b, 1, t * SLOTS);
        INDArray charMask = Nd4j.zeros(DataType.FLOAT, b, t * SLOTS);
        for (int i = 0; i < b; i++) {
            String[] s = sentences.get(i);
            for (int w = 0; w < s.length; w++) {
                tokens.putScalar(i, 0, w, WORDS.indexOf(s[w]));
                tokenMask.putScalar(i, w, 1);
                for (int c = 0; c < Math.min(s[w].length(), SLOTS - 2); c++) {
                    chars.putScalar(i, 0, w * SLOTS + 1 + c, s[w].charAt(c));
                    charMask.putScalar(i, w * SLOTS + 1 + c, 1);
                }
            }
        }
        return new INDArray[][] {{tokens, chars}, {tokenMask, charMask}};
    }

    @Test
    void givenPaddedBatch_whenTagged_thenRealStepsAsAlone() {
        ComputationGraph net = tagger(3);
        String[] shortOne = {"we", "can", "read"};
        String[] longOne = {"they", "book", "a", "flight", "the", "book"};
        INDArray[][] alone = encode(List.<String[]>of(shortOne));
        INDArray[][] batch = encode(List.of(shortOne, longOne));
        INDArray a = net.output(false, alone[0], alone[1])[0];
        INDArray b = net.output(false, batch[0], batch[1])[0];
        assertArrayEquals(new long[] {2, 3, 6}, b.shape());
        assertTrue(
                a.get(point(0), all(), all())
                        .equalsWithEps(b.get(point(0), all(), interval(0, 3)), 1e-5),
                a + "\n" + b);
    }

    @Test
    void givenAmbiguousWords_whenTrained_thenContextDecidesTheTag() {
        // tags: 0 PRON, 1 VERB, 2 DET, 3 NOUN, 4 AUX
        List<String[]> sentences =
                List.of(
                        new String[] {"they", "book", "a", "flight"},
                        new String[] {"we", "read", "the", "book"},
                        new String[] {"we", "can", "book", "a", "flight"},
                        new String[] {"they", "read", "a", "book"});
        List<int[]> tags =
                List.of(
                        new int[] {0, 1, 2, 3},
                        new int[] {0, 1, 2, 3},
                        new int[] {0, 4, 1, 2, 3},
                        new int[] {0, 1, 2, 3});
        INDArray[][] x = encode(sentences);
        int t = 5;
        INDArray labels = Nd4j.zeros(DataType.FLOAT, sentences.size(), 5, t);
        for (int i = 0; i < tags.size(); i++) {
            for (int w = 0; w < tags.get(i).length; w++) {
                labels.putScalar(i, tags.get(i)[w], w, 1);
            }
        }
        ComputationGraph net = tagger(5);
        MultiDataSet data =
                new MultiDataSet(x[0], new INDArray[] {labels}, x[1], new INDArray[] {x[1][0]});
        for (int i = 0; i < 150; i++) {
            net.fit(data);
        }
        INDArray out = net.output(false, x[0], x[1])[0];
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            for (int w = 0; w < tags.get(i).length; w++) {
                int predicted = out.get(point(i), all(), point(w)).argMax().getInt(0);
                if (predicted != tags.get(i)[w]) {
                    wrong.add(sentences.get(i)[w] + "@" + i);
                }
            }
        }
        assertEquals(List.of(), wrong, "mis-tagged words");
    }

    @Test
    void givenFrozenEmbedding_whenTrained_thenPretrainedTableUnchangedAndItsIdsMatter() {
        ComputationGraph net =
                SequenceTaggerBuilder.builder()
                        .setVocabularySize(WORDS.size())
                        .setCharVocabularySize(128)
                        .setNumTags(3)
                        .optEmbeddingSize(4)
                        .optCharEncoder(4, 6)
                        .optCharSlots(SLOTS)
                        .optFrozenEmbedding(7, 5)
                        .optRnn(new RnnSpec(CellType.LSTM, 8, 1, true, 0.0))
                        .optOptimizer(new OptimizerSpec(0.05, 1.0, 1.0))
                        .optSeed(3)
                        .build();
        assertEquals(
                List.of(
                        SequenceTaggerBuilder.TOKENS,
                        SequenceTaggerBuilder.CHARS,
                        SequenceTaggerBuilder.PRETRAINED),
                net.getConfiguration().getNetworkInputs());
        INDArray table = Nd4j.rand(DataType.FLOAT, 7, 5).subi(0.5);
        net.getLayer(SequenceTaggerBuilder.PRETRAINED_EMBEDDING).setParam("W", table.dup());
        INDArray trainable = net.getLayer(SequenceTaggerBuilder.EMBEDDING).getParam("W").dup();
        INDArray[][] x = encode(List.<String[]>of(new String[] {"we", "can", "read"}));
        INDArray pretrained = Nd4j.createFromArray(new float[] {4, 5, 6}).reshape(1, 1, 3);
        INDArray[] inputs = {x[0][0], x[0][1], pretrained};
        INDArray[] masks = {x[1][0], x[1][1], x[1][0]};
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 3, 3);
        labels.putScalar(0, 0, 0, 1).putScalar(0, 1, 1, 1).putScalar(0, 2, 2, 1);
        MultiDataSet data =
                new MultiDataSet(inputs, new INDArray[] {labels}, masks, new INDArray[] {x[1][0]});
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }

        assertEquals(table, net.getLayer(SequenceTaggerBuilder.PRETRAINED_EMBEDDING).getParam("W"));
        assertTrue(
                !trainable.equals(net.getLayer(SequenceTaggerBuilder.EMBEDDING).getParam("W")),
                "the trainable embedding learns");
        INDArray out = net.output(false, inputs, masks)[0];
        INDArray otherIds = Nd4j.createFromArray(new float[] {4, 2, 6}).reshape(1, 1, 3);
        INDArray changed = net.output(false, new INDArray[] {x[0][0], x[0][1], otherIds}, masks)[0];
        assertTrue(!out.equalsWithEps(changed, 1e-6), "the pretrained vectors reach the output");
    }

    @Test
    void givenMissingSizes_whenBuilt_thenErrorsNameTheParameter() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SequenceTaggerBuilder.builder()
                                        .setVocabularySize(10)
                                        .setNumTags(3)
                                        .buildConfiguration());
        assertTrue(e.getMessage().contains("charVocabularySize"), e.getMessage());
    }
}
