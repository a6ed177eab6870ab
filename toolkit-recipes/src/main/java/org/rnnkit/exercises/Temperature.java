package org.rnnkit.exercises;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.GenerateOptions;
import org.rnnkit.recipes.generate.GenerateRecipe;
import org.rnnkit.recipes.generate.TextDataGenerator;

/**
 * Exercise 13: sampling temperature. A character-level language model ({@code rnnkit generate})
 * continues the same prompt at temperatures 0.2, 0.8 and 1.5, and the exercise measures the entropy
 * of the next-character distribution the sampler draws from: {@code p_T(c) ∝ p(c)^(1/T)}, {@code H
 * = -Σ p_T(c) log2 p_T(c)} bits. Low temperature sharpens the distribution towards the most likely
 * character (H near 0: safe, repetitive text), {@code T = 1} samples the model as trained, high
 * temperature flattens it towards uniform (H towards log2 of the vocabulary: inventive, then
 * garbled text). The entropy is reported right after the prompt and averaged over the steps of each
 * sampled continuation, and as a curve over {@code T = 0.1 .. 2.0}.
 *
 * <p><b>Model.</b> With {@code --model BUNDLE}, that one; otherwise a small model (LSTM 64, 2
 * epochs) trained on 600 of the embedded generated stories, saved under {@code --out} (about half a
 * minute on two cores). Same seed, same model and same text.
 */
public final class Temperature {

    /** The temperatures sampled and compared. */
    public static final List<Double> TEMPERATURES = List.of(0.2, 0.8, 1.5);

    /** The default prompt. */
    public static final String DEFAULT_PROMPT = "The fox";

    /** Characters drawn per sample. */
    public static final int DEFAULT_LENGTH = 120;

    private Temperature() {}

    /**
     * The measurements at one temperature.
     *
     * @param temperature the sampling temperature
     * @param entropyAfterPrompt entropy in bits of the distribution of the character after the
     *     prompt
     * @param meanEntropyAlongSample entropy in bits averaged over every drawn character's
     *     distribution
     * @param top the three most likely next characters after the prompt, with probabilities
     * @param sample the prompt and its sampled continuation
     */
    public record Row(
            double temperature,
            double entropyAfterPrompt,
            double meanEntropyAlongSample,
            String top,
            String sample) {}

    /**
     * What the exercise measured.
     *
     * @param rows one per temperature of {@link #TEMPERATURES}
     * @param curveTemperatures temperatures 0.1 to 2.0 in steps of 0.1
     * @param curveEntropy the entropy after the prompt at each of them, in bits
     * @param uniformEntropy {@code log2} of the number of characters the sampler may draw: the
     *     ceiling the entropy approaches as the temperature grows
     */
    public record Result(
            List<Row> rows,
            double[] curveTemperatures,
            double[] curveEntropy,
            double uniformEntropy) {}

    /**
     * Trains the exercise's small model on the embedded stories.
     *
     * @param bundle where to save it
     * @param seed the training seed
     * @return the model
     * @throws IOException when the bundle cannot be written
     */
    public static GenerateModel trainSmallModel(Path bundle, long seed) throws IOException {
        GenerateOptions options =
                GenerateOptions.defaults()
                        .withTraining(
                                t ->
                                        t.out(bundle)
                                                .hiddenSize(64)
                                                .epochs(2)
                                                .seed(seed)
                                                .progressBar(false));
        GenerateRecipe.train(options, TextDataGenerator.generate(600, seed), null);
        return GenerateModel.load(bundle);
    }

    /**
     * Samples the prompt at each temperature and measures the entropies.
     *
     * @param model a character- or word-level model
     * @param prompt the text to continue
     * @param length the most tokens drawn per sample
     * @param seed the seed of the draws (the same for every temperature)
     * @return the measurements
     */
    public static Result run(GenerateModel model, String prompt, int length, long seed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        List<Row> rows = new ArrayList<>();
        int promptTokens = model.options().level().tokens(prompt).size();
        for (double t : TEMPERATURES) {
            TokenSampler sampler = new TokenSampler(t, 0, 1.0);
            String sample = model.sample(prompt, length, sampler, new Random(seed));
            double[][] along = model.distributions(sample, sampler);
            double[] afterPrompt = along[promptTokens];
            double sum = 0;
            int steps = 0;
            // rows promptTokens .. n-1 are the distributions each drawn token came from
            for (int i = promptTokens; i < along.length - 1; i++) {
                sum += entropy(along[i]);
                steps++;
            }
            rows.add(
                    new Row(
                            t,
                            entropy(afterPrompt),
                            steps == 0 ? Double.NaN : sum / steps,
                            top(model, afterPrompt, 3),
                            sample));
        }
        double[] temperatures = new double[20];
        double[] entropies = new double[20];
        double[][] plain = model.distributions(prompt, new TokenSampler(1.0, 0, 1.0));
        int allowed = 0;
        for (double p : plain[promptTokens]) {
            allowed += p > 0 ? 1 : 0;
        }
        for (int i = 0; i < temperatures.length; i++) {
            temperatures[i] = (i + 1) / 10.0;
            double[][] d = model.distributions(prompt, new TokenSampler(temperatures[i], 0, 1.0));
            entropies[i] = entropy(d[promptTokens]);
        }
        return new Result(
                List.copyOf(rows), temperatures, entropies, Math.log(allowed) / Math.log(2));
    }

