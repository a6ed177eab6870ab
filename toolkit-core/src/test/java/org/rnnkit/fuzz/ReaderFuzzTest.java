package org.rnnkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.rnnkit.data.CaptionCorpusReader;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.DelimitedRows;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.data.LabeledTextSource;
import org.rnnkit.data.ParallelTextReader;
import org.rnnkit.data.TaggedSentenceReader;
import org.rnnkit.data.Tagset;
import org.rnnkit.data.TimeSeriesCsvReader;
import org.rnnkit.data.Utf8LineReader;

/**
 * Coverage-guided fuzzing of every reader in core (Jazzer). Each target writes the input to a file
 * of the shape the reader expects and reads it; the allowed outcomes are a result or the project's
 * own {@link org.rnnkit.data.MalformedDataException} naming the file (see {@link Outcomes}).
 *
 * <p>The default test run replays the committed seeds under {@code ReaderFuzzTestInputs/<target>/}
 * (regression mode). {@code bench/fuzz.sh} fuzzes each target for real ({@code JAZZER_FUZZ=1}).
 */
class ReaderFuzzTest {

    private static final Path DIR = FuzzFiles.directory("rnnkit-reader-fuzz");

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void labeledTextTsv(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("reviews.tsv"), data);
        Outcomes.expectMalformedData(file, () -> LabeledTextDataset.read(file, false));
        Outcomes.expectMalformedData(file, () -> LabeledTextDataset.read(file, true));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void labeledTextCsvStreamed(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("reviews.csv"), data);
        Outcomes.expectMalformedData(
                file, () -> LabeledTextSource.of(file, true, DataFormat.DEFAULT).forEach(t -> {}));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void labeledTextGzip(byte[] data) throws Exception {
        Path plain = FuzzFiles.write(DIR.resolve("gz-source.tsv"), data);
        Path gz = DIR.resolve("reviews.tsv.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Outcomes.expectMalformedData(gz, () -> LabeledTextDataset.read(gz, true));
        // The raw bytes as a .gz file: mostly not gzip at all, sometimes a truncated stream.
        Path raw = FuzzFiles.write(DIR.resolve("raw.tsv.gz"), data);
        Outcomes.expectMalformedData(raw, () -> LabeledTextDataset.read(raw, true));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void conllu(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("tags.conllu"), data);
        Outcomes.expectMalformedData(file, () -> TaggedSentenceReader.readAll(file, Tagset.UPOS));
        Path slash = FuzzFiles.write(DIR.resolve("tags.txt"), data);
        Outcomes.expectMalformedData(slash, () -> TaggedSentenceReader.readAll(slash, Tagset.XPOS));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void parallelText(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("pairs.tsv"), data);
        Outcomes.expectMalformedData(file, () -> ParallelTextReader.readAll(file, false));
        Outcomes.expectMalformedData(file, () -> ParallelTextReader.readAll(file, true));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void timeSeriesCsv(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("series.csv"), data);
        Outcomes.expectMalformedData(file, () -> TimeSeriesCsvReader.builder().build().read(file));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void captionCorpus(byte[] data) throws Exception {
        Path corpus = DIR.resolve("captions");
        Files.createDirectories(corpus.resolve("images"));
        FuzzFiles.write(corpus.resolve(CaptionCorpusReader.CAPTIONS), data);
        Outcomes.expectMalformedData(corpus, () -> CaptionCorpusReader.read(corpus, false));
        Outcomes.expectMalformedData(corpus, () -> CaptionCorpusReader.read(corpus, true));
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void delimitedRows(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("rows.csv"), data);
        Outcomes.expectMalformedData(
                file,
                () -> {
                    try (DelimitedRows rows = DelimitedRows.open(file, DataFormat.DEFAULT)) {
                        while (rows.hasNext()) {
                            rows.next();
                        }
                    }
                });
    }

    /** The low-level line reader's contract: lines, or a {@code CharacterCodingException}. */
    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void utf8Lines(byte[] data) throws Exception {
        Path file = FuzzFiles.write(DIR.resolve("lines.txt"), data);
        try (Utf8LineReader lines = Utf8LineReader.open(file)) {
            while (true) {
                try {
                    if (lines.readLine() == null) {
                        break;
                    }
                } catch (CharacterCodingException e) {
                    // documented: the bad line is reported and the reader stays usable
                }
            }
        }
    }
}
