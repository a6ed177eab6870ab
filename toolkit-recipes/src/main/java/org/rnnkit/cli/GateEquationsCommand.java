package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.GateEquations;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise gate-equations}. */
@Command(name = "gate-equations")
final class GateEquationsCommand extends Exercise {
    @Override
    void run(PrintWriter out) {
        GateEquations.print(out);
    }
}
