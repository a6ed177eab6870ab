/*
 * rnnkit side of bench/recurrent.sh (run as a single-file Java program on the project's classpath):
 * the model of bench/recurrent_torch.py built in DL4J, with rnnkit's fused layers or DL4J's own LSTM.
 *
 *   java -cp <classpath> bench/RecurrentBench.java --impl rnnkit|dl4j --cell lstm|gru|rnn
 *        [--batch 64] [--steps 200] [--hidden 128] [--emb 128] [--vocab 10000] [--warmup 5] [--reps 20]
 *
 * Warm-up and timing: see time(). Prints one JSON line: impl, cell, threads, omp, batch, steps, hidden, train_seq_s, infer_seq_s.
 */
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.layers.GruLayer;
import org.rnnkit.model.layers.LstmLayer;
import org.rnnkit.model.layers.SimpleRnnLayer;
import org.rnnkit.train.FastAdam;

public class RecurrentBench {
    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String impl = a.getOrDefault("impl", "rnnkit");
        String cell = a.getOrDefault("cell", "lstm");
        int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "200"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "128"));
        int emb = Integer.parseInt(a.getOrDefault("emb", "128"));
        int vocab = Integer.parseInt(a.getOrDefault("vocab", "10000"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "5"));
        int reps = Integer.parseInt(a.getOrDefault("reps", "20"));

        Layer rnn;
        if (impl.equals("dl4j")) {
            if (!cell.equals("lstm")) {
                throw new IllegalArgumentException("DL4J has no " + cell + " layer to compare");
            }
            rnn = new LSTM.Builder().nIn(emb).nOut(hidden).activation(Activation.TANH).build();
        } else {
            rnn = switch (cell) {
                case "lstm" -> new LstmLayer.Builder().nIn(emb).nOut(hidden).build();
                case "gru" -> new GruLayer.Builder().nIn(emb).nOut(hidden).build();
                default -> new SimpleRnnLayer.Builder().nIn(emb).nOut(hidden).build();
            };
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                // the same Adam; rnnkit runs its own implementation of it (FastAdam)
                .updater(impl.equals("dl4j") ? new Adam(1e-3) : new FastAdam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(emb).build())
                .layer(new LastTimeStep(rnn))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(hidden).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        Random random = new Random(7);
        float[][] ids = new float[batch][steps];
        float[][] mask = new float[batch][steps];
        float[][] labels = new float[batch][2];
        for (int b = 0; b < batch; b++) {
            int length = steps / 2 + random.nextInt(steps - steps / 2 + 1);
            for (int t = 0; t < length; t++) {
                ids[b][t] = 4 + random.nextInt(vocab - 4);
                mask[b][t] = 1;
            }
            labels[b][random.nextInt(2)] = 1;
        }
        INDArray x = Nd4j.createFromArray(ids).reshape(batch, 1, steps);
        INDArray m = Nd4j.createFromArray(mask);
        INDArray y = Nd4j.createFromArray(labels);
        DataSet data = new DataSet(x, y, m, null);

        double train = time(() -> net.fit(data), warmup, reps);
        double infer = time(() -> net.output(x, false, m, null), warmup, reps);
        System.out.printf(java.util.Locale.ROOT,
                "{\"impl\": \"%s\", \"cell\": \"%s\", \"threads\": %s, \"omp\": %s, \"batch\": %d, \"steps\": %d,"
                        + " \"hidden\": %d, \"train_seq_s\": %.2f, \"infer_seq_s\": %.2f}%n",
                impl, cell, System.getProperty("rnnkit.threads", "null"),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "null"), batch, steps, hidden,
                batch / train, batch / infer);
    }

    /**
     * Mean seconds per call: at least {@code warmup} calls and 3 s of warm-up (the JIT compiles the
     * gate loops after some thousands of iterations), then at least {@code reps} calls and 2 s.
     */
    private static double time(Runnable r, int warmup, int reps) {
        long until = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < warmup || System.nanoTime() < until; i++) {
            r.run();
        }
        long start = System.nanoTime();
        int n = 0;
        while (n < reps || System.nanoTime() - start < 2_000_000_000L) {
            r.run();
            n++;
        }
        return (System.nanoTime() - start) / 1e9 / n;
    }
}
