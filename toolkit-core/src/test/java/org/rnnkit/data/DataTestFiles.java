package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small data files the reader tests write, and the check of their error messages. */
final class DataTestFiles {

    private DataTestFiles() {}

    /**
     * Writes a UTF-8 text file.
     *
     * @param dir the directory
     * @param name the file name
     * @param content the text
     * @return the file
     * @throws IOException when it cannot be written
     */
    static Path write(Path dir, String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /**
     * Asserts that an exception's message contains every part.
     *
     * @param e the exception
     * @param parts the expected parts
     */
    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
