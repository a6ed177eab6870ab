package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.ShuffleInvariance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit exercise shuffle-invariance}. */
@Command(name = "shuffle-invariance")
final class ShuffleInvarianceCommand extends Exercise {
    @Option(names = "--sequences", paramLabel = "N", defaultValue = "64")
    int sequences;

    @Option(names = "--length", paramLabel = "T", defaultValue = "10")
    int length;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "60")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Override
    void run(PrintWriter out) {
        ShuffleInvariance.print(out, sequences, length, iterations, seed);
    }
}
