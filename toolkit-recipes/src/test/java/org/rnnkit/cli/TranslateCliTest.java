package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.recipes.translate.TranslateModel;
import org.rnnkit.recipes.translate.TranslateOptions;

class TranslateCliTest {

    @TempDir Path dir;

    @Test
    void givenGeneratedPairs_whenTrainEvalPredict_thenBundleJsonAndTranslations()
            throws IOException {
        Path data = dir.resolve("dates.tsv");
        Run generate = run("translate", "generate", "--out", data.toString(), "--size", "300");
        assertEquals(0, generate.exit(), generate.err());
        assertEquals(300, Files.readAllLines(data).size());

        Path model = dir.resolve("t.zip");
        Run train =
                train(
                        data,
                        model,
                        "--smoke",
                        "--hidden",
                        "8",
                        "--embedding-size",
                        "8",
                        "--beam",
                        "2",
                        "--length-penalty",
                        "1.0",
                        "--split-elisions",
                        "--label-smoothing",
                        "0.1",
                        "--weight-averaging",
                        "0.99",
                        "--max-length",
                        "30",
                        "--unidirectional",
                        "--no-attention");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("BLEU, beam 2"), train.out());
        TranslateOptions saved = TranslateModel.load(model).options();
        assertEquals(1.0, saved.lengthPenalty());
        assertTrue(saved.splitElisions());
        assertEquals(0.1, saved.labelSmoothing());
        assertEquals(0.99, saved.weightAveraging());
        assertFalse(saved.attention());
        assertEquals(30, saved.training().maxLength());
        assertFalse(saved.training().bidirectional());
        String epochs = Files.readString(dir.resolve("t-run").resolve("metrics.jsonl"));
        assertTrue(epochs.contains("\"dev_bleu_greedy_averaged\""), epochs);

        Path json = dir.resolve("m.json");
        Run eval =
                eval(
                        model,
                        data,
                        "--json",
                        json.toString(),
                        "--beam",
                        "1",
                        "--length-penalty",
                        "0");
        assertEquals(0, eval.exit(), eval.err());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        double bleu = metrics.get("bleu").asDouble();
        assertTrue(bleu >= 0 && bleu <= 100, metrics.toString());
        assertTrue(metrics.has("chrf") && metrics.has("exact_match"), metrics.toString());

        Run negative = eval(model, data, "--length-penalty", "-0.5");
        assertRefused(negative, "lengthPenalty must be >= 0");

        Run predict = run("translate", "predict", "--model", model.toString(), "5 may 1999");
        assertEquals(0, predict.exit(), predict.err());
        assertEquals(1, predict.out().strip().split("\n").length, predict.out());

        Run smoothing = train(data, model, "--label-smoothing", "1.5");
        assertEquals(2, smoothing.exit());
        assertTrue(smoothing.err().contains("labelSmoothing must be in [0, 1)"), smoothing.err());

        Run both = run("translate", "train", "--bidirectional", "--unidirectional");
        assertRefused(both, "exclude each other");
        Run skip = run("translate", "train", "--skip-bad-rows");
        assertRefused(skip, "does not take --skip-bad-rows");

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "one\tun\ntwo without tab\n");
        Run malformed = train(bad, model);
        assertRefused(malformed, "bad.tsv:2:");
    }

    /** {@code rnnkit translate train --data DATA --out MODEL} plus the given options. */
    private static Run train(Path data, Path model, String... options) {
        return translate(
                List.of("train", "--data", data.toString(), "--out", model.toString()), options);
    }

    /** {@code rnnkit translate eval --model MODEL --data DATA} plus the given options. */
    private static Run eval(Path model, Path data, String... options) {
        return translate(
                List.of("eval", "--model", model.toString(), "--data", data.toString()), options);
    }

    /** {@code rnnkit translate} with a subcommand and its arguments, then the given options. */
    private static Run translate(List<String> command, String... options) {
        List<String> args = new ArrayList<>(List.of("translate"));
        args.addAll(command);
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }
}
