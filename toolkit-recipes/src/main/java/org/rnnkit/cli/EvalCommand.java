package org.rnnkit.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * The shape of every recipe's {@code eval}: score a bundle on labelled data, print the report and,
 * with {@code --json}, write the metrics. A recipe supplies only {@link #evaluate}.
 */
abstract class EvalCommand implements Callable<Integer> {

    @Mixin EvalArguments arguments;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Scores the model.
     *
     * @param arguments the parsed {@code --model}, {@code --data}, {@code --json}, {@code
     *     --skip-bad-rows}
     * @return the metrics and the report
     * @throws IOException when a file cannot be read
     */
    abstract RecipeResult evaluate(EvalArguments arguments) throws IOException;

    @Override
    public Integer call() throws IOException {
        RecipeResult result = evaluate(arguments);
        CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
        return 0;
    }
}
