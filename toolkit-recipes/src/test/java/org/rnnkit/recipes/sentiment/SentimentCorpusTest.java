package org.rnnkit.recipes.sentiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.data.LabeledTextSource;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.text.Tokenizer;
import org.rnnkit.text.Vocabulary;

/**
 * The streamed read stage gives exactly what the in-memory pipeline it replaced gave: the same
 * split, labels, vocabulary and token ids (the reference below is that pipeline, kept here).
 */
class SentimentCorpusTest {

    @TempDir Path dir;

    private Path write(String name, LabeledTextDataset set) throws IOException {
        StringBuilder sb = new StringBuilder("label\ttext\n");
        for (LabeledText e : set.examples()) {
            sb.append(e.label()).append('\t').append(e.text()).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    /** Generated reviews plus a text without tokens and a rare word (min count 2). */
    private Path data() throws IOException {
        List<LabeledText> examples =
                new ArrayList<>(SentimentDataGenerator.generate(120, 9).examples());
        examples.add(new LabeledText("neg", "<br />", "x", 0));
        examples.add(new LabeledText("pos", "a zyzzyva of a film", "x", 0));
        return write("d.tsv", new LabeledTextDataset(examples, "x", 0));
    }

    private static SentimentOptions options(int maxVocabulary) {
        return SentimentOptions.defaults()
                .withTraining(t -> t.seed(13).maxLength(5))
                .withMaxVocabulary(maxVocabulary)
                .withDevFraction(0.25);
    }

    /** The in-memory read and vocabulary stages as SentimentRecipe had them. */
    private record Reference(
            Vocabulary vocabulary,
            List<String> labels,
            List<int[]> trainIds,
            List<int[]> devIds,
            int[] trainLabels,
            int[] devLabels) {

        static Reference of(
                SentimentOptions options, LabeledTextDataset all, LabeledTextDataset devFile) {
            LabeledTextDataset train = all;
            LabeledTextDataset dev = devFile;
            if (devFile == null) {
                List<LabeledTextDataset> parts =
                        all.split(options.devFraction(), options.training().seed());
                train = parts.get(0);
                dev = parts.get(1);
            }
            Tokenizer tokenizer = Tokenizer.standard();
            List<List<String>> trainTokens =
                    train.examples().stream().map(e -> tokenizer.tokenize(e.text())).toList();
            List<List<String>> devTokens =
                    dev.examples().stream().map(e -> tokenizer.tokenize(e.text())).toList();
            Vocabulary.Builder counter = Vocabulary.builder();
            trainTokens.forEach(counter::add);
            Vocabulary vocabulary = counter.build(options.minCount(), options.maxVocabulary());
            List<String> labels = train.labels();
            return new Reference(
                    vocabulary,
                    labels,
                    SentimentModel.encodeTokens(trainTokens, vocabulary),
                    SentimentModel.encodeTokens(devTokens, vocabulary),
                    train.examples().stream().mapToInt(e -> labels.indexOf(e.label())).toArray(),
                    dev.examples().stream().mapToInt(e -> labels.indexOf(e.label())).toArray());
        }
    }

    private static void assertSame(Reference expected, SentimentCorpus actual) {
        assertEquals(expected.vocabulary(), actual.vocabulary());
        assertEquals(expected.vocabulary().tokens(), actual.vocabulary().tokens());
        assertEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.trainLabels(), actual.trainLabels());
        assertArrayEquals(expected.devLabels(), actual.devLabels());
        assertIds(expected.trainIds(), actual.trainIds());
        assertIds(expected.devIds(), actual.devIds());
        for (int i = 0; i < actual.trainSize(); i++) {
            assertEquals(expected.trainIds().get(i).length, actual.trainLength(i));
        }
    }

    private static void assertIds(List<int[]> expected, List<int[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "example " + i);
        }
    }

