package org.rnnkit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.recipes.RecipeResult;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Input and output steps shared by the recipes' commands. */
final class CommandOutput {

    private CommandOutput() {}

    /**
     * Prints an evaluation report and writes its metrics as JSON when asked.
     *
     * @param result the evaluation
     * @param json the metrics file, or {@code null}
     * @param out the standard output
     * @throws IOException when the JSON cannot be written
     */
    static void printEvaluation(RecipeResult result, Path json, PrintWriter out)
            throws IOException {
        out.println(result.report());
        if (json != null) {
            JsonMetrics.write(json, result.metrics());
            out.println("metrics written to " + json);
        }
        out.flush();
    }

    /**
     * Says which files were written, on standard output; nothing when the output is JSON, so that
     * it stays one JSON document.
     *
     * @param files the files
     * @param json whether standard output carries JSON
     * @param out the standard output
     */
    static void printWritten(List<Path> files, boolean json, PrintWriter out) {
        if (!json) {
            out.println();
            files.forEach(f -> out.println("wrote " + f));
        }
    }

    /**
     * Returns the inputs given as arguments, or else one per non-blank standard-input line.
     *
     * @param arguments the positional arguments
     * @param name the argument's name in messages
     * @param err where skipped blank lines are reported
     * @return the inputs
     * @throws IOException when standard input cannot be read
     * @throws IllegalArgumentException for a blank argument
     */
    static List<String> inputs(List<String> arguments, String name, PrintWriter err)
            throws IOException {
        List<String> out = new ArrayList<>();
        if (arguments.isEmpty()) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    err.println("warning: stdin line " + n + " is empty, skipped");
                    continue;
                }
                out.add(line);
            }
        } else {
            for (String a : arguments) {
                if (a.isBlank()) {
                    throw new IllegalArgumentException(name + " must not be empty");
                }
                out.add(a);
            }
        }
        err.flush();
        return out;
    }

    /**
     * Refuses flags a command cannot honour, as a usage error (exit status 2).
     *
     * @param spec the command, named in the error
     * @param given whether any of the refused flags was given
     * @param message what was refused and what to use instead
     * @throws CommandLine.ParameterException when {@code given}
     */
    static void refuse(CommandSpec spec, boolean given, String message) {
        if (given) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