    /**
     * The entropy of a distribution.
     *
     * @param p probabilities summing to 1
     * @return {@code -Σ p log2 p}, in bits
     */
    public static double entropy(double[] p) {
        double h = 0;
        for (double q : p) {
            if (q > 0) {
                h -= q * Math.log(q) / Math.log(2);
            }
        }
        return h;
    }

    private static String top(GenerateModel model, double[] p, int n) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        List<String> out = new ArrayList<>();
        for (int r = 0; r < n && r < p.length && p[order[r]] > 0; r++) {
            String token = model.vocabulary().token(order[r]);
            out.add(
                    String.format(
                            Locale.ROOT, "'%s' %.2f", token.replace("\n", "\\n"), p[order[r]]));
        }
        return String.join(", ", out);
    }

    /**
     * Runs the exercise and prints its settings, the table and the files it wrote.
     *
     * @param out where the report goes
     * @param modelFile a trained {@code generate} bundle, or {@code null} to train the small model
     *     under {@code directory}
     * @param prompt the text to continue
     * @param length the most tokens drawn per sample
     * @param seed the seed of the training and of the draws
     * @param directory where {@code temperature.tsv}, {@code temperature.png} (and the small model)
     *     go
     * @return the measurements
     * @throws IOException when a file cannot be read or written
     */
    public static Result print(
            PrintWriter out, Path modelFile, String prompt, int length, long seed, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        out.printf(
                Locale.ROOT,
                "settings: model %s, prompt \"%s\", %d tokens per sample, seed %d, temperatures"
                        + " %s (no top-k, no top-p)%n",
                modelFile == null
                        ? "trained here (LSTM 64, 2 epochs, 600 generated stories) -> "
                                + directory.resolve("model.zip")
                        : modelFile.toString(),
                prompt,
                length,
                seed,
                TEMPERATURES);
        out.flush();
        GenerateModel model =
                modelFile == null
                        ? trainSmallModel(directory.resolve("model.zip"), seed)
                        : GenerateModel.load(modelFile);
        Result r = run(model, prompt, length, seed);
        List<List<String>> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            rows.add(
                    List.of(
                            String.valueOf(row.temperature()),
                            String.format(Locale.ROOT, "%.3f", row.entropyAfterPrompt()),
                            String.format(Locale.ROOT, "%.3f", row.meanEntropyAlongSample()),
                            row.top(),
                            row.sample().replace("\n", " ")));
        }
        out.print(
                Exercises.table(
                        List.of(
                                "T",
                                "H after prompt (bits)",
                                "mean H along sample (bits)",
                                "most likely next",
                                "sample"),
                        rows));
        out.printf(
                Locale.ROOT,
                "uniform over the %d drawable tokens: %.3f bits%n",
                Math.round(Math.pow(2, r.uniformEntropy())),
                r.uniformEntropy());
        StringBuilder tsv = new StringBuilder("temperature\tentropy_bits\n");
        for (int i = 0; i < r.curveTemperatures().length; i++) {
            tsv.append(
                    String.format(
                            Locale.ROOT,
                            "%.1f\t%.4f%n",
                            r.curveTemperatures()[i],
                            r.curveEntropy()[i]));
        }
        Path tsvFile = directory.resolve("temperature.tsv");
        AtomicFiles.write(tsvFile, tsv.toString().getBytes(StandardCharsets.UTF_8));
        XYChart chart =
                new XYChartBuilder()
                        .width(700)
                        .height(420)
                        .title("Entropy of the next token after \"" + prompt + "\"")
                        .xAxisTitle("temperature T")
                        .yAxisTitle("H (bits)")
                        .build();
        chart.addSeries("p_T after the prompt", r.curveTemperatures(), r.curveEntropy());
        double[] ceiling = new double[r.curveTemperatures().length];
        java.util.Arrays.fill(ceiling, r.uniformEntropy());
        chart.addSeries("uniform", r.curveTemperatures(), ceiling)
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        Path png = Exercises.writePng(chart, directory.resolve("temperature.png"));
        out.println("wrote " + tsvFile + " and " + png);
        return r;
    }

    /**
     * Runs {@code rnnkit exercise temperature ARGS...}. The command line parses the arguments (see
     * {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise temperature}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "temperature"), args);
    }
}
