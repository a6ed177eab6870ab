package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.translate.TranslateModel;

/**
 * {@code --source-column} and {@code --target-column} of {@code translate train} and {@code eval}.
 */
class TranslateColumnFlagsTest {

    /** Small-model options for a quick smoke run. */
    private static final List<String> SMOKE = List.of("--hidden", "8", "--embedding-size", "8");

    @TempDir Path dir;

    /**
     * Writes the generated pairs as a CSV with a header, the target before the source and an id
     * first: {@code n,iso,spoken}, every field quoted.
     */
    private Path csv(int size) throws IOException {
        Path tsv = dir.resolve("dates.tsv");
        ColumnFlagsSupport.generate("translate", tsv, size);
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
        return ColumnFlagsSupport.train("translate", SMOKE, data, model, flags);
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
        JsonNode metrics =
                ColumnFlagsSupport.metrics(
                        "translate", model, data, dir.resolve("m.json"), "--beam", "1");
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
        assertRefused(
                train(data, model, "--source-column", "French", "--target-column", "iso"),
                data
                        + ":1: --source-column French: no such column; the header has [n, iso, spoken]");
        assertRefused(
                train(data, model, "--source-column", "spoken", "--target-column", "4"),
                "--target-column 4: the header has only 3 columns");
        assertRefused(
                train(data, model, "--target-column", "iso"),
                "--target-column needs --source-column too");
        assertRefused(
                train(
                        data,
                        model,
                        "--no-header",
                        "--source-column",
                        "spoken",
                        "--target-column",
                        "2"),
                "--source-column spoken: the file has no header");
        assertTrue(Files.notExists(model));
    }
}
