package org.rnnkit.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir Path dir;

    @Test
    void newFileIsReadableByOthersLikeAPlainFile() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path file = dir.resolve("vectors.txt");
        AtomicFiles.write(file, "a 1 2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void replacedFileKeepsItsPermissions() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(
                "rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, "{}");
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                file,
                                out -> {
                                    out.write('x');
                                    throw new IOException("disk full");
                                }));
        assertEquals("{}", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void givenTemporariesOfAKilledWriter_whenWrittenAgain_thenOnlyThoseAreRemoved()
            throws IOException {
        Path file = dir.resolve("checkpoint.zip");
        Path killed = Files.writeString(dir.resolve(".checkpoint.zip.123.tmp"), "half");
        Path other = Files.writeString(dir.resolve(".model.zip.456.tmp"), "someone else's");
        AtomicFiles.write(file, "whole".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("whole", Files.readString(file));
        assertFalse(Files.exists(killed));
        assertTrue(Files.exists(other));
    }
}
