package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 8: deep and bidirectional RNNs. A tagging task where each word's tag depends on the
 * <em>next</em> word, like "book" in "they book a flight" (verb: a determiner follows) and "the
 * book ." (noun): a unidirectional RNN has not seen the next word when it must tag the current one
 * and can only guess; a bidirectional one reads the sequence backwards too and tags it right.
 *
 * <p>Data (seeded): sentences of random words from a small vocabulary; word {@code w} is tagged
 * {@code A} when the word after it is in the first half of the vocabulary and {@code B} otherwise;
 * the last word is always {@code A}. Both models are two stacked LSTM layers (rnnkit's {@link
 * LstmLayer}) of the same width per direction over a word embedding, trained identically.
 */
public final class BidirectionalContext {

    /**
     * Held-out token accuracy of the two models.
     *
     * @param unidirectional accuracy of the left-to-right model (0-1)
     * @param bidirectional accuracy of the bidirectional model (0-1)
     * @param trainSentences sentences trained on
     * @param epochs epochs trained
     */
    public record Result(
            double unidirectional, double bidirectional, int trainSentences, int epochs) {}

    private static final int VOCABULARY = 16;
    private static final int LENGTH = 8;

    private BidirectionalContext() {}

    /**
     * Trains both models and measures them on sentences generated with another seed.
     *
     * @param trainSentences training sentences
     * @param epochs passes over them
     * @param seed seeds data and initialisation
     * @return accuracies
     */
    public static Result run(int trainSentences, int epochs, long seed) {
        DataSet train = data(trainSentences, new Random(seed));
        DataSet test = data(1000, new Random(seed + 1000));
        double uni = accuracy(train(train, false, epochs, seed), test);
        double bi = accuracy(train(train, true, epochs, seed), test);
        return new Result(uni, bi, trainSentences, epochs);
    }

    /**
     * Prints the held-out accuracies and the settings that produced them.
     *
     * @param out where the report goes
     * @param trainSentences training sentences
     * @param epochs passes over them
     * @param seed seeds data and initialisation
     */
    public static void print(PrintWriter out, int trainSentences, int epochs, long seed) {
        out.println(
                "settings: "
                        + trainSentences
                        + " training sentences of "
                        + LENGTH
                        + " words ("
                        + VOCABULARY
                        + "-word vocabulary), "
                        + epochs
                        + " epochs in batches of 50, Adam 0.01, two LSTM layers of 24 units per"
                        + " direction, seed "
                        + seed
                        + "; scored on 1000 sentences from seed "
                        + (seed + 1000));
        Result r = run(trainSentences, epochs, seed);
        out.print(
                Exercises.table(
                        List.of("model", "held-out tag accuracy"),
                        List.of(
                                List.of(
                                        "unidirectional LSTM x2",
                                        Exercises.fixed(100 * r.unidirectional(), 1) + "%"),
                                List.of(
                                        "bidirectional LSTM x2",
                                        Exercises.fixed(100 * r.bidirectional(), 1) + "%"))));
    }

    /**
     * Runs {@code rnnkit exercise bidirectional-context ARGS...}: tags that depend on the next
     * word, with and without the backward direction. The command line parses the arguments (see
     * {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise bidirectional-context}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "bidirectional-context"), args);
    }

    static DataSet data(int sentences, Random random) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, sentences, 1, LENGTH);
        INDArray y = Nd4j.zeros(DataType.FLOAT, sentences, 2, LENGTH);
        for (int n = 0; n < sentences; n++) {
            int[] words = new int[LENGTH];
            for (int t = 0; t < LENGTH; t++) {
                words[t] = random.nextInt(VOCABULARY);
                x.putScalar(new long[] {n, 0, t}, words[t]);
            }
            for (int t = 0; t < LENGTH; t++) {
                int tag = t + 1 < LENGTH && words[t + 1] >= VOCABULARY / 2 ? 1 : 0;
                y.putScalar(new long[] {n, tag, t}, 1);
            }
        }
        return new DataSet(x, y);
    }

    private static MultiLayerNetwork train(
            DataSet data, boolean bidirectional, int epochs, long seed) {
        NeuralNetConfiguration.ListBuilder list =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .updater(new Adam(0.01))
                        .list()
                        .layer(
                                new EmbeddingSequenceLayer.Builder()
                                        .nIn(VOCABULARY)
                                        .nOut(16)
                                        .outputDataFormat(RNNFormat.NCW)
                                        .build());
        int width = 24;
        for (int l = 0; l < 2; l++) {
            int in = l == 0 ? 16 : (bidirectional ? 2 * width : width);
            LstmLayer lstm = new LstmLayer.Builder().nIn(in).nOut(width).build();
            list.layer(bidirectional ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm);
        }
        list.layer(
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(bidirectional ? 2 * width : width)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW)
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        List<DataSet> batches = new ArrayList<>(data.batchBy(50));
        for (int e = 0; e < epochs; e++) {
            for (DataSet b : batches) {
                net.fit(b);
            }
        }
        return net;
    }

    private static double accuracy(MultiLayerNetwork net, DataSet test) {
        INDArray predicted = net.output(test.getFeatures()).argMax(1);
        INDArray actual = test.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
