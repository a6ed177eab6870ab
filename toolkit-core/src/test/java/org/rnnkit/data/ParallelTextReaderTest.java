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
}
