import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.model.imports.TfjsGraphModel;

/**
 * rnnkit's TF.js importer on the COCO CenterNet graph: images per second for the backbone's feature
 * map (and, with --full, the whole detection graph) on a [1, 512, 512, 3] input, one JSON line.
 *
 * <p>java -cp "toolkit-recipes/target/lib/*" bench/CenternetBench.java MODEL.json [--full] [--reps N]
 */
public class CenternetBench {
    static final String FEATURES = "tower_0/extern1/hard_swish/mul_1";
    static final String DETECTIONS = "tower_0/detections";

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        boolean full = false;
        int reps = 5;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--full")) {
                full = true;
            } else if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[++i]);
            }
        }
        long t0 = System.nanoTime();
        TfjsGraphModel net = TfjsGraphModel.load(model);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        float[] v = new float[512 * 512 * 3];
        for (int p = 0; p < v.length; p++) {
            int c = p % 3;
            int k = (p / 3) % 512;
            int i = p / (3 * 512);
            v[p] = (i * 7 + k * 13 + c * 29) % 256;
        }
        INDArray image = Nd4j.createFromArray(v).reshape(1, 512, 512, 3);
        String fetch = full ? DETECTIONS : FEATURES;
        net.run(Map.of("tower_0/images", image), fetch); // warm-up
        long start = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            net.run(Map.of("tower_0/images", image), fetch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "{\"impl\": \"rnnkit\", \"fetch\": \"%s\", \"reps\": %d, \"images_per_s\": %.4f, \"load_s\": %.2f}%n",
                full ? "detections" : "features",
                reps,
                reps / seconds,
                loadSeconds);
    }
}
