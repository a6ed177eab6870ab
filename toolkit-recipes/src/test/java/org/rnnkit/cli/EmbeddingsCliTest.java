package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;
import static org.rnnkit.cli.RnnkitCliTest.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.text.WordVectors;

class EmbeddingsCliTest {

    @TempDir Path dir;

    /** Seeded sentences over 12 words in three groups, tokens separated by spaces. */
    private static String corpus(int sentences) {
        String[][] groups = {
            {"Red", "green", "blue", "yellow"},
            {"dog", "cat", "horse", "cow"},
            {"one", "two", "three", "four"}
        };
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            String[] g = groups[random.nextInt(groups.length)];
            for (int k = 0; k < 5; k++) {
                text.append(k > 0 ? " " : "").append(g[random.nextInt(g.length)]);
            }
            text.append(i % 10 == 0 ? "\n\n" : "\n");
        }
        return text.toString();
    }

    private Run train(Path out, Path... data) {
        String[] args = {
            "embeddings",
            "train",
            "--out",
            out.toString(),
            "--dim",
            "8",
            "--window",
            "2",
            "--min-count",
            "2",
            "--epochs",
            "2",
            "--negative",
            "3",
            "--seed",
            "7",
            "--workers",
            "1",
            "--lowercase",
            "--data"
        };
        String[] all = new String[args.length + data.length];
        System.arraycopy(args, 0, all, 0, args.length);
        for (int i = 0; i < data.length; i++) {
            all[args.length + i] = data[i].toString();
        }
        return run(all);
    }

    @Test
    void givenTinyCorpus_whenTrainedTwiceWithSameSeedAndOneWorker_thenReadableIdenticalVectorFiles()
            throws IOException {
        String text = corpus(300);
        Path plain = dir.resolve("a.txt");
        Files.writeString(plain, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        Path gz = dir.resolve("b.txt.gz");
        try (OutputStream raw = Files.newOutputStream(gz);
                Writer w =
                        new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8)) {
            w.write(text.substring(text.length() / 2));
        }
        Path first = dir.resolve("v1.txt");
        Run run1 = train(first, plain, gz);
        assertEquals(0, run1.exit(), run1.err());
        assertTrue(run1.out().contains("12 words with 8-dimensional vectors"), run1.out());

        WordVectors vectors = WordVectors.read(first);
        assertEquals(8, vectors.dimension());
        assertEquals(12, vectors.size());
        assertTrue(vectors.contains("red") && !vectors.contains("Red"), "lower-cased");

        Path second = dir.resolve("v2.txt");
        Run run2 = train(second, plain, gz);
        assertEquals(0, run2.exit(), run2.err());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void givenMissingFileOrBadValue_whenTrained_thenBadInputExit() {
        Run missing = train(dir.resolve("v.txt"), dir.resolve("absent.txt"));
        assertRefused(missing, "absent.txt");
        Run bad = run("embeddings", "train", "--data", "x", "--out", "y", "--dim", "0");
        assertRefused(bad, "dimension must be > 0");
    }
}
