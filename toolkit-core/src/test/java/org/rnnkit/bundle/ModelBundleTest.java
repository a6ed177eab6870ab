package org.rnnkit.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifier;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.testing.Fixtures;
import org.rnnkit.text.Vocabulary;

class ModelBundleTest {

    @TempDir Path dir;

    private static ModelBundle bundle() {
        ComputationGraph net =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(14)
                        .setNumClasses(2)
                        .optEmbeddingSize(4)
                        .optRnn(new RnnSpec(org.rnnkit.model.CellType.LSTM, 3, 1, true, 0))
                        .build();
        Vocabulary.Builder vb = Vocabulary.builder();
        vb.add(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        ObjectNode options = ModelBundle.json().createObjectNode().put("hiddenSize", 3);
        return new ModelBundle(
                "test",
                net,
                vb.build(1, 100),
                options,
                Provenance.now("test", 1, "fixture", "abc", 3, 1),
                Map.of("accuracy", 0.75),
                Map.of("labels.json", "[\"x\",\"y\"]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenBundle_whenSavedAndLoaded_thenEverythingRoundTripsAndPredictsIdentically()
            throws IOException {
        ModelBundle original = bundle();
        Path file = dir.resolve("m.zip");
        original.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals("test", loaded.task());
        assertEquals(original.vocabulary(), loaded.vocabulary());
        assertEquals(original.options(), loaded.options());
        assertEquals(original.provenance(), loaded.provenance());
        assertEquals(0.75, loaded.metrics().get("accuracy"));
        assertEquals(
                "[\"x\",\"y\"]",
                new String(loaded.attachment("labels.json"), StandardCharsets.UTF_8));
        SequenceBatcher batcher = SequenceBatcher.builder().build();
        float[][] before =
                new SequenceClassifier(original.network(), batcher, 4)
                        .predictProbabilities(Fixtures.SEQUENCES);
        float[][] after =
                new SequenceClassifier(loaded.network(), batcher, 4)
                        .predictProbabilities(Fixtures.SEQUENCES);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0f);
        }
        assertEquals("1.0.0-M2.1", loaded.provenance().dl4jVersion());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "temporary files left behind");
        }
    }

    @Test
    void givenTruncatedFile_whenLoaded_thenCorruptError() throws IOException {
        Path file = dir.resolve("m.zip");
        bundle().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BundleFormatException e =
                assertThrows(BundleFormatException.class, () -> ModelBundle.load(cut));
        assertTrue(e.getMessage().contains("cut.zip"), e.getMessage());
    }

    @Test
    void givenForeignFiles_whenLoaded_thenNotABundleError() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "hello");
        assertTrue(
                assertThrows(BundleFormatException.class, () -> ModelBundle.load(text))
                        .getMessage()
                        .contains("not an rnnkit model bundle"));
        Path zip = zip("other.zip", "README.txt", "{}");
        assertTrue(
                assertThrows(BundleFormatException.class, () -> ModelBundle.load(zip))
                        .getMessage()
                        .contains("no bundle.json"));
    }

    @Test
    void givenNewerFormat_whenLoaded_thenUpgradeMessage() throws IOException {
        Path zip =
                zip(
                        "future.zip",
                        "bundle.json",
                        "{\"format\":\"rnnkit-bundle\",\"version\":99,\"task\":\"x\"}");
        BundleFormatException e =
                assertThrows(BundleFormatException.class, () -> ModelBundle.load(zip));
        assertTrue(
                e.getMessage().contains("version 99") && e.getMessage().contains("newer"),
                e.getMessage());
    }

    @Test
    void givenMissingFile_whenLoaded_thenNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> ModelBundle.load(dir.resolve("absent.zip")));
    }

    @Test
    void givenFailingWriter_whenWrittenAtomically_thenTargetUnchangedAndNoTempLeft()
            throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "old");
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                target,
                                out -> {
                                    out.write("half".getBytes(StandardCharsets.UTF_8));
                                    throw new IOException("disk full");
                                }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void givenDirectory_whenHashed_thenDependsOnNamesAndContent() throws IOException {
        Path d = Files.createDirectories(dir.resolve("data/pos"));
        Files.writeString(d.resolve("1.txt"), "good");
        String h1 = Provenance.sha256(dir.resolve("data"));
        Files.writeString(d.resolve("1.txt"), "bad");
        String h2 = Provenance.sha256(dir.resolve("data"));
        assertFalse(h1.equals(h2));
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "abc");
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Provenance.sha256(f));
    }

    private Path zip(String name, String entry, String content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return p;
    }

    @Test
    void givenZipBomb_whenLoaded_thenRefusedWithTheEntryNamed() throws IOException {
        Path file = dir.resolve("bomb.zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("network.zip"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        BundleFormatException e =
                assertThrows(BundleFormatException.class, () -> ModelBundle.load(file));
        assertTrue(
                e.getMessage().contains("bomb.zip") && e.getMessage().contains("network.zip"),
                e.getMessage());
    }
}
