package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The shape of the recipes' {@code predict}: load a bundle, take the inputs given as arguments (or
 * one per standard-input line), print one line per input. A recipe declares its positional
 * parameter (its label names the inputs in messages) and supplies {@link #predict}.
 */
abstract class PredictCommand implements Callable<Integer> {

    @Mixin ModelArgument model;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Returns the inputs given as arguments.
     *
     * @return the positional arguments (empty: read standard input)
     */
    abstract List<String> arguments();

    /**
     * Predicts with the model.
     *
     * @param bundle the model bundle
     * @param inputs the non-blank inputs
     * @return one output line per input
     * @throws IOException when the bundle or an input cannot be read
     */
    abstract List<String> predict(Path bundle, List<String> inputs) throws IOException;

    /**
     * Checks the command's own options before any input is read (standard input may be a pipe that
     * cannot be read twice).
     *
     * @throws IllegalArgumentException when an option is out of range
     */
    void check() {}

    @Override
    public Integer call() throws IOException {
        check();
        String name = spec.positionalParameters().get(0).paramLabel();
        PrintWriter err = spec.commandLine().getErr();
        List<String> inputs = CommandOutput.inputs(arguments(), name, err);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        predict(model.model, inputs).forEach(out::println);
        out.flush();
        return 0;
    }
}
