package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.ArchitectureChoice;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise architecture-choice}. */
@Command(name = "architecture-choice")
final class ArchitectureChoiceCommand extends Exercise {
    @Override
    void run(PrintWriter out) {
        ArchitectureChoice.print(out);
    }
}
