package org.rnnkit.fuzz;

import java.nio.file.Path;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.data.MalformedDataException;

/**
 * The outcomes a fuzz target allows: the call returns, or it throws the project's own exception for
 * bad input, whose message names the file. Anything else escapes as a finding.
 */
final class Outcomes {

    /** A call under test. */
    @FunctionalInterface
    interface Call {
        /**
         * Runs the call.
         *
         * @throws Exception anything; only the allowed kinds are swallowed
         */
        void run() throws Exception;
    }

    private Outcomes() {}

    /**
     * Runs a reader call; a {@link MalformedDataException} must name the file.
     *
     * @param file the file (or directory) the reader was given
     * @param call the read
     * @throws Exception anything but an allowed outcome, so that Jazzer reports it
     */
    static void expectMalformedData(Path file, Call call) throws Exception {
        try {
            call.run();
        } catch (MalformedDataException e) {
            requireNamesFile(e, file);
        }
    }

    /**
     * Runs a bundle load; a {@link BundleFormatException} must name the file.
     *
     * @param file the bundle
     * @param call the load
     * @throws Exception anything but an allowed outcome, so that Jazzer reports it
     */
    static void expectBundleFormat(Path file, Call call) throws Exception {
        try {
            call.run();
        } catch (BundleFormatException e) {
            requireNamesFile(e, file);
        }
    }

    private static void requireNamesFile(Exception e, Path file) {
        String message = String.valueOf(e.getMessage());
        if (!message.contains(file.getFileName().toString())) {
            throw new AssertionError("the message does not name " + file + ": " + message, e);
        }
    }
}
