package org.rnnkit.bundle;

import java.io.IOException;
import java.nio.file.Path;

/** A file is not a readable rnnkit model bundle: corrupt, foreign, or from a newer rnnkit. */
public class BundleFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the offending file
     * @param problem what is wrong, as a sentence fragment
     * @param cause the underlying error, or {@code null}
     */
    public BundleFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
