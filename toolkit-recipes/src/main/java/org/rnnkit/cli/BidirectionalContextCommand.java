package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.BidirectionalContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit exercise bidirectional-context}. */
@Command(name = "bidirectional-context")
final class BidirectionalContextCommand extends Exercise {
    @Option(names = "--sentences", paramLabel = "N", defaultValue = "1000")
    int sentences;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7")
    long seed;

    @Override
    void run(PrintWriter out) {
        BidirectionalContext.print(out, sentences, epochs, seed);
    }
}
