package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** The shape of every exercise: print a report to standard output, exit 0. */
abstract class Exercise implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Runs the exercise.
     *
     * @param out standard output of the command line
     * @throws IOException if a file cannot be read or written
     */
    abstract void run(PrintWriter out) throws IOException;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        run(out);
        out.flush();
        return 0;
    }
}
