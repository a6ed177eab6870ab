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
}
