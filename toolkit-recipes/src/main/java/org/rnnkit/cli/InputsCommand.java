package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shape of the commands that take inputs as arguments or one per standard-input line and print
 * lines ({@code predict}, {@code caption detect}). A command declares its one positional parameter,
 * a {@code List<String>} whose label names the inputs in help and messages, and supplies {@link
 * #lines}; this class reads the parameter's values.
 */
abstract class InputsCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
        // the command's one positional parameter: its label names the inputs in messages
        PositionalParamSpec positional = spec.positionalParameters().get(0);
        List<String> arguments = positional.getValue();
        List<String> inputs =
                CommandOutput.inputs(
                        arguments, positional.paramLabel(), spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        lines(inputs).forEach(out::println);
        out.flush();
        return 0;
    }
}
