package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.StatefulRnn;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise stateful-rnn}. */
@Command(name = "stateful-rnn")
final class StatefulRnnCommand extends Exercise {
    @Override
    void run(PrintWriter out) {
        StatefulRnn.print(out);
    }
}
