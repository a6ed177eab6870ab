/*
 * rnnkit side of bench/generate.sh (run as a single-file Java program on the project's classpath):
 * the character language model of bench/charlm_torch.py, trained by the generate recipe's stages
 * (TextStreams layout, LanguageModelBuilder with rnnkit's fused LSTM, stateful truncated BPTT with
 * CarriedState) until a wall-clock budget, then scored on dev documents.
 *
 *   java -cp <classpath> bench/CharLmBench.java --train train.txt --dev dev.txt --budget 240
 *        [--hidden 512] [--layers 2] [--embedding 64] [--tbptt 100] [--batch 32] [--lr 2e-3]
 *        [--seed 1] [--dev-docs 100]
 *
 * Files: one document per line. Prints one JSON line: impl, threads, hidden, layers, seconds, batches,
 * chars_trained, chars_per_s, dev_docs, dev_tokens, dev_bits_per_char, eval_seconds.
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.model.CellType;
import org.rnnkit.model.LanguageModelBuilder;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.layers.CarriedState;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.TextLevel;
import org.rnnkit.recipes.generate.TextStreams;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.OptimizerSpec;

public class CharLmBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].substring(2), args[i + 1]);
        }
        double budget = Double.parseDouble(a.getOrDefault("budget", "240"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "512"));
        int layers = Integer.parseInt(a.getOrDefault("layers", "2"));
        int embedding = Integer.parseInt(a.getOrDefault("embedding", "64"));
        int tbptt = Integer.parseInt(a.getOrDefault("tbptt", "100"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "32"));
        double lr = Double.parseDouble(a.getOrDefault("lr", "2e-3"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        int devDocs = Integer.parseInt(a.getOrDefault("dev-docs", "100"));
        List<String> train = Files.readAllLines(Path.of(a.get("train")), StandardCharsets.UTF_8);
        List<String> dev = Files.readAllLines(Path.of(a.get("dev")), StandardCharsets.UTF_8);
        dev = dev.subList(0, Math.min(devDocs, dev.size()));

        Vocabulary.Builder counter = Vocabulary.builder();
        for (String d : train) {
            counter.add(TextLevel.CHAR.tokens(d));
        }
        Vocabulary vocabulary = counter.build(1, 20000);
        List<int[]> encoded = new ArrayList<>();
        for (String d : train) {
            encoded.add(GenerateModel.encode(d, TextLevel.CHAR, vocabulary));
        }
        List<TextStreams.Chunk> rows = TextStreams.layout(encoded, batch, tbptt, seed);
        encoded = null;
        ComputationGraph net =
                LanguageModelBuilder.builder()
                        .setVocabularySize(vocabulary.size())
                        .optEmbeddingSize(embedding)
                        .optRnn(new RnnSpec(CellType.LSTM, hidden, layers, false, 0.0))
                        .optTbpttLength(tbptt)
                        .optOptimizer(new OptimizerSpec(lr, 1.0, 1.0))
                        .optSeed(seed)
                        .build();
        CarriedState.carry(net, true);
        long start = System.nanoTime();
        long chars = 0;
        int batches = 0;
        for (int k = 0; k * batch < rows.size(); k++) {
            if ((System.nanoTime() - start) / 1e9 >= budget) {
                break;
            }
            List<TextStreams.Chunk> chunk = rows.subList(k * batch, (k + 1) * batch);
            CarriedState.reset(net, TextStreams.fresh(chunk));
            try (SequenceBatch b = TextStreams.batch(chunk, vocabulary.size())) {
                net.fit(b.toDataSet());
                chars += b.realSteps();
            }
            batches++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CarriedState.carry(net, false);
        long evalStart = System.nanoTime();
        List<int[]> devEncoded = new ArrayList<>();
        for (String d : dev) {
            devEncoded.add(GenerateModel.encode(d, TextLevel.CHAR, vocabulary));
        }
        double[] bits = GenerateModel.crossEntropyCarried(net, devEncoded, batch, 200);
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "{\"impl\": \"rnnkit\", \"threads\": \"%s\", \"hidden\": %d, \"layers\": %d,"
                        + " \"seconds\": %.1f, \"batches\": %d, \"chars_trained\": %d,"
                        + " \"chars_per_s\": %.1f, \"dev_docs\": %d, \"dev_tokens\": %d,"
                        + " \"dev_bits_per_char\": %.4f, \"eval_seconds\": %.1f}%n",
                System.getProperty("rnnkit.threads", "default"),
                hidden,
                layers,
                seconds,
                batches,
                chars,
                chars / seconds,
                dev.size(),
                (long) bits[1],
                bits[0] / bits[1],
                evalSeconds);
    }
}
