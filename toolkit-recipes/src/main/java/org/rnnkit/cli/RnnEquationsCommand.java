package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.RnnEquations;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise rnn-equations}. */
@Command(name = "rnn-equations")
final class RnnEquationsCommand extends Exercise {
    @Override
    void run(PrintWriter out) {
        RnnEquations.print(out);
    }
}
