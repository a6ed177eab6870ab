package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 4: does shuffling the training data change what a deterministic training run learns?
 *
 * <p>With a fixed seed and full-batch gradient descent, the gradient is an average over the
 * sequences, and an average does not depend on the order of its terms: shuffling the order of the
 * <em>sequences</em> gives the same weights (up to the last bits of floating-point rounding, which
 * is why the run uses double precision). Those last-bit differences (1e-16) are not always
 * harmless: gradient descent can amplify them where training is sensitive (32 sequences of 8 steps
 * for 60 steps ended 1e-8 apart, still eight orders of magnitude below the effect below). Shuffling
 * the <em>steps inside each sequence</em> changes the data itself (the recurrent state sees another
 * history), so the weights differ.
 *
 * <p>The network is DL4J's {@code SimpleRnn} followed by a regression output on the last step; the
 * target of a sequence is a weighted sum of its first feature over time (later steps weigh more),
 * so order within a sequence matters to the task.
 */
public final class ShuffleInvariance {

    /**
     * The three trainings' outcomes.
     *
     * @param sequences training sequences
     * @param iterations full-batch gradient steps
     * @param maxDifferenceSequencesShuffled largest |weight difference| between the original and
     *     the sequence-shuffled training
     * @param maxDifferenceStepsShuffled largest |weight difference| between the original and the
     *     step-shuffled training
     * @param finalLoss the original training's final loss
     */
    public record Result(
            int sequences,
            int iterations,
            double maxDifferenceSequencesShuffled,
            double maxDifferenceStepsShuffled,
            double finalLoss) {}

    private ShuffleInvariance() {}

    /**
     * Trains three identical networks (same seed) on the data, the data with its sequences in
     * another order, and the data with each sequence's steps in another order.
     *
     * @param sequences number of sequences (the full batch)
     * @param steps steps per sequence
     * @param iterations gradient steps
     * @param seed seeds data, initialisation and shuffles
     * @return weight differences
     */
    public static Result run(int sequences, int steps, int iterations, long seed) {
        int features = 3;
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, sequences, features, steps);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, sequences, 1);
        for (int n = 0; n < sequences; n++) {
            double target = 0;
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    x.putScalar(new long[] {n, f, t}, random.nextGaussian());
                }
                target += x.getDouble(n, 0, t) * (t + 1) / steps;
            }
            y.putScalar(n, 0, target);
        }

        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < sequences; n++) {
            order.add(n);
        }
        Collections.shuffle(order, new Random(seed + 1));
        INDArray xSeq = Nd4j.zeros(DataType.DOUBLE, sequences, features, steps);
        INDArray ySeq = Nd4j.zeros(DataType.DOUBLE, sequences, 1);
        for (int n = 0; n < sequences; n++) {
            xSeq.putSlice(n, x.slice(order.get(n)));
            ySeq.putScalar(n, 0, y.getDouble(order.get(n), 0));
        }

        Random stepShuffle = new Random(seed + 2);
        INDArray xSteps = Nd4j.zeros(DataType.DOUBLE, sequences, features, steps);
        for (int n = 0; n < sequences; n++) {
            List<Integer> perm = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                perm.add(t);
            }
            Collections.shuffle(perm, stepShuffle);
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    xSteps.putScalar(new long[] {n, f, t}, x.getDouble(n, f, perm.get(t)));
                }
            }
        }

        MultiLayerNetwork original = train(new DataSet(x, y), features, iterations, seed);
        MultiLayerNetwork bySequence = train(new DataSet(xSeq, ySeq), features, iterations, seed);
        MultiLayerNetwork bySteps = train(new DataSet(xSteps, y), features, iterations, seed);
        return new Result(
                sequences,
                iterations,
                original.params().sub(bySequence.params()).amaxNumber().doubleValue(),
                original.params().sub(bySteps.params()).amaxNumber().doubleValue(),
                original.score(new DataSet(x, y)));
    }

    /**
     * Prints the weight differences and the settings that produced them.
     *
     * @param out where the report goes
     * @param sequences number of sequences (the full batch)
     * @param steps steps per sequence
     * @param iterations gradient steps
     * @param seed seeds data, initialisation and shuffles
     */
    public static void print(PrintWriter out, int sequences, int steps, int iterations, long seed) {
        out.println(
                "settings: "
                        + sequences
                        + " sequences of "
                        + steps
                        + " steps as one full batch, "
                        + iterations
                        + " gradient steps (SGD 0.05), SimpleRnn of 8 units, seed "
                        + seed
                        + ", double precision");
        Result r = run(sequences, steps, iterations, seed);
        out.print(
                Exercises.table(
                        List.of("training data", "max |weight difference| to the original"),
                        List.of(
                                List.of(
                                        "sequences shuffled",
                                        Double.toString(r.maxDifferenceSequencesShuffled())),
                                List.of(
                                        "steps shuffled within each sequence",
                                        Double.toString(r.maxDifferenceStepsShuffled())))));
        out.println("final training loss (original): " + r.finalLoss());
    }

    /**
     * Runs {@code rnnkit exercise shuffle-invariance ARGS...}: shuffling sequences vs. shuffling
     * steps. The command line parses the arguments (see {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise shuffle-invariance}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "shuffle-invariance"), args);
    }

    private static MultiLayerNetwork train(DataSet data, int features, int iterations, long seed) {
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        new NeuralNetConfiguration.Builder()
                                .seed(seed)
                                .dataType(DataType.DOUBLE)
                                .weightInit(WeightInit.XAVIER)
                                .updater(new Sgd(0.05))
                                .list()
                                .layer(
                                        new LastTimeStep(
                                                new SimpleRnn.Builder()
                                                        .nIn(features)
                                                        .nOut(8)
                                                        .activation(Activation.TANH)
                                                        .build()))
                                .layer(
                                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                                .nIn(8)
                                                .nOut(1)
                                                .activation(Activation.IDENTITY)
                                                .build())
                                .build());
        net.init();
        for (int i = 0; i < iterations; i++) {
            net.fit(data);
        }
        return net;
    }
}
