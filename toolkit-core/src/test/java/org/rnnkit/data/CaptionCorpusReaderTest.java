package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.data.DataTestFiles.assertMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionCorpusReaderTest {

    @TempDir Path dir;

    private void write(String name, String text) throws IOException {
        DataTestFiles.write(dir, name, text);
    }

    private MalformedDataException malformed() {
        return assertThrows(
                MalformedDataException.class, () -> CaptionCorpusReader.read(dir, false));
    }

    @Test
    void givenCaptionsAndSplits_whenRead_thenCaptionsGroupedPerImageWithSplits()
            throws IOException {
        write(
                "captions.txt",
                "a.jpg#0\ta dog runs .\na.jpg#1\tA brown dog .\n\nb.jpg#0\ta cat sleeps\n"
                        + "c.jpg\tno number is fine\n");
        write("splits.tsv", "image\tsplit\na.jpg\ttrain\nb.jpg\tdev\n");
        CaptionCorpus corpus = CaptionCorpusReader.read(dir, false);
        assertEquals("captions.txt", corpus.format());
        assertEquals(3, corpus.images().size());
        assertEquals(List.of("a dog runs .", "A brown dog ."), corpus.images().get(0).captions());
        assertEquals("train", corpus.images().get(0).split());
        assertEquals("dev", corpus.images().get(1).split());
        assertNull(corpus.images().get(2).split());
        assertEquals(
                List.of("b.jpg"), corpus.split("dev").stream().map(CaptionedImage::image).toList());
        assertEquals(dir.resolve("images").resolve("a.jpg"), corpus.path(corpus.images().get(0)));
    }

    @Test
    void givenMalformedCaptionLine_whenRead_thenErrorNamesFileLineAndExpectation()
            throws IOException {
        write("captions.txt", "a.jpg#0\tfine\na.jpg#1 no tab here\n");
        MalformedDataException e = malformed();
        assertEquals(2, e.line());
        assertMessage(e, "captions.txt:2:", "expected image.jpg#k<TAB>caption");
    }

    @Test
    void givenEmptyCaptionAndBadNumber_whenReadWithSkip_thenCountedAndSkipped() throws IOException {
        write("captions.txt", "a.jpg#0\tfine\na.jpg#1\t  \nb.jpg#x\tbad number\nc.jpg#0\tok\n");
        MalformedDataException e = malformed();
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("expected a caption after the tab"), e.getMessage());
        CaptionCorpus corpus = CaptionCorpusReader.read(dir, true);
        assertEquals(2, corpus.skippedRows());
        assertEquals(2, corpus.images().size());
    }

    @Test
    void givenUnknownSplitName_whenRead_thenErrorNamesSplitFileAndLine() throws IOException {
        write("captions.txt", "a.jpg#0\tfine\n");
        write("splits.tsv", "a.jpg\ttrain\nb.jpg\tvalidation\n");
        MalformedDataException e = malformed();
        assertMessage(e, "splits.tsv:2:", "train, dev or test");
    }

    @Test
    void givenFlickr8kLayout_whenRead_thenSplitsFromImageLists() throws IOException {
        write("Flickr8k.token.txt", "x.jpg#0\tone\nx.jpg#1\ttwo\ny.jpg#0\tthree\nz.jpg#0\tfour\n");
        write("Flickr_8k.trainImages.txt", "x.jpg\n");
        write("Flickr_8k.devImages.txt", "y.jpg\n");
        write("Flickr_8k.testImages.txt", "z.jpg\n");
        Files.createDirectories(dir.resolve("Flicker8k_Dataset"));
        CaptionCorpus corpus = CaptionCorpusReader.read(dir, false);
        assertEquals("flickr8k", corpus.format());
        assertEquals(2, corpus.split("train").get(0).captions().size());
        assertEquals("y.jpg", corpus.split("dev").get(0).image());
        assertEquals("z.jpg", corpus.split("test").get(0).image());
        assertEquals(dir.resolve("Flicker8k_Dataset"), corpus.imageDirectory());
    }

    @Test
    void givenCocoJson_whenRead_thenAnnotationsJoinedToImages() throws IOException {
        write(
                "captions_val.json",
                "{\"images\": [{\"id\": 7, \"file_name\": \"p.jpg\"}, {\"id\": 9, \"file_name\":"
                        + " \"q.jpg\", \"split\": \"test\"}],\n"
                        + " \"annotations\": [{\"image_id\": 7, \"caption\": \"a man\"},"
                        + " {\"image_id\": 9, \"caption\": \"a boat\"}, {\"image_id\": 7,"
                        + " \"caption\": \"a person\"}]}");
        CaptionCorpus corpus = CaptionCorpusReader.read(dir, false);
        assertEquals("coco", corpus.format());
        assertEquals(List.of("a man", "a person"), corpus.images().get(0).captions());
        assertEquals("test", corpus.images().get(1).split());
    }

    @Test
    void givenCocoAnnotationForUnknownImage_whenRead_thenClearError() throws IOException {
        write(
                "c.json",
                "{\"images\": [{\"id\": 1, \"file_name\": \"p.jpg\"}], \"annotations\":"
                        + " [{\"image_id\": 2, \"caption\": \"x\"}]}");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () -> CaptionCorpusReader.read(dir.resolve("c.json"), false));
        assertTrue(e.getMessage().contains("annotations[0]: image_id 2"), e.getMessage());
        write("c.json", "{\"images\": [\n{\"id\": 1,,}]}");
        MalformedDataException syntax =
                assertThrows(
                        MalformedDataException.class,
                        () -> CaptionCorpusReader.read(dir.resolve("c.json"), false));
        assertEquals(2, syntax.line());
    }

    @Test
    void givenDirectoryWithoutCorpus_whenRead_thenMessageListsLayouts() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> CaptionCorpusReader.read(dir, false));
        assertMessage(e, "captions.txt", "Flickr8k.token.txt");
    }

    private static DataFormat columns(boolean header, String image, String caption) {
        return new DataFormat(
                null,
                header,
                Map.of(DataFormat.IMAGE, List.of(image), DataFormat.CAPTION, List.of(caption)),
                null,
                1);
    }

    private static List<List<String>> captionsOf(CaptionCorpus corpus) {
        return corpus.images().stream().map(CaptionedImage::captions).toList();
    }

    @Test
    void givenCsvWithHeader_whenColumnsByName_thenRowsGroupedPerImage() throws IOException {
        write(
                "caps.csv",
                "id,file,text\n1,a.jpg,\"a dog, running\"\n2,b.jpg,a cat\n\n3,a.jpg,a brown dog\n");
        Files.createDirectories(dir.resolve("images"));
        CaptionCorpus corpus =
                CaptionCorpusReader.read(
                        dir.resolve("caps.csv"), false, columns(true, "File", "text"));
        assertEquals("table", corpus.format());
        assertEquals(
                List.of("a.jpg", "b.jpg"),
                corpus.images().stream().map(CaptionedImage::image).toList());
        assertEquals(
                List.of(List.of("a dog, running", "a brown dog"), List.of("a cat")),
                captionsOf(corpus));
        assertEquals(dir.resolve("images").resolve("a.jpg"), corpus.path(corpus.images().get(0)));
        assertTrue(corpus.images().stream().allMatch(i -> i.split() == null));
    }

    @Test
    void givenHeaderlessTsvOrDefaultNames_whenRead_thenColumnsFound() throws IOException {
        write("caps.tsv", "x\ta.jpg\ta dog\nx\tb.jpg\ta cat\n");
        CaptionCorpus byIndex =
                CaptionCorpusReader.read(dir.resolve("caps.tsv"), false, columns(false, "2", "3"));
        assertEquals(List.of(List.of("a dog"), List.of("a cat")), captionsOf(byIndex));
        assertEquals(dir, byIndex.imageDirectory());
        write("named.csv", "image,caption\na.jpg,a dog\n");
        CaptionCorpus byDefault =
                CaptionCorpusReader.read(dir.resolve("named.csv"), false, DataFormat.DEFAULT);
        assertEquals(List.of(List.of("a dog")), captionsOf(byDefault));
    }

    @Test
    void givenJsonLines_whenFieldsNamed_thenCaptionTextsAndListsRead() throws IOException {
        write(
                "caps.jsonl",
                "{\"img\": \"a.jpg\", \"sentences\": [\"a dog\", \"a brown dog\"]}\n\n"
                        + "{\"img\": \"b.jpg\", \"sentences\": \"a cat\", \"extra\": 1}\n");
        CaptionCorpus corpus =
                CaptionCorpusReader.read(
                        dir.resolve("caps.jsonl"), false, columns(true, "img", "sentences"));
        assertEquals("jsonl", corpus.format());
        assertEquals(
                List.of(List.of("a dog", "a brown dog"), List.of("a cat")), captionsOf(corpus));
        write("default.jsonl", "{\"image\": \"a.jpg\", \"caption\": \"a dog\"}\n");
        assertEquals(
                List.of(List.of("a dog")),
                captionsOf(
                        CaptionCorpusReader.read(
                                dir.resolve("default.jsonl"), false, DataFormat.DEFAULT)));
    }

    @Test
    void givenWrongColumns_whenRead_thenErrorsNameFileLineAndOption() throws IOException {
        write("caps.csv", "image,caption\na.jpg,a dog\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                CaptionCorpusReader.read(
                                        dir.resolve("caps.csv"),
                                        false,
                                        columns(true, "image", "text")));
        assertEquals(
                dir.resolve("caps.csv")
                        + ":1: --caption-column text: no such column; the header has [image,"
                        + " caption]",
                e.getMessage());
        write("caps.jsonl", "{\"image\": \"a.jpg\", \"caption\": \"ok\"}\n{\"file\": \"b.jpg\"}\n");
        e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                CaptionCorpusReader.read(
                                        dir.resolve("caps.jsonl"),
                                        false,
                                        columns(true, "image", "caption")));
        assertEquals(
                dir.resolve("caps.jsonl")
                        + ":2: --image-column image: no such field; this object has [file]",
                e.getMessage());
        CaptionCorpus skipped =
                CaptionCorpusReader.read(
                        dir.resolve("caps.jsonl"), true, columns(true, "image", "caption"));
        assertEquals(1, skipped.skippedRows());
        write("short.tsv", "a.jpg\ta dog\nb.jpg\n");
        e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                CaptionCorpusReader.read(
                                        dir.resolve("short.tsv"), false, columns(false, "1", "2")));
        assertMessage(e, "short.tsv:2:", "expected at least 2 columns", "found 1");
    }

    @Test
    void givenGzippedCocoJson_whenRead_thenSameAsPlain() throws IOException {
        String coco =
                "{\"images\": [{\"id\": 7, \"file_name\": \"p.jpg\"}], \"annotations\":"
                        + " [{\"image_id\": 7, \"caption\": \"a man\"}]}";
        Path gz = dir.resolve("c.json.gz");
        try (java.io.OutputStream out =
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(coco.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        CaptionCorpus corpus = CaptionCorpusReader.read(gz, false, DataFormat.DEFAULT);
        assertEquals("coco", corpus.format());
        assertEquals(List.of(List.of("a man")), captionsOf(corpus));
    }
}
