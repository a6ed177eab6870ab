package org.rnnkit.recipes.generate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.MalformedDataException;

/**
 * Coverage-guided fuzzing of the {@code generate} recipe's corpus reader (Jazzer): plain text, TSV
 * and CSV files of random bytes. Allowed outcomes: documents, or a {@link MalformedDataException}
 * naming the file. The default test run replays the committed seeds; {@code bench/fuzz.sh} fuzzes
 * for real.
 */
class TextCorpusFuzzTest {

    private static final Path DIR = directory();

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void corpus(byte[] data) throws IOException {
        for (String name : new String[] {"corpus.txt", "corpus.tsv", "corpus.csv"}) {
            Path file = Files.write(DIR.resolve(name), data);
            try {
                TextCorpusReader.read(file, DataFormat.DEFAULT, true);
            } catch (MalformedDataException e) {
                if (!String.valueOf(e.getMessage()).contains(name)) {
                    throw new AssertionError("the message does not name " + name, e);
                }
            }
            Files.delete(file);
        }
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("rnnkit-corpus-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
