package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The shape of every recipe's {@code train}: the shared {@link TrainingFlags} plus the recipe's own
 * flags, mapped onto its options by {@link #train}; then the report and where the bundle went.
 */
abstract class TrainCommand implements Callable<Integer> {

    @Mixin TrainingFlags common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Builds the recipe's options from the flags and trains.
     *
     * @param out standard output, for notes about chosen settings
     * @return the recipe's result
     * @throws IOException when data cannot be read or the bundle not written
     */
    abstract RecipeResult train(PrintWriter out) throws IOException;

    /**
     * Returns what is printed after the report.
     *
     * @param bundle the saved bundle
     * @return {@code saved <bundle>}, unless a recipe says more
     */
    String saved(Path bundle) {
        return "saved " + bundle;
    }

    /**
     * Returns the two lines printed after a recipe's report: where the model went and a predict
     * command to try it with.
     *
     * @param task the recipe
     * @param bundle the saved bundle
     * @param example an input to try
     * @return {@code model saved to <bundle>} and {@code try: ./rnnkit <task> predict ...}
     */
    static String savedWithTry(String task, Path bundle, String example) {
        return String.format(
                Locale.ROOT,
                "model saved to %s%ntry: ./rnnkit %s predict --model %s \"%s\"",
                bundle,
                task,
                bundle,
                example);
    }

    /**
     * Refuses flags the recipe cannot honour, as a usage error (exit status 2).
     *
     * @param given whether any of the refused flags was given
     * @param message what was refused and what to use instead
     * @throws CommandLine.ParameterException when {@code given}
     */
    void refuse(boolean given, String message) {
        CommandOutput.refuse(spec, given, message);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RecipeResult result = train(out);
        out.println(result.report());
        out.println(saved(result.bundle()));
        out.flush();
        return 0;
    }
}
