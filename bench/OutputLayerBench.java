/*
 * Output layer speed: rnnkit's FusedSoftmaxOutputLayer (logits once per step, score and gradient
 * in one pass, padded steps skipped) against DL4J's RnnOutputLayer, the same graph, parameters and
 * batches, alternating in one process; prints milliseconds per training step and the ratio.
 * Graph: the translation decoder's top, input [BATCH, HIDDEN, STEPS] -> dense tanh HIDDEN (so the
 * input gradient is used) -> softmax over VOCAB classes, sparse labels, SPARSE_MCXENT, Adam; a
 * quarter of the steps are padding (per-step label mask), as in a length-bucketed batch.
 *
 *   OMP_NUM_THREADS=1 java -cp "toolkit-recipes/target/lib/*" bench/OutputLayerBench.java \
 *       [BATCH] [STEPS] [HIDDEN] [VOCAB]
 */
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.rnnkit.model.layers.FusedSoftmaxOutputLayer;

public class OutputLayerBench {
    static ComputationGraph graph(boolean fused, int hidden, int vocab) {
        RnnOutputLayer.Builder out =
                fused
                        ? new FusedSoftmaxOutputLayer.Builder(LossFunction.SPARSE_MCXENT)
                        : new RnnOutputLayer.Builder(LossFunction.SPARSE_MCXENT);
        out.nOut(vocab).activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW);
        ComputationGraphConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .updater(new Adam(1e-3))
                        .dataType(DataType.FLOAT)
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer(
                                "dense",
                                new TimeDistributed(
                                        new DenseLayer.Builder()
                                                .nOut(hidden)
                                                .activation(Activation.TANH)
                                                .build(),
                                        RNNFormat.NCW),
                                "in")
                        .addLayer("out", out.build(), "dense")
                        .setOutputs("out")
                        .setInputTypes(InputType.recurrent(hidden))
                        .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 8000;
        Random random = new Random(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 1, steps);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, steps);
        for (int e = 0; e < batch; e++) {
            int length = steps - random.nextInt(steps / 2 + 1); // about a quarter padding
            for (int t = 0; t < length; t++) {
                labels.putScalar(new long[] {e, 0, t}, random.nextInt(vocab));
                mask.putScalar(e, t, 1);
            }
        }
        MultiDataSet data =
                new MultiDataSet(
                        new INDArray[] {Nd4j.rand(DataType.FLOAT, batch, hidden, steps)},
                        new INDArray[] {labels},
                        new INDArray[] {mask},
                        new INDArray[] {mask});
        ComputationGraph[] nets = {graph(false, hidden, vocab), graph(true, hidden, vocab)};
        nets[1].setParams(nets[0].params().dup());
        int reps = 10;
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] total = new double[2];
        for (int round = 0; round < 6; round++) {
            for (int k = 0; k < 2; k++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    nets[k].fit(data);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / reps;
                if (round > 0) { // the first round warms up
                    best[k] = Math.min(best[k], ms);
                    total[k] += ms;
                }
            }
        }
        double diff = nets[0].params().sub(nets[1].params()).amaxNumber().doubleValue();
        System.out.printf(
                "{\"batch\":%d,\"steps\":%d,\"hidden\":%d,\"vocab\":%d,\"dl4j_ms\":%.1f,"
                        + "\"fused_ms\":%.1f,\"speedup\":%.2f,\"dl4j_best_ms\":%.1f,"
                        + "\"fused_best_ms\":%.1f,\"max_param_difference\":%.2e}%n",
                batch, steps, hidden, vocab, total[0] / 5, total[1] / 5, total[0] / total[1],
                best[0], best[1], diff);
    }
}
