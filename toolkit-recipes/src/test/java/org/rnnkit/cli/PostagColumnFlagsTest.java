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
import org.rnnkit.recipes.postag.PostagModel;

/** {@code --token-column} and {@code --tag-column} of {@code postag train} and {@code eval}. */
class PostagColumnFlagsTest {

    /** Small-model options for a quick smoke run. */
    private static final List<String> SMOKE =
            List.of("--layers", "1", "--hidden", "4", "--embedding-size", "8");

    @TempDir Path dir;

    /**
     * Writes generated sentences as a CoNLL-like TSV without a header: position, tag, token; a
     * blank line after every sentence.
     */
    private Path conllLike(int size) throws IOException {
        Path tagged = dir.resolve("tagged.txt");
        ColumnFlagsSupport.generate("postag", tagged, size);
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(tagged)) {
            int i = 0;
            for (String token : line.trim().split("\\s+")) {
                int slash = token.lastIndexOf('/');
                out.append(++i)
                        .append('\t')
                        .append(token.substring(slash + 1))
                        .append('\t')
                        .append(token, 0, slash)
                        .append('\n');
            }
            out.append('\n');
        }
        Path file = dir.resolve("tagged.tsv");
        Files.writeString(file, out);
        return file;
    }

    private static Run train(Path data, Path model, String... flags) {
        return ColumnFlagsSupport.train("postag", SMOKE, data, model, flags);
    }

    @Test
    void givenConllLikeTsv_whenTrainedWithColumnsAndEvaluated_thenEvalReadsTheSavedShape()
            throws IOException {
        Path data = conllLike(200);
        Path model = dir.resolve("p.zip");
        Run train = train(data, model, "--token-column", "3", "--tag-column", "2");
        assertEquals(0, train.exit(), train.err());
        DataFormat saved = PostagModel.load(model).options().training().format();
        assertEquals(List.of("3"), saved.columns(DataFormat.TOKEN));
        assertEquals(List.of("2"), saved.columns(DataFormat.TAG));

        JsonNode metrics = ColumnFlagsSupport.metrics("postag", model, data, dir.resolve("m.json"));
        double accuracy = metrics.get("accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, metrics.toString());

        // flags override the saved shape: the generator's word/TAG file is not CoNLL-like, but a
        // header line naming the columns is
        Path named = dir.resolve("named.tsv");
        Files.writeString(named, "n\tpos\tword\n" + Files.readString(data));
        RnnkitCliTest.evaluate(
                "postag",
                model,
                named,
                dir.resolve("named.json"),
                "--token-column",
                "word",
                "--tag-column",
                "POS");
    }

    @Test
    void givenWrongColumns_whenTrain_thenExitTwoNamingFileLineAndOption() throws IOException {
        Path data = conllLike(20);
        Path model = dir.resolve("p.zip");
        assertRefused(
                train(data, model, "--token-column", "3", "--tag-column", "5"),
                data
                        + ":1: expected a token line with at least 5 columns separated by tabs"
                        + " (token in column 3, tag in column 5), found 3");
        assertRefused(
                train(data, model, "--token-column", "word"),
                data + ":1: --token-column word: no such column; the header has [1, ");
        assertRefused(
                train(data, model, "--no-header", "--tag-column", "pos"),
                "--tag-column pos: the file has no header");
        assertTrue(Files.notExists(model));
    }
}
