package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.rnnkit.exercises.GradientFlow;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise gradient-flow}. */
@Command(name = "gradient-flow")
final class GradientFlowCommand extends FileExercise {
    @Override
    void run(PrintWriter out) throws IOException {
        GradientFlow.print(out, directory());
    }
}
