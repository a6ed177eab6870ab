package org.rnnkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch files for fuzz targets: one directory per test class, files overwritten per input. */
final class FuzzFiles {

    private FuzzFiles() {}

    /**
     * Creates a temporary directory removed when the JVM exits.
     *
     * @param prefix the directory name's prefix
     * @return the directory
     */
    static Path directory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes bytes to a file, replacing it.
     *
     * @param file the file
     * @param data its new content
     * @return the file
     * @throws IOException when writing fails
     */
    static Path write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, data);
    }
}
