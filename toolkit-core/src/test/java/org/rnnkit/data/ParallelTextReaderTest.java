package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.split.FileSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelTextReaderTest {

    @TempDir Path dir;

    private static final String CORPUS =
            "Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org #2877272\n"
                    + "  I'm fine.  \t Je vais bien. \n"
                    + "\n"
                    + "Thanks!\tMerci !\r\n"
                    + "   \n";

    private Path write(String name, String content) throws IOException {
        return DataTestFiles.write(dir, name, content);
    }

    private static MalformedDataException malformed(Path file, boolean reverse) {
        return assertThrows(
                MalformedDataException.class, () -> ParallelTextReader.readAll(file, reverse));
    }

    @Test
    void givenTabSeparatedLines_whenReadAll_thenPairsStrippedExtraColumnsIgnoredLinesKept()
            throws IOException {
        List<ParallelPair> pairs = ParallelTextReader.readAll(write("fra.txt", CORPUS), false);
        assertEquals(
                List.of(
                        new ParallelPair("Go.", "Va !", 1),
                        new ParallelPair("I'm fine.", "Je vais bien.", 2),
                        new ParallelPair("Thanks!", "Merci !", 4)),
                pairs);
    }

    @Test
    void givenBlankLines_whenRead_thenSkippedAndCounted() throws IOException {
        try (ParallelTextReader r = new ParallelTextReader(false)) {
            r.initialize(write("fra.txt", CORPUS));
            int n = 0;
            while (r.hasNext()) {
                r.nextPair();
                n++;
            }
            assertEquals(3, n);
            assertEquals(2, r.skippedBlankLines());
        }
    }

    @Test
    void givenReverse_whenReadAll_thenSidesSwapped() throws IOException {
        List<ParallelPair> pairs = ParallelTextReader.readAll(write("fra.txt", CORPUS), true);
        assertEquals(new ParallelPair("Va !", "Go.", 1), pairs.get(0));
        assertEquals(new ParallelPair("Merci !", "Thanks!", 4), pairs.get(2));
    }

    @Test
    void givenGzipFile_whenReadAll_thenSameAsPlain() throws IOException {
        Path gz = dir.resolve("fra.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CORPUS.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(
                ParallelTextReader.readAll(write("fra.txt", CORPUS), false),
                ParallelTextReader.readAll(gz, false));
    }

    @Test
    void givenNotGzipButNamedGz_whenRead_thenMalformedNamesFile() throws IOException {
        Path bad = write("fra.txt.gz", CORPUS);
        MalformedDataException e = malformed(bad, false);
        assertTrue(e.getMessage().contains("fra.txt.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void givenLineWithoutTab_whenRead_thenMalformedWithFileLineAndExpectation() throws IOException {
        Path file = write("bad.txt", "Go.\tVa !\nHello Bonjour\n");
        MalformedDataException e = malformed(file, false);
        assertEquals(file + ":2: expected source<TAB>target, found no tab", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(file, e.file());
    }

    @Test
    void givenEmptySourceOrTarget_whenRead_thenMalformedNamesTheColumn() throws IOException {
        Path noSource = write("s.txt", "Go.\tVa !\n  \tBonjour\n");
        MalformedDataException e = malformed(noSource, false);
        assertEquals(
                noSource + ":2: expected source<TAB>target, found an empty source in column 1",
                e.getMessage());
        Path noTarget = write("t.txt", "\n\nHello\t \textra\n");
        e = malformed(noTarget, true);
        assertEquals(
                noTarget + ":3: expected source<TAB>target, found an empty target in column 2",
                e.getMessage());
    }

    @Test
    void givenInvalidUtf8_whenRead_thenMalformedOnThatLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        byte[] ok = "Go.\tVa !\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'C', 'a', 'f', (byte) 0xE9, '\t', 'x', '\n'};
        byte[] all = Arrays.copyOf(ok, ok.length + bad.length);
        System.arraycopy(bad, 0, all, ok.length, bad.length);
        Files.write(file, all);
        MalformedDataException e = malformed(file, false);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void givenOnlyBlankLines_whenReadAll_thenMalformedFoundNone() throws IOException {
        Path file = write("empty.txt", "\n \n");
        MalformedDataException e = malformed(file, false);
        assertTrue(e.getMessage().contains("found none"), e.getMessage());
    }

    @Test
    void givenByteOrderMark_whenRead_thenDroppedFromFirstSource() throws IOException {
        List<ParallelPair> pairs =
                ParallelTextReader.readAll(write("bom.txt", "\ufeffGo.\tVa !\n"), false);
        assertEquals("Go.", pairs.get(0).source());
    }

    @Test
    void givenFileSplit_whenIteratedAsDataVecReaderAndReset_thenTextRecordsWithLineMetadata()
            throws IOException {
        Path file = write("fra.txt", CORPUS);
        try (ParallelTextReader r = new ParallelTextReader(false)) {
            r.initialize(new FileSplit(file.toFile()));
            assertTrue(r.resetSupported());
            r.next();
            Record second = r.nextRecord();
            assertEquals("I'm fine.", second.getRecord().get(0).toString());
            assertEquals("Je vais bien.", second.getRecord().get(1).toString());
            assertEquals(2, ((RecordMetaDataLine) second.getMetaData()).getLineNumber());
            r.next();
            assertFalse(r.hasNext());
            r.reset();
            assertEquals("Go.", r.next().get(0).toString());
        }
    }

    @Test
    void givenUninitializedReader_whenHasNext_thenIllegalState() {
        assertThrows(IllegalStateException.class, () -> new ParallelTextReader(false).hasNext());
    }

    private static DataFormat columns(boolean header, String source, String target) {
        return new DataFormat(
                null,
                header,
                Map.of(DataFormat.SOURCE, List.of(source), DataFormat.TARGET, List.of(target)),
                null,
                1);
    }

    @Test
    void givenCsvWithHeader_whenColumnsByName_thenPairsFromThoseColumnsWithQuotedFields()
            throws IOException {
        Path file =
                write(
                        "pairs.csv",
                        "id,English,French\n"
                                + "1,\"Hello, world\",\"Bonjour, le monde\"\n"
                                + "\n"
                                + "2,Go.,\"Va !\"\n");
        DataFormat format = columns(true, "french", "English");
        assertEquals(
                List.of(
                        new ParallelPair("Bonjour, le monde", "Hello, world", 2),
                        new ParallelPair("Va !", "Go.", 4)),
                ParallelTextReader.readAll(file, false, format));
        assertEquals(
                new ParallelPair("Go.", "Va !", 4),
                ParallelTextReader.readAll(file, true, format).get(1));
        try (ParallelTextReader r = new ParallelTextReader(false, format)) {
            r.initialize(file);
            while (r.hasNext()) {
                r.nextPair();
            }
            assertEquals(1, r.skippedBlankLines());
        }
    }

    @Test
    void givenHeaderlessTsv_whenColumnsByIndex_thenPairsFromThoseColumns() throws IOException {
        Path file = write("pairs.tsv", "7\tGo.\tVa !\n8\tThanks!\tMerci !\n");
        assertEquals(
                List.of(
                        new ParallelPair("Va !", "Go.", 1),
                        new ParallelPair("Merci !", "Thanks!", 2)),
                ParallelTextReader.readAll(file, false, columns(false, "3", "2")));
    }

    @Test
    void givenDelimiterOnly_whenRead_thenFirstTwoColumnsOfEveryLine() throws IOException {
        Path file = write("pairs.txt", "Go.|Va !|extra\nHi.|Salut.\n");
        DataFormat pipe = new DataFormat("pipe", true, Map.of(), null, 1);
        assertEquals(
                List.of(new ParallelPair("Go.", "Va !", 1), new ParallelPair("Hi.", "Salut.", 2)),
                ParallelTextReader.readAll(file, false, pipe));
    }

    @Test
    void givenUnknownColumnName_whenRead_thenErrorNamesFileOptionAndHeader() throws IOException {
        Path file = write("pairs.tsv", "en\tde\nGo.\tGeh.\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                ParallelTextReader.readAll(
                                        file, false, columns(true, "French", "en")));
        assertEquals(
                file + ":1: --source-column French: no such column; the header has [en, de]",
                e.getMessage());
        e =
                assertThrows(
                        MalformedDataException.class,
                        () -> ParallelTextReader.readAll(file, false, columns(true, "en", "3")));
        assertTrue(
                e.getMessage().contains("--target-column 3: the header has only 2 columns"),
                e.getMessage());
        e =
                assertThrows(
                        MalformedDataException.class,
                        () -> ParallelTextReader.readAll(file, false, columns(false, "en", "2")));
        assertTrue(
                e.getMessage().contains("--source-column en: the file has no header (--no-header)"),
                e.getMessage());
    }

    @Test
    void givenShortRowOrSameColumn_whenRead_thenErrorNamesLineAndColumns() throws IOException {
        Path file = write("pairs.csv", "en,fr\nGo.,Va !\nlonely\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () -> ParallelTextReader.readAll(file, false, columns(true, "en", "fr")));
        assertEquals(
                file
                        + ":3: expected at least 2 columns separated by ',' (source in column 1"
                        + " (en), target in column 2 (fr)), found 1",
                e.getMessage());
        e =
                assertThrows(
                        MalformedDataException.class,
                        () -> ParallelTextReader.readAll(file, false, columns(true, "fr", "2")));
        assertTrue(e.getMessage().contains("name the same column"), e.getMessage());
    }

    @Test
    void givenOnlyOneColumn_whenReaderCreated_thenErrorNamesTheMissingOption() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new ParallelTextReader(
                                        false,
                                        DataFormat.DEFAULT.withColumns(
                                                DataFormat.SOURCE, List.of("French"))));
        assertEquals(
                "--source-column needs --target-column too, received only --source-column French",
                e.getMessage());
    }
}
