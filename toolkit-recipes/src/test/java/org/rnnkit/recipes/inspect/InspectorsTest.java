package org.rnnkit.recipes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.ParallelPair;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionInspector;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.forecast.ForecastDataGenerator;
import org.rnnkit.recipes.forecast.ForecastInspector;
import org.rnnkit.recipes.forecast.ForecastOptions;
import org.rnnkit.recipes.postag.PostagDataGenerator;
import org.rnnkit.recipes.postag.PostagInspector;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import org.rnnkit.recipes.sentiment.SentimentInspector;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.translate.TranslateDataGenerator;
import org.rnnkit.recipes.translate.TranslateInspector;
import org.rnnkit.recipes.translate.TranslateOptions;
import org.rnnkit.text.Tokenizer;

/** Each recipe's inspect on its embedded data and on small fixtures with known figures. */
class InspectorsTest {

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void givenEmbeddedReviews_whenInspected_thenFiguresMatchAnIndependentCount()
            throws IOException {
        List<LabeledText> data = SentimentDataGenerator.defaultDataset().examples();
        Map<String, Long> labels = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        long tokens = 0;
        int repeats = 0;
        for (LabeledText e : data) {
            labels.merge(e.label(), 1L, Long::sum);
            tokens += Tokenizer.standard().tokenize(e.text()).size();
            repeats += seen.add(e.label() + "\t" + e.text()) ? 0 : 1;
        }
        InspectionReport r = SentimentInspector.inspect(SentimentOptions.defaults());
        assertEquals(data.size(), r.number("rows", "read"));
        assertEquals(0, r.number("rows", "skipped (malformed)"));
        assertEquals(labels.size(), r.number("labels", "distinct"));
        assertEquals(tokens, r.number("lengths (tokens)", "tokens"));
        assertEquals(repeats, r.number("duplicates", "repeated examples"));
        assertEquals(2, r.number("vocabulary", "min count"));
    }

