package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.ComponentSizes;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise component-sizes}. */
@Command(name = "component-sizes")
final class ComponentSizesCommand extends Exercise {
    @Override
    void run(PrintWriter out) {
        ComponentSizes.print(out);
    }
}
