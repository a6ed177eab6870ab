package org.rnnkit.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file does not have the expected shape. The message always names the file, the line
 * (1-based; 0 when the problem concerns the whole file) and what was expected there.
 */
public class MalformedDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** The 1-based line number, or 0 when the problem concerns the whole file. */
    private final long line;

    /**
     * Creates the exception.
     *
     * @param file the offending file or directory
     * @param line the 1-based line number, or 0 for the whole file
     * @param problem what was expected and what was found, as a sentence fragment
     */
    public MalformedDataException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the offending file or directory
     * @param line the 1-based line number, or 0 for the whole file
     * @param problem what was expected and what was found, as a sentence fragment
     * @param cause the underlying error, or {@code null}
     */
    public MalformedDataException(Path file, long line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
    }

    private static String format(Path file, long line, String problem) {
        Objects.requireNonNull(problem, "problem");
        String where = file == null ? "<input>" : file.toString();
        return line > 0 ? where + ":" + line + ": " + problem : where + ": " + problem;
    }

    /**
     * Returns the offending file.
     *
     * @return the path, or {@code null} for in-memory input
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the offending line.
     *
     * @return the 1-based line number, or 0 when the problem concerns the whole file
     */
    public long line() {
        return line;
    }
}
