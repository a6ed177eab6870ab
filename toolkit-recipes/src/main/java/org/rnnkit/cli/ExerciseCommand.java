package org.rnnkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnkit exercise NAME [OPTIONS]}: the course exercises (org.rnnkit.exercises), one
 * subcommand each, in the course's order. Each maps its flags onto the exercise's settings and
 * prints the exercise's report; help texts are in {@code rnnkit.properties}. Exercises that write
 * files write them under {@code --out} only (default {@code exercises-out/<name>}, which they
 * name).
 */
@Command(
        name = "exercise",
        subcommands = {
            RnnEquationsCommand.class,
            ParameterCountCommand.class,
            ComponentSizesCommand.class,
            ShuffleInvarianceCommand.class,
            GradientFlowCommand.class,
            GateEquationsCommand.class,
            LongTermDependencyCommand.class,
            BidirectionalContextCommand.class,
            StatefulRnnCommand.class,
            WordEmbeddingsCommand.class,
            ArchitectureChoiceCommand.class,
            ImageCaptionCommand.class,
            TemperatureCommand.class
        })
final class ExerciseCommand implements Callable<Integer> {

    /** Where exercises write their files without {@code --out}: a folder below this one. */
    static final Path DEFAULT_OUT = Path.of("exercises-out");

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(names = "--list")
    private boolean list;

    /** A name that is not an exercise: the subcommands take the known ones. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", descriptionKey = "NAME")
    private String name;

    /**
     * Kept for the 8340b8e contract ({@code exercise NAME ARGS}); the subcommands take them now.
     */
    @Parameters(index = "1..*", paramLabel = "ARGS", descriptionKey = "ARGS")
    private List<String> args = new ArrayList<>();

    /**
     * The exercises' command names, in the course's order.
     *
     * @return the names
     */
    List<String> names() {
        return List.copyOf(spec.subcommands().keySet());
    }

    @Override
    public Integer call() {
        if (list) {
            names().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (name == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "missing exercise name: choose one of " + names());
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(), "unknown exercise '" + name + "': choose one of " + names());
    }
}
