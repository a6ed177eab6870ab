package org.rnnkit.cli;

import java.io.PrintWriter;
import org.rnnkit.exercises.LongTermDependency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rnnkit exercise long-term-dependency}. */
@Command(name = "long-term-dependency")
final class LongTermDependencyCommand extends Exercise {
    @Parameters(arity = "0..1", paramLabel = "SEED", descriptionKey = "SEED")
    Long seed;

    @Override
    void run(PrintWriter out) {
        LongTermDependency.Options options = LongTermDependency.Options.defaults();
        if (seed != null) {
            options = options.withSeed(seed);
        }
        LongTermDependency.print(out, spec.commandLine().getErr(), options);
    }
}
