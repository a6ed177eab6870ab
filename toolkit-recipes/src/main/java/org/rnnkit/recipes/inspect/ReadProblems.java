package org.rnnkit.recipes.inspect;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.data.MalformedDataException;

/**
 * The malformed rows an inspector met while reading with a reader that throws on them: how many,
 * and the first few messages (each naming file and line). Inspection goes on past them, because its
 * job is to show what would be read.
 *
 * <p>Mutable, not thread-safe.
 */
public final class ReadProblems {

    /** Messages kept. */
    public static final int FIRST = 5;

    private final List<String> first = new ArrayList<>();
    private long count;
    private long lastLine = -1;
    private String lastFile;
    private boolean stopped;

    /** Creates an empty record. */
    public ReadProblems() {}

    /**
     * Records a problem and tells whether reading can go on: it cannot when the reader failed twice
     * at the same line (it does not move past the problem, e.g. a truncated gzip stream).
     *
     * @param e the problem
     * @return {@code true} to read on, {@code false} to stop
     */
    public boolean record(MalformedDataException e) {
        String file = String.valueOf(e.file());
        boolean stuck = e.line() == lastLine && file.equals(lastFile);
        lastLine = e.line();
        lastFile = file;
        if (stuck) {
            stopped = true;
            add("reading stopped: " + e.getMessage());
            return false;
        }
        count++;
        add(e.getMessage());
        return true;
    }

    private void add(String message) {
        if (first.size() < FIRST) {
            first.add(message);
        }
    }

    /**
     * Returns how many malformed rows were met.
     *
     * @return the count
     */
    public long count() {
        return count;
    }

    /**
     * Returns the first messages, each naming file and line.
     *
     * @return at most {@link #FIRST} messages
     */
    public List<String> first() {
        return List.copyOf(first);
    }

    /**
     * Tells whether reading stopped before the end of the file.
     *
     * @return {@code true} when it stopped at a problem it could not pass
     */
    public boolean stopped() {
        return stopped;
    }
}
