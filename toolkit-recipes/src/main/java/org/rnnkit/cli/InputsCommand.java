package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The shape of the commands that take inputs as arguments or one per standard-input line and print
 * lines ({@code predict}, {@code caption detect}). A command declares its positional parameter (its
 * label names the inputs in messages) and supplies {@link #lines}.
 */
abstract class InputsCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Returns the inputs given as arguments.
     *
     * @return the positional arguments (empty: read standard input)
     */
    abstract List<String> arguments();

    /**
     * Checks the command's own options before any input is read (standard input may be a pipe that
     * cannot be read twice).
     *
     * @throws IllegalArgumentException when an option is out of range
     */
    void check() {}

    /**
     * Computes the output.
     *
     * @param inputs the non-blank inputs
     * @return the lines to print
     * @throws IOException when a file cannot be read
     */
    abstract List<String> lines(List<String> inputs) throws IOException;

    @Override
    public Integer call() throws IOException {
        check();
        String name = spec.positionalParameters().get(0).paramLabel();
        List<String> inputs = CommandOutput.inputs(arguments(), name, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        lines(inputs).forEach(out::println);
        out.flush();
        return 0;
    }
}
