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
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.split.FileSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggedSentenceReaderTest {

    @TempDir Path dir;

    private static final String CONLLU =
            String.join(
                    "\n",
                    "# newdoc id = test",
                    "# sent_id = 1",
                    "# text = I can't go.",
                    "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_",
                    "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_",
                    "2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_",
                    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
                    "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No",
                    "4.1\tgone\t_\tVERB\tVBN\t_\t_\t_\t4:conj\t_",
                    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
                    "",
                    "# sent_id = 2",
                    "1\tBook\tbook\tVERB\tVB\t_\t0\troot\t_\t_",
                    "2\tit\tit\tPRON\tPRP\t_\t1\tobj\t_\t_",
                    "",
                    "");

    private Path write(String name, String content) throws IOException {
        return DataTestFiles.write(dir, name, content);
    }

    @Test
    void conlluSkipsCommentsMultiwordTokensAndEmptyNodes() throws IOException {
        List<TaggedSentence> s =
                TaggedSentenceReader.readAll(write("a.conllu", CONLLU), Tagset.UPOS);
        assertEquals(2, s.size());
        assertEquals(List.of("I", "ca", "n't", "go", "."), s.get(0).words());
        assertEquals(List.of("PRON", "AUX", "PART", "VERB", "PUNCT"), s.get(0).tags());
        assertEquals(4, s.get(0).line());
        assertEquals(List.of("Book", "it"), s.get(1).words());
        assertEquals(List.of("VERB", "PRON"), s.get(1).tags());
        assertEquals(13, s.get(1).line());
    }

    @Test
    void xposTagsetReadsColumnFive() throws IOException {
        List<TaggedSentence> s =
                TaggedSentenceReader.readAll(write("a.conllu", CONLLU), Tagset.XPOS);
        assertEquals(List.of("PRP", "MD", "RB", "VB", "."), s.get(0).tags());
    }

    @Test
    void formatIsSniffedAndGzipIsRead() throws IOException {
        Path gz = dir.resolve("ud.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CONLLU.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, TaggedSentenceReader.readAll(gz, Tagset.UPOS).size());
        Path slash =
                write(
                        "tagged.txt",
                        "\nthey/PRON book/VERB a/DET flight/NOUN\n\nread/VERB 1/2/NUM\n");
        List<TaggedSentence> s = TaggedSentenceReader.readAll(slash, Tagset.UPOS);
        assertEquals(2, s.size());
        assertEquals(List.of("they", "book", "a", "flight"), s.get(0).words());
        assertEquals(List.of("PRON", "VERB", "DET", "NOUN"), s.get(0).tags());
        assertEquals(List.of("read", "1/2"), s.get(1).words());
        assertEquals(List.of("VERB", "NUM"), s.get(1).tags());
        assertEquals(4, s.get(1).line());
    }

    @Test
    void datavecSequenceRecordsCarryFileAndLine() throws Exception {
        Path file = write("a.conllu", CONLLU);
        try (TaggedSentenceReader r = new TaggedSentenceReader(Tagset.UPOS)) {
            r.initialize(new FileSplit(file.toFile()));
            SequenceRecord first = r.nextSequence();
            assertEquals(5, first.getSequenceRecord().size());
            assertEquals("ca", first.getSequenceRecord().get(1).get(0).toString());
            assertEquals("AUX", first.getSequenceRecord().get(1).get(1).toString());
            assertEquals(4, ((RecordMetaDataLine) first.getMetaData()).getLineNumber());
            assertEquals(2, r.sequenceRecord().size());
            assertFalse(r.hasNext());
            r.reset();
            assertTrue(r.hasNext());
            assertEquals(5, r.sequenceRecord().size());
        }
    }

    private void assertMalformed(String name, String content, String where, String what) {
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () -> TaggedSentenceReader.readAll(write(name, content), Tagset.UPOS));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void malformedLinesNameFileLineAndExpectation() {
        assertMalformed(
                "cols.conllu", "1\tI\tI\tPRON\n", "cols.conllu:1:", "10 tab-separated columns");
        assertMalformed(
                "ids.conllu",
                "1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t1\tx\t_\t_\n",
                "ids.conllu:2:",
                "expected token id 2");
        assertMalformed(
                "tag.conllu",
                "# c\n1\tI\tI\t_\tPRP\t_\t0\troot\t_\t_\n",
                "tag.conllu:2:",
                "UPOS tag in column 4");
        assertMalformed("slash.txt", "good/ADJ bad\n", "slash.txt:1:", "word/TAG");
        assertMalformed("empty.txt", "\n\n", "empty.txt", "found none");
        assertThrows(
                MalformedDataException.class,
                () ->
                        TaggedSentenceReader.readAll(
                                write("bad.conllu.gz", "not gzip"), Tagset.UPOS));
    }

    private static DataFormat columns(boolean header, String token, String tag) {
        Map<String, List<String>> columns = new java.util.TreeMap<>();
        if (token != null) {
            columns.put(DataFormat.TOKEN, List.of(token));
        }
        if (tag != null) {
            columns.put(DataFormat.TAG, List.of(tag));
        }
        return new DataFormat(null, header, columns, null, 1);
    }

    @Test
    void givenSpaceSeparatedConll2003_whenTagColumnGiven_thenSentencesAtBlankLinesDocstartSkipped()
            throws IOException {
        Path file =
                write(
                        "train.conll",
                        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects  VBZ B-VP O\n\n"
                                + "Peter NNP B-NP B-PER\n");
        assertEquals(
                List.of(
                        new TaggedSentence(List.of("EU", "rejects"), List.of("B-ORG", "O"), 3),
                        new TaggedSentence(List.of("Peter"), List.of("B-PER"), 6)),
                TaggedSentenceReader.readAll(file, Tagset.UPOS, columns(true, null, "4")));
    }

    @Test
    void givenTsvWithHeader_whenColumnsByName_thenHeaderLineReadAndTokensTagged()
            throws IOException {
        Path file =
                write(
                        "tagged.tsv",
                        "word\tlemma\tPOS\nThe\tthe\tDT\ndog\tdog\tNN\n\nRun\trun\tVB\n");
        assertEquals(
                List.of(
                        new TaggedSentence(List.of("The", "dog"), List.of("DT", "NN"), 2),
                        new TaggedSentence(List.of("Run"), List.of("VB"), 5)),
                TaggedSentenceReader.readAll(file, Tagset.UPOS, columns(true, "word", "pos")));
        // by index, the first line is a token line: there is no header
        Path plain = write("plain.tsv", "The\tthe\tDT\n\nRun\trun\tVB\n");
        assertEquals(
                List.of(
                        new TaggedSentence(List.of("the"), List.of("DT"), 1),
                        new TaggedSentence(List.of("run"), List.of("VB"), 3)),
                TaggedSentenceReader.readAll(plain, Tagset.UPOS, columns(true, "2", "3")));
    }

    @Test
    void givenConllu_whenTokenAndTagColumnsNamed_thenThoseCoNlluFieldsRead() throws IOException {
        TaggedSentence first =
                TaggedSentenceReader.readAll(
                                write("ud.conllu", CONLLU),
                                Tagset.UPOS,
                                columns(true, "lemma", "xpos"))
                        .get(0);
        assertEquals(List.of("I", "can", "not", "go", "."), first.words());
        assertEquals(List.of("PRP", "MD", "RB", "VB", "."), first.tags());
    }

    @Test
    void givenBadColumns_whenRead_thenErrorsNameFileLineAndOption() throws IOException {
        Path file = write("tagged.tsv", "word\tpos\nThe\tDT\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                TaggedSentenceReader.readAll(
                                        file, Tagset.UPOS, columns(true, "word", "tag")));
        assertEquals(
                file + ":1: --tag-column tag: no such column; the header has [word, pos]",
                e.getMessage());
        e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                TaggedSentenceReader.readAll(
                                        file, Tagset.UPOS, columns(false, "word", "2")));
        assertTrue(
                e.getMessage().contains("--token-column word: the file has no header"),
                e.getMessage());
        Path short_ = write("short.tsv", "The\tthe\tDT\ndog\tdog\n");
        e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                TaggedSentenceReader.readAll(
                                        short_, Tagset.UPOS, columns(false, null, "3")));
        assertEquals(
                short_
                        + ":2: expected a token line with at least 3 columns separated by tabs"
                        + " (token in column 1, tag in column 3), found 2",
                e.getMessage());
    }
}
