package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.translate.TranslateModel;

/**
 * {@code --source-column} and {@code --target-column} of {@code translate train} and {@code eval}.
 */
class TranslateColumnFlagsTest {

    @TempDir Path dir;

    /**
     * Writes the generated pairs as a CSV with a header, the target before the source and an id
     * first: {@code n,iso,spoken}, every field quoted.
     */
    private Path csv(int size) throws IOException {
        Path tsv = dir.resolve("dates.tsv");
        Run generate = run("translate", "generate", "--out", tsv.toString(), "--size", "" + size);
        assertEquals(0, generate.exit(), generate.err());
        StringBuilder out = new StringBuilder("n,iso,spoken\n");
        int n = 0;
        for (String line : Files.readAllLines(tsv)) {
            String[] pair = line.split("\t");
            out.append(++n)
                    .append(",\"")
                    .append(pair[1])
                    .append("\",\"")
                    .append(pair[0])
                    .append("\"\n");
        }
        Path csv = dir.resolve("pairs.csv");
        Files.writeString(csv, out);
        return csv;
    }

    private static Run train(Path data, Path model, String... flags) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "translate",
                                "train",
                                "--smoke",
                                "--hidden",
                                "8",
                                "--embedding-size",
                                "8",
                                "--data",
                                data.toString(),
                                "--out",
                                model.toString()));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    @Test
    void givenCsvWithNamedColumns_whenTrainedAndEvaluated_thenEvalReadsTheSavedShape()
            throws IOException {
        Path data = csv(200);
        Path model = dir.resolve("t.zip");
        Run train = train(data, model, "--source-column", "spoken", "--target-column", "ISO");
        assertEquals(0, train.exit(), train.err());
        DataFormat saved = TranslateModel.load(model).options().training().format();
        assertEquals(List.of("spoken"), saved.columns(DataFormat.SOURCE));
        assertEquals(List.of("ISO"), saved.columns(DataFormat.TARGET));

        // no column flags: eval reads the CSV in the shape saved in the bundle
        Path json = dir.resolve("m.json");
        RnnkitCliTest.evaluate("translate", model, data, json, "--beam", "1");
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        assertEquals(200, metrics.get("pairs").asInt(), metrics.toString());

        // flags override the saved shape: a headerless TSV, source in column 1
        Path tsv = dir.resolve("dates.tsv");
        Run byIndex =
                RnnkitCliTest.evaluate(
                        "translate",
                        model,
                        tsv,
                        dir.resolve("tsv.json"),
                        "--beam",
                        "1",
                        "--no-header",
                        "--delimiter",
                        "tab",
                        "--source-column",
                        "1",
                        "--target-column",
                        "2");
        assertTrue(byIndex.out().contains("200 pairs"), byIndex.out());
    }

    @Test
    void givenWrongColumns_whenTrain_thenExitTwoNamingFileLineAndOption() throws IOException {
        Path data = csv(20);
        Path model = dir.resolve("t.zip");
        Run source = train(data, model, "--source-column", "French", "--target-column", "iso");
        assertEquals(2, source.exit());
        assertTrue(
                source.err()
                        .contains(
                                data
                                        + ":1: --source-column French: no such column; the header"
                                        + " has [n, iso, spoken]"),
                source.err());
        Run target = train(data, model, "--source-column", "spoken", "--target-column", "4");
        assertEquals(2, target.exit());
        assertTrue(
                target.err().contains("--target-column 4: the header has only 3 columns"),
                target.err());
        Run alone = train(data, model, "--target-column", "iso");
        assertEquals(2, alone.exit());
        assertTrue(alone.err().contains("--target-column needs --source-column too"), alone.err());
        Run noHeader =
                train(
                        data,
                        model,
                        "--no-header",
                        "--source-column",
                        "spoken",
                        "--target-column",
                        "2");
        assertEquals(2, noHeader.exit());
        assertTrue(
                noHeader.err().contains("--source-column spoken: the file has no header"),
                noHeader.err());
        assertTrue(Files.notExists(model));
    }
}
