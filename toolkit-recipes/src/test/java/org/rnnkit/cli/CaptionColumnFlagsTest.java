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
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.caption.CaptionModel;

/**
 * {@code --image-column} and {@code --caption-column} of {@code caption train} and {@code eval}.
 */
class CaptionColumnFlagsTest {

    /** Small-model options for a quick smoke run. */
    private static final List<String> SMOKE =
            List.of(
                    "--hidden",
                    "8",
                    "--embedding-size",
                    "4",
                    "--image-vector-size",
                    "4",
                    "--min-count",
                    "1");

    @TempDir Path dir;

    /**
     * Generates scenes (images in {@code scenes/images/}) and writes their captions as {@code
     * scenes/caps.csv} ({@code desc,picture}) and {@code scenes/caps.jsonl} ({@code picture},
     * {@code desc}).
     */
    private Path scenes(int size) throws IOException {
        Path scenes = dir.resolve("scenes");
        ColumnFlagsSupport.generate("caption", scenes, size);
        StringBuilder csv = new StringBuilder("desc,picture\n");
        StringBuilder jsonl = new StringBuilder();
        for (String line : Files.readAllLines(scenes.resolve("captions.txt"))) {
            String[] cols = line.split("\t");
            String image = cols[0].replaceFirst("#\\d+$", "");
            csv.append('"').append(cols[1]).append("\",").append(image).append('\n');
            jsonl.append("{\"picture\": \"")
                    .append(image)
                    .append("\", \"desc\": \"")
                    .append(cols[1])
                    .append("\"}\n");
        }
        Files.writeString(scenes.resolve("caps.csv"), csv);
        Files.writeString(scenes.resolve("caps.jsonl"), jsonl);
        return scenes;
    }

    private static Run train(Path data, Path model, String... flags) {
        return ColumnFlagsSupport.train("caption", SMOKE, data, model, flags);
    }

    @Test
    void givenCsvWithNamedColumns_whenTrainedAndEvaluated_thenEvalReadsTheSavedShape()
            throws IOException {
        Path scenes = scenes(40);
        Path model = dir.resolve("c.zip");
        Run train =
                train(
                        scenes.resolve("caps.csv"),
                        model,
                        "--image-column",
                        "picture",
                        "--caption-column",
                        "desc");
        assertEquals(0, train.exit(), train.err());
        DataFormat saved = CaptionModel.load(model).options().training().format();
        assertEquals(List.of("picture"), saved.columns(DataFormat.IMAGE));
        assertEquals(List.of("desc"), saved.columns(DataFormat.CAPTION));

        // no column flags: eval reads the CSV, and the JSON lines by the same field names
        Path json = dir.resolve("m.json");
        Run eval = RnnkitCliTest.evaluate("caption", model, scenes.resolve("caps.csv"), json);
        assertTrue(eval.out().contains("(all images): 40 images"), eval.out());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        assertTrue(metrics.has("bleu4"), metrics.toString());
        Run jsonl =
                RnnkitCliTest.evaluate(
                        "caption", model, scenes.resolve("caps.jsonl"), dir.resolve("j.json"));
        assertTrue(jsonl.out().contains("(all images): 40 images"), jsonl.out());

        // flags override the saved shape: a headerless TSV by index
        Path tsv = scenes.resolve("caps.tsv");
        Files.writeString(
                tsv, Files.readString(scenes.resolve("captions.txt")).replaceAll("#\\d+\t", "\t"));
        Run byIndex =
                RnnkitCliTest.evaluate(
                        "caption",
                        model,
                        tsv,
                        dir.resolve("t.json"),
                        "--no-header",
                        "--image-column",
                        "1",
                        "--caption-column",
                        "2");
        assertTrue(byIndex.out().contains("(all images): 40 images"), byIndex.out());
    }

    @Test
    void givenWrongColumns_whenTrain_thenExitTwoNamingFileLineAndOption() throws IOException {
        Path scenes = scenes(10);
        Path csv = scenes.resolve("caps.csv");
        Path model = dir.resolve("c.zip");
        assertRefused(
                train(csv, model, "--image-column", "photo", "--caption-column", "desc"),
                csv + ":1: --image-column photo: no such column; the header has [desc, picture]");
        assertRefused(
                train(csv, model, "--image-column", "picture", "--caption-column", "7"),
                "--caption-column 7: the header has only 2 columns");
        assertRefused(
                train(
                        scenes.resolve("caps.jsonl"),
                        model,
                        "--image-column",
                        "picture",
                        "--caption-column",
                        "text"),
                "caps.jsonl:1: --caption-column text: no such field; this object has [picture, desc]");
        assertTrue(Files.notExists(model));
    }
}