    @Test
    void givenFile_whenReadStreamed_thenSameSplitVocabularyAndIdsAsInMemory() throws IOException {
        Path file = data();
        for (int maxVocabulary : new int[] {30000, 12}) {
            SentimentOptions options = options(maxVocabulary);
            Reference expected = Reference.of(options, LabeledTextDataset.read(file, false), null);
            try (SentimentCorpus corpus =
                    SentimentCorpus.read(
                            options, LabeledTextSource.of(file, false), null, dir.resolve("w"))) {
                assertSame(expected, corpus);
                assertEquals(file.toString(), corpus.source());
                assertEquals(92, corpus.trainSize());
                assertEquals(30, corpus.devSize());
                assertTrue(
                        corpus.trainIds().stream()
                                        .anyMatch(
                                                ids -> ids.length == 1 && ids[0] == Vocabulary.UNK)
                                || corpus.devIds().stream()
                                        .anyMatch(
                                                ids -> ids.length == 1 && ids[0] == Vocabulary.UNK),
                        "the text without tokens is [UNK]");
            }
        }
    }

    @Test
    void givenDevFile_whenReadStreamed_thenSameAsInMemoryAndDevNotCounted() throws IOException {
        Path file = data();
        Path devFile = write("dev.tsv", SentimentDataGenerator.generate(40, 10));
        SentimentOptions options = options(30000);
        Reference expected =
                Reference.of(
                        options,
                        LabeledTextDataset.read(file, false),
                        LabeledTextDataset.read(devFile, false));
        try (SentimentCorpus corpus =
                SentimentCorpus.read(
                        options,
                        LabeledTextSource.of(file, false),
                        LabeledTextSource.of(devFile, false),
                        dir)) {
            assertSame(expected, corpus);
            assertEquals(122, corpus.trainSize());
            assertEquals(40, corpus.devSize());
        }
    }

    @Test
    void givenInMemoryData_whenRead_thenSameAsFromItsFile() throws IOException {
        Path file = data();
        LabeledTextDataset data = LabeledTextDataset.read(file, false);
        SentimentOptions options = options(30000);
        try (SentimentCorpus corpus =
                SentimentCorpus.read(options, LabeledTextSource.of(data), null, dir)) {
            assertSame(Reference.of(options, data, null), corpus);
            assertEquals(file.toString(), corpus.source());
        }
    }

    @Test
    void givenCorpus_whenClosed_thenTokenIdFileDeleted() throws IOException {
        Path work = dir.resolve("run");
        SentimentCorpus corpus =
                SentimentCorpus.read(
                        options(30000), LabeledTextSource.of(data(), false), null, work);
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(1, files.count());
        }
        corpus.close();
        try (Stream<Path> files = Files.list(work)) {
            assertFalse(files.findAny().isPresent());
        }
    }

    @Test
    void givenSingletonLabel_whenSplit_thenMessageNamesItsLine() throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("s.tsv"),
                        "label\ttext\npos\ta\nneg\tb\npos\tc\nmeh\td\nneg\te\n");
        MalformedDataException e = readFails(LabeledTextSource.of(file, false), null);
        assertTrue(e.getMessage().contains("label 'meh' occurs only once"), e.getMessage());
        assertTrue(e.getMessage().contains("s.tsv"), e.getMessage());
        assertEquals(5, e.line());
    }

    @Test
    void givenDevLabelUnknownToTraining_whenRead_thenMessageNamesDevFileAndLine()
            throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "label\ttext\npos\ta\nneg\tb\n");
        Path devFile =
                Files.writeString(dir.resolve("v.tsv"), "label\ttext\npos\ta\nmeh\tb\nneg\tc\n");
        MalformedDataException e =
                readFails(LabeledTextSource.of(file, false), LabeledTextSource.of(devFile, false));
        assertTrue(
                e.getMessage()
                        .contains("expected one of the model's labels [neg, pos], found 'meh'"),
                e.getMessage());
        assertEquals(devFile, e.file());
        assertEquals(3, e.line());
    }

    /**
     * Reads a training source and a dev source (or none), vocabulary at most 100, and asserts the
     * read fails.
     */
    private MalformedDataException readFails(LabeledTextSource train, LabeledTextSource dev) {
        return assertThrows(
                MalformedDataException.class,
                () -> SentimentCorpus.read(options(100), train, dev, dir));
    }
}
