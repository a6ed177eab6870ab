package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;

class ForecastCliTest {

    @TempDir Path dir;

    @Test
    void givenGeneratedSeries_whenTrainEvalPredict_thenBundleJsonAndForecastLines()
            throws IOException {
        Path data = dir.resolve("series.csv");
        Run generate = run("forecast", "generate", "--out", data.toString(), "--rows", "600");
        assertEquals(0, generate.exit(), generate.err());
        assertEquals(601, Files.readAllLines(data).size());

        Path model = dir.resolve("f.zip");
        Run train =
                run(
                        "forecast",
                        "train",
                        "--data",
                        data.toString(),
                        "--target",
                        "load",
                        "--covariates",
                        "all",
                        "--lookback",
                        "48",
                        "--horizon",
                        "12",
                        "--topology",
                        "seq2seq",
                        "--calendar",
                        "--hidden",
                        "8",
                        "--out",
                        model.toString(),
                        "--smoke");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("seasonal naive"), train.out());
        assertTrue(train.out().contains("RNN (encoder-decoder)"), train.out());

        Path json = dir.resolve("m.json");
        Run eval = RnnkitCliTest.evaluate("forecast", model, data, json, "--backtest-stride", "12");
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        for (String key :
                List.of(
                        "mse_standardized",
                        "mae_standardized",
                        "mse",
                        "mae",
                        "rmse",
                        "smape",
                        "mase",
                        "naive_mse_standardized",
                        "seasonal_naive_mae")) {
            assertTrue(metrics.has(key), key + " in " + metrics);
        }
        // 120 test rows, horizon 12, an origin every 12 steps: 10 windows
        assertEquals(10, metrics.get("windows").asInt());

        Run predict =
                run("forecast", "predict", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, predict.exit(), predict.err());
        String[] lines = predict.out().strip().split("\n");
        assertEquals(13, lines.length, predict.out());
        assertEquals("time,load", lines[0]);
        assertTrue(lines[1].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00,-?[0-9.e+-]+"), lines[1]);
    }

    @Test
    void givenMissingValue_whenTraining_thenErrorNamesLineAndColumnUnlessFilled()
            throws IOException {
        Path data = dir.resolve("gap.csv");
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int r = 0; r < 300; r++) {
            String v = r == 7 ? "" : Double.toString(Math.sin(r / 5.0) + r / 100.0);
            csv.append(String.format("2024-01-%02d %02d:00:00,%s%n", 1 + r / 24, r % 24, v));
        }
        Files.writeString(data, csv);
        Run bad =
                run(
                        "forecast",
                        "train",
                        "--data",
                        data.toString(),
                        "--lookback",
                        "24",
                        "--horizon",
                        "4",
                        "--out",
                        dir.resolve("g.zip").toString(),
                        "--smoke");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("gap.csv:9:"), bad.err());
        assertTrue(bad.err().contains("column 'value'"), bad.err());

        Run filled =
                run(
                        "forecast",
                        "train",
                        "--data",
                        data.toString(),
                        "--fill",
                        "interpolate",
                        "--lookback",
                        "24",
                        "--horizon",
                        "4",
                        "--hidden",
                        "4",
                        "--out",
                        dir.resolve("g.zip").toString(),
                        "--smoke");
        assertEquals(0, filled.exit(), filled.err());
    }

    @Test
    void givenFlagsAForecasterCannotHonour_whenRun_thenUsageErrorsWithTheirMessages() {
        for (String flag : List.of("--dev=d.csv", "--max-length=9", "--skip-bad-rows")) {
            Run refused = run("forecast", "train", flag, "--smoke");
            assertEquals(2, refused.exit(), refused.err());
            assertTrue(
                    refused.err()
                            .startsWith(
                                    "forecast train does not take --skip-bad-rows, --max-length or"
                                            + " --dev: use --fill for missing values, --lookback"
                                            + " for the window and --split for the time-ordered"
                                            + " dev part"),
                    refused.err());
        }
        Run bidirectional = run("forecast", "train", "--bidirectional", "--smoke");
        assertEquals(2, bidirectional.exit(), bidirectional.err());
        assertTrue(
                bidirectional
                        .err()
                        .startsWith(
                                "forecast train does not take --bidirectional: a forecaster reads"
                                        + " the past only"),
                bidirectional.err());
        Run eval =
                run("forecast", "eval", "--model", "m.zip", "--data", "d.csv", "--skip-bad-rows");
        assertEquals(2, eval.exit(), eval.err());
        assertTrue(
                eval.err()
                        .startsWith(
                                "forecast eval does not take --skip-bad-rows: the model's --fill"
                                        + " applies"),
                eval.err());
    }
}