    @Test
    void givenBadRowsAndADuplicate_whenSentimentInspected_thenCountedWithTheirLines()
            throws IOException {
        Path train =
                write(
                        "train.tsv",
                        "label\ttext\n"
                                + "pos\tgreat film\n"
                                + "neg\tbad film\n"
                                + "pos\tgreat film\n"
                                + "\tno label here\n"
                                + "neg\n"
                                + "neg\tawful\n");
        Path dev = write("dev.tsv", "label\ttext\npos\tgreat film\nneg\tterrible acting\n");
        InspectionReport r =
                SentimentInspector.inspect(
                        SentimentOptions.defaults().withTraining(t -> t.data(train).dev(dev)));
        assertEquals(4, r.number("rows", "read"));
        assertEquals(2, r.number("rows", "skipped (malformed)"));
        List<?> problems = (List<?>) r.figure("rows", "first problems");
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).toString().contains("train.tsv:5:"), problems.toString());
        assertTrue(problems.get(1).toString().contains("train.tsv:6:"), problems.toString());
        assertEquals(1, r.number("duplicates", "repeated examples"));
        // tokens: great 2, film 3, bad 1, awful 1 -> min count 2 keeps great and film
        assertEquals(6, r.number("vocabulary", "vocabulary size (with 4 reserved ids)"));
        assertEquals(5.0 / 7, r.number("vocabulary", "token coverage"), 1e-4);
        assertEquals(0.5, r.number("dev", "OOV rate (tokens)"), 1e-9);
        assertEquals(1, r.number("dev", "inputs also in train"));
        // lengths 2, 2, 2, 1: a cut at 2 keeps all 7 tokens, at 1 only 4
        assertEquals(2, r.number("suggested", "--max-length"));
    }

    @Test
    void givenEmbeddedSentences_whenPostagInspected_thenTagCountsMatch() throws IOException {
        List<TaggedSentence> data = PostagDataGenerator.defaultDataset();
        long words = data.stream().mapToLong(TaggedSentence::size).sum();
        long nouns = data.stream().flatMap(s -> s.tags().stream()).filter("NOUN"::equals).count();
        InspectionReport r = PostagInspector.inspect(PostagOptions.defaults());
        assertEquals(data.size(), r.number("rows", "read"));
        assertEquals(words, r.number("lengths (words per sentence)", "tokens"));
        Map<?, ?> counts = (Map<?, ?>) r.figure("tags", "counts");
        assertEquals(nouns, ((Figures.Share) counts.get("NOUN")).count());
    }

    @Test
    void givenMalformedWordTagLine_whenPostagInspected_thenReadPastAndListed() throws IOException {
        Path file =
                write(
                        "tagged.txt",
                        "The/DET cat/NOUN\nno tags here\nA/DET dog/NOUN\nThe/DET cat/NOUN\n");
        InspectionReport r =
                PostagInspector.inspect(PostagOptions.defaults().withTraining(t -> t.data(file)));
        assertEquals(3, r.number("rows", "read"));
        assertEquals(1, r.number("rows", "skipped (malformed)"));
        assertTrue(r.figure("rows", "first problems").toString().contains("tagged.txt:2:"));
        assertEquals(1, r.number("duplicates", "repeated examples"));
    }

    @Test
    void givenBrokenConlluSentence_whenPostagInspected_thenOneBadSentence() throws IOException {
        String ok = "1\tA\t_\tDET\t_\t_\t_\t_\t_\t_\n2\tdog\t_\tNOUN\t_\t_\t_\t_\t_\t_\n\n";
        String broken =
                "1\tThe\t_\tDET\t_\t_\t_\t_\t_\t_\n2\tcat\n3\tsat\t_\tVERB\t_\t_\t_\t_\t_\t_\n"
                        + "4\there\t_\tADV\t_\t_\t_\t_\t_\t_\n\n";
        Path file = write("t.conllu", ok + broken + ok);
        InspectionReport r =
                PostagInspector.inspect(PostagOptions.defaults().withTraining(t -> t.data(file)));
        assertEquals(2, r.number("rows", "read"));
        assertEquals(1, r.number("rows", "skipped (malformed)"));
        assertTrue(r.figure("rows", "first problems").toString().contains("t.conllu:5:"));
    }

    @Test
    void givenEmbeddedDates_whenTranslateInspected_thenPairsAndDuplicatesMatch()
            throws IOException {
        List<ParallelPair> data = TranslateDataGenerator.defaultDataset();
        Set<String> seen = new HashSet<>();
        int repeats = 0;
        for (ParallelPair p : data) {
            repeats += seen.add(p.source() + "\t" + p.target()) ? 0 : 1;
        }
        InspectionReport r = TranslateInspector.inspect(TranslateOptions.defaults());
        assertEquals(data.size(), r.number("rows", "read"));
        assertEquals(repeats, r.number("duplicates", "repeated examples"));
        assertEquals(data.size(), r.number("target lengths (tokens)", "examples"));
    }

    @Test
    void givenLineWithoutTab_whenTranslateInspected_thenCountedAndRatioMeasured()
            throws IOException {
        Path file = write("pairs.txt", "a b\tx y z w\nno tab here\n\nc\td\n");
        InspectionReport r =
                TranslateInspector.inspect(
                        TranslateOptions.defaults().withTraining(t -> t.data(file)));
        assertEquals(2, r.number("rows", "read"));
        assertEquals(1, r.number("rows", "skipped (malformed)"));
        assertEquals(1, r.number("rows", "blank lines (skipped)"));
        assertTrue(r.figure("rows", "first problems").toString().contains("pairs.txt:2:"));
        assertEquals(2.0, r.number("length ratio (target / source)", "p95"), 1e-9);
        assertEquals(1.0, r.number("length ratio (target / source)", "p5"), 1e-9);
    }

    @Test
    void givenEmbeddedScenes_whenCaptionInspected_thenImagesAndCaptionsMatch() throws IOException {
        List<CaptionDataGenerator.Scene> scenes =
                CaptionDataGenerator.generate(
                        CaptionDataGenerator.DEFAULT_SIZE, CaptionDataGenerator.DEFAULT_SEED);
        long captions = scenes.stream().mapToLong(s -> s.captions().size()).sum();
        long dev = scenes.stream().filter(s -> "dev".equals(s.split())).count();
        InspectionReport r = CaptionInspector.inspect(CaptionOptions.defaults());
        assertEquals(scenes.size(), r.number("rows", "images"));
        assertEquals(captions, r.number("rows", "captions"));
        assertEquals(dev, ((Map<?, ?>) r.figure("rows", "images per split")).get("dev"));
    }

    @Test
    void givenMissingImage_whenCaptionInspected_thenListed() throws IOException {
        write(
                "corpus/captions.txt",
                "a.jpg#0\ta red square\na.jpg#1\ta red square\nb.jpg#0\ta blue circle\n");
        write("corpus/images/a.jpg", "not decoded");
        InspectionReport r =
                CaptionInspector.inspect(
                        CaptionOptions.defaults().withTraining(t -> t.data(dir.resolve("corpus"))));
        assertEquals(2, r.number("rows", "images"));
        assertEquals(1, r.number("rows", "missing image files"));
        assertTrue(r.figure("rows", "first missing").toString().contains("b.jpg"));
        assertEquals(1, r.number("duplicates", "repeated captions (same words)"));
        assertEquals(1, r.number("duplicates", "images with a repeated caption"));
    }

    @Test
    void givenEmbeddedSeries_whenForecastInspected_thenRowsAndNoGaps() throws IOException {
        InspectionReport r = ForecastInspector.inspect(ForecastOptions.defaults());
        assertEquals(ForecastDataGenerator.DEFAULT_ROWS, r.number("rows", "rows"));
        assertEquals(0, r.number("time", "irregular steps (gaps)"));
        assertEquals("1h", r.figure("time", "step"));
    }

    @Test
    void givenGapMissingValueAndConstantColumn_whenForecastInspected_thenAllReported()
            throws IOException {
        Path file =
                write(
                        "series.csv",
                        "date,a,b\n2020-01-01,1,5\n2020-01-02,2,5\n2020-01-04,NA,5\n"
                                + "2020-01-05,4,5\n");
        InspectionReport r =
                ForecastInspector.inspect(
                        ForecastOptions.defaults()
                                .withTraining(t -> t.data(file))
                                .withColumns(c -> c.fill(FillMethod.INTERPOLATE)));
        assertEquals(4, r.number("rows", "rows"));
        assertEquals(1L, ((Map<?, ?>) r.figure("columns", "a")).get("missing"));
        assertEquals(List.of("b"), r.figure("constant columns", "columns"));
        assertEquals(1, r.number("time", "filled values"));
        assertEquals(1, r.number("time", "irregular steps (gaps)"));
        assertEquals(1, r.number("time", "timestamps missing in gaps"));
        InspectionReport none =
                ForecastInspector.inspect(
                        ForecastOptions.defaults().withTraining(t -> t.data(file)));
        assertTrue(none.figure("time", "train would fail").toString().contains("series.csv:4"));
    }

    @Test
    void givenReport_whenWritten_thenTextJsonAndNonEmptyPng() throws IOException {
        InspectionReport r = SentimentInspector.inspect(SentimentOptions.defaults());
        List<Path> files = r.write(dir.resolve("out"));
        assertEquals(
                List.of("report.txt", "report.json", "lengths.png"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        byte[] png = Files.readAllBytes(files.get(2));
        assertTrue(png.length > 1000, "png bytes: " + png.length);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(files.get(1)).contains("\"sections\""));
        assertTrue(Files.readString(files.get(0)).startsWith("sentiment inspect: "));
    }
}
