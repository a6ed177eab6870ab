package org.rnnkit.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnkit.exercises.ArchitectureChoice;
import org.rnnkit.exercises.BidirectionalContext;
import org.rnnkit.exercises.ComponentSizes;
import org.rnnkit.exercises.GateEquations;
import org.rnnkit.exercises.GradientFlow;
import org.rnnkit.exercises.LongTermDependency;
import org.rnnkit.exercises.ParameterCount;
import org.rnnkit.exercises.RnnEquations;
import org.rnnkit.exercises.ShuffleInvariance;
import org.rnnkit.exercises.StatefulRnn;
import org.rnnkit.exercises.WordEmbeddings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rnnkit exercise NAME [ARGS...]}: runs one of the course exercises' {@code main}. */
@Command(
        name = "exercise",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an exercise of the RNN course (org.rnnkit.exercises; see docs/EXERCISES.md).",
            "Exercises: rnn-equations, parameter-count, component-sizes, shuffle-invariance, gradient-flow [PNG],"
                    + " gate-equations, long-term-dependency, bidirectional-context, stateful-rnn,"
                    + " word-embeddings [CORPUS] [OUT_DIR], architecture-choice."
        })
final class ExerciseCommand implements Callable<Integer> {

    /** An exercise's entry point. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** The exercises by command-line name, in the course's order. */
    static final Map<String, Main> EXERCISES = new LinkedHashMap<>();

    static {
        EXERCISES.put("rnn-equations", RnnEquations::main);
        EXERCISES.put("parameter-count", ParameterCount::main);
        EXERCISES.put("component-sizes", ComponentSizes::main);
        EXERCISES.put("shuffle-invariance", ShuffleInvariance::main);
        EXERCISES.put("gradient-flow", GradientFlow::main);
        EXERCISES.put("gate-equations", GateEquations::main);
        EXERCISES.put("long-term-dependency", LongTermDependency::main);
        EXERCISES.put("bidirectional-context", BidirectionalContext::main);
        EXERCISES.put("stateful-rnn", StatefulRnn::main);
        EXERCISES.put("word-embeddings", WordEmbeddings::main);
        EXERCISES.put("architecture-choice", ArchitectureChoice::main);
    }

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--list", description = "List the exercises and exit.")
    private boolean list;

    @CommandLine.Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME",
            description = "The exercise.")
    private String name;

    @CommandLine.Parameters(
            index = "1..*",
            paramLabel = "ARGS",
            description = "Passed to the exercise.")
    private String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        if (list) {
            EXERCISES.keySet().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (name == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "missing exercise name: choose one of " + EXERCISES.keySet());
        }
        Main main = EXERCISES.get(name);
        if (main == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "unknown exercise '" + name + "': choose one of " + EXERCISES.keySet());
        }
        main.run(Arrays.copyOf(args, args.length));
        return 0;
    }
}
