package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.data.DataTestFiles.assertMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledTextRecordReaderTest {

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        return DataTestFiles.write(dir, name, content);
    }

    private static MalformedDataException malformed(Path p) {
        return assertThrows(MalformedDataException.class, () -> LabeledTextDataset.read(p, false));
    }

    @Test
    void givenTsvWithExtraColumns_whenReadThroughDataVec_thenLabelAndTextRecordsWithLines()
            throws Exception {
        Path p =
                write(
                        "reviews.tsv",
                        "label\tid\ttext\npos\t1\tGreat fun\n\nneg\t2\tDull \"plot\"\n");
        try (LabeledTextRecordReader reader = new LabeledTextRecordReader(false)) {
            reader.initialize(new FileSplit(p.toFile()));
            List<Writable> first = reader.next();
            assertEquals("pos", first.get(0).toString());
            assertEquals("Great fun", first.get(1).toString());
            assertTrue(reader.hasNext());
            assertEquals("Dull \"plot\"", reader.next().get(1).toString());
            assertTrue(!reader.hasNext());
            reader.reset();
            assertEquals("pos", reader.next().get(0).toString());
        }
        LabeledTextDataset set = LabeledTextDataset.read(p, false);
        assertEquals(List.of(2L, 4L), set.examples().stream().map(LabeledText::line).toList());
        assertEquals(List.of("neg", "pos"), set.labels());
    }

    @Test
    void givenCsvWithQuotedCommasAndNewlines_whenRead_thenFieldsUnquoted() throws IOException {
        Path p =
                write(
                        "sst.csv",
                        "sentence,label\n\"good, \"\"really\"\" good\",1\n\"two\nlines\",0\nplain,1\n");
        LabeledTextDataset set = LabeledTextDataset.read(p, false);
        assertEquals(
                List.of("good, \"really\" good", "two\nlines", "plain"),
                set.examples().stream().map(LabeledText::text).toList());
        assertEquals(List.of(2L, 3L, 5L), set.examples().stream().map(LabeledText::line).toList());
    }

    @Test
    void givenGzippedTsv_whenRead_thenSameAsPlain() throws IOException {
        Path p = dir.resolve("r.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("label\treview\npos\tyes\nneg\tno\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, LabeledTextDataset.read(p, false).size());
    }

    @Test
    void givenTruncatedGzip_whenRead_thenErrorSaysTruncated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            StringBuilder sb = new StringBuilder("label\ttext\n");
            for (int i = 0; i < 2000; i++) {
                sb.append("pos\treview number ").append(i).append(" with some words\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bytes.toByteArray();
        Path p = dir.resolve("cut.tsv.gz");
        Files.write(p, Arrays.copyOf(all, all.length / 2));
        assertMessage(malformed(p), "cut.tsv.gz", "truncated");
    }

    @Test
    void givenMissingColumn_whenRead_thenErrorNamesFileLineAndExpectation() throws IOException {
        Path p = write("bad.tsv", "label\ttext\npos\tfine\nneg\n");
        assertMessage(
                malformed(p), "bad.tsv:3:", "expected at least 2 tab-separated columns", "found 1");
    }

    @Test
    void givenEmptyTextOrLabel_whenRead_thenErrorNamesLine() throws IOException {
        assertMessage(
                malformed(write("e1.tsv", "label\ttext\npos\t   \n")),
                "e1.tsv:2:",
                "expected text in column 2");
        assertMessage(
                malformed(write("e2.tsv", "label\ttext\n\tsome text\n")),
                "e2.tsv:2:",
                "expected a label");
    }

    @Test
    void givenInvalidUtf8_whenRead_thenErrorNamesLineAndEncoding() throws IOException {
        Path p = dir.resolve("latin1.tsv");
        byte[] head = "label\ttext\npos\tok\nneg\tcaf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9;
        bytes[head.length + 1] = '\n';
        Files.write(p, bytes);
        assertMessage(malformed(p), "latin1.tsv:3:", "expected UTF-8");
    }

    @Test
    void givenHeaderWithoutTextColumn_whenRead_thenErrorListsAcceptedNames() throws IOException {
        assertMessage(
                malformed(write("h.tsv", "label\tbody\npos\tx\n")),
                "h.tsv:1:",
                "[text, sentence, review, content]");
    }

    @Test
    void givenEmptyFileOrHeaderOnly_whenRead_thenClearErrors() throws IOException {
        assertMessage(malformed(write("empty.tsv", "")), "empty.tsv", "the file is empty");
        assertMessage(
                malformed(write("header.tsv", "label\ttext\n")),
                "header.tsv",
                "at least one example");
    }

    @Test
    void givenMissingFile_whenRead_thenNoSuchFile() {
        assertThrows(
                NoSuchFileException.class,
                () -> LabeledTextDataset.read(dir.resolve("nope.tsv"), false));
    }

    @Test
    void givenSkipBadRows_whenRead_thenBadRowsCountedAndGoodOnesKept() throws IOException {
        Path p = write("mixed.tsv", "label\ttext\npos\tgood\nneg\nneg\t \nneg\tbad\n");
        LabeledTextDataset set = LabeledTextDataset.read(p, true);
        assertEquals(2, set.size());
        assertEquals(2, set.skippedRows());
    }

    @Test
    void givenAclImdbLayout_whenRead_thenLabelsFromFoldersAndUnsupIgnored() throws IOException {
        Path root = dir.resolve("aclImdb/train");
        for (String label : List.of("pos", "neg", "unsup")) {
            Files.createDirectories(root.resolve(label));
        }
        Files.writeString(root.resolve("pos/0_9.txt"), "Loved it.<br />Great.");
        Files.writeString(root.resolve("pos/1_8.txt"), "Fine film.");
        Files.writeString(root.resolve("neg/0_2.txt"), "Awful.");
        Files.writeString(root.resolve("unsup/0_0.txt"), "No label.");
        LabeledTextDataset set = LabeledTextDataset.read(root, false);
        assertEquals(3, set.size());
        assertEquals(
                List.of("neg", "pos", "pos"),
                set.examples().stream().map(LabeledText::label).toList());
        assertTrue(set.examples().get(0).source().endsWith("0_2.txt"));
        assertMessage(
                malformed(dir.resolve("aclImdb")), "looks like the aclImdb root", "aclImdb/train");
    }

    @Test
    void givenDataset_whenSplit_thenStratifiedDisjointAndSeeded() throws IOException {
        StringBuilder sb = new StringBuilder("label\ttext\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i % 4 == 0 ? "neg" : "pos").append("\ttext ").append(i).append('\n');
        }
        LabeledTextDataset set = LabeledTextDataset.read(write("s.tsv", sb.toString()), false);
        List<LabeledTextDataset> parts = set.split(0.2, 1);
        assertEquals(80, parts.get(0).size());
        assertEquals(20, parts.get(1).size());
        assertEquals(
                5, parts.get(1).examples().stream().filter(e -> e.label().equals("neg")).count());
        assertEquals(parts.get(1).examples(), set.split(0.2, 1).get(1).examples());
        assertTrue(parts.get(0).examples().stream().noneMatch(parts.get(1).examples()::contains));
    }
}
