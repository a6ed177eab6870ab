package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 9: stateful RNNs. A network that keeps its recurrent state between calls ({@code
 * rnnTimeStep}) can be fed a long sequence in chunks, or one step at a time as the data arrives,
 * and computes exactly what one forward pass over the whole sequence computes. The state must be
 * reset ({@code rnnClearPreviousState}) before an unrelated sequence, or the previous sequence
 * leaks into its outputs.
 *
 * <p>The network stacks DL4J's {@code LSTM} and rnnkit's {@link GruLayer} under a per-step softmax,
 * in double precision.
 */
public final class StatefulRnn {

    /**
     * What the exercise measures.
     *
     * @param chunks the chunk lengths the sequence was fed in
     * @param maxDifferenceChunked largest |chunked - one pass| over all outputs
     * @param maxDifferenceOneStepAtATime largest |one step at a time - one pass|
     * @param maxDifferenceWithoutReset largest |output - fresh output| for a second sequence fed
     *     without resetting the state (the leak)
     * @param maxDifferenceAfterReset the same after {@code rnnClearPreviousState} (0)
     */
    public record Result(
            List<Integer> chunks,
            double maxDifferenceChunked,
            double maxDifferenceOneStepAtATime,
            double maxDifferenceWithoutReset,
            double maxDifferenceAfterReset) {}

    private StatefulRnn() {}

    /**
     * Runs the exercise.
     *
     * @param chunks chunk lengths; their sum is the sequence length
     * @param seed seeds the weights and the data
     * @return the differences
     */
    public static Result run(List<Integer> chunks, long seed) {
        int features = 4;
        int steps = chunks.stream().mapToInt(Integer::intValue).sum();
        MultiLayerNetwork net = network(features, seed);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, features, steps);
        INDArray other = Nd4j.randn(DataType.DOUBLE, 2, features, steps);

        net.rnnClearPreviousState();
        INDArray full = net.output(x);

        List<INDArray> parts = new ArrayList<>();
        int at = 0;
        for (int len : chunks) {
            parts.add(
                    net.rnnTimeStep(
                            x.get(
                                    NDArrayIndex.all(),
                                    NDArrayIndex.all(),
                                    NDArrayIndex.interval(at, at + len))));
            at += len;
        }
        double chunked =
                Nd4j.concat(2, parts.toArray(new INDArray[0])).sub(full).amaxNumber().doubleValue();

        net.rnnClearPreviousState();
        List<INDArray> single = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            INDArray step =
                    net.rnnTimeStep(
                            x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
            single.add(step.reshape(step.size(0), step.size(1), 1));
        }
        double oneStep =
                Nd4j.concat(2, single.toArray(new INDArray[0]))
                        .sub(full)
                        .amaxNumber()
                        .doubleValue();

        // x's state is still stored: feeding the next sequence now leaks x into it.
        INDArray fresh = net.output(other);
        double leak = net.rnnTimeStep(other).sub(fresh).amaxNumber().doubleValue();
        net.rnnClearPreviousState();
        double reset = net.rnnTimeStep(other).sub(fresh).amaxNumber().doubleValue();
        return new Result(List.copyOf(chunks), chunked, oneStep, leak, reset);
    }

    /**
     * Prints the differences for a 12-step sequence fed in chunks of 5, 1, 4 and 2 steps.
     *
     * @param out where the report goes
     */
    public static void print(PrintWriter out) {
        out.println(
                "settings: LSTM (6 units) -> GRU (5 units) -> softmax (3), 2 sequences of 4"
                        + " features and 12 steps in chunks [5, 1, 4, 2], seed 3, double precision");
        Result r = run(List.of(5, 1, 4, 2), 3);
        out.print(
                Exercises.table(
                        List.of("comparison", "max |difference|"),
                        List.of(
                                List.of(
                                        "chunks " + r.chunks() + " vs one pass",
                                        Double.toString(r.maxDifferenceChunked())),
                                List.of(
                                        "one step at a time vs one pass",
                                        Double.toString(r.maxDifferenceOneStepAtATime())),
                                List.of(
                                        "next sequence, state not reset",
                                        Double.toString(r.maxDifferenceWithoutReset())),
                                List.of(
                                        "next sequence after rnnClearPreviousState",
                                        Double.toString(r.maxDifferenceAfterReset())))));
    }

    /**
     * Runs {@code rnnkit exercise stateful-rnn ARGS...}: rnnTimeStep in chunks and the state it
     * keeps. The command line parses the arguments (see {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise stateful-rnn}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "stateful-rnn"), args);
    }

    private static MultiLayerNetwork network(int features, long seed) {
        return Exercises.doubleNetwork(
                seed,
                new LSTM.Builder().nIn(features).nOut(6).activation(Activation.TANH).build(),
                new GruLayer.Builder().nIn(6).nOut(5).build(),
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(5)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW)
                        .build());
    }
}
