package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnkit.exercises.ArchitectureChoice;
import org.rnnkit.exercises.BidirectionalContext;
import org.rnnkit.exercises.ComponentSizes;
import org.rnnkit.exercises.GateEquations;
import org.rnnkit.exercises.GradientFlow;
import org.rnnkit.exercises.ImageCaption;
import org.rnnkit.exercises.LongTermDependency;
import org.rnnkit.exercises.ParameterCount;
import org.rnnkit.exercises.RnnEquations;
import org.rnnkit.exercises.ShuffleInvariance;
import org.rnnkit.exercises.StatefulRnn;
import org.rnnkit.exercises.WordEmbeddings;
import org.rnnkit.model.CellType;
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
            ExerciseCommand.RnnEquationsCommand.class,
            ExerciseCommand.ParameterCountCommand.class,
            ExerciseCommand.ComponentSizesCommand.class,
            ExerciseCommand.ShuffleInvarianceCommand.class,
            ExerciseCommand.GradientFlowCommand.class,
            ExerciseCommand.GateEquationsCommand.class,
            ExerciseCommand.LongTermDependencyCommand.class,
            ExerciseCommand.BidirectionalContextCommand.class,
            ExerciseCommand.StatefulRnnCommand.class,
            ExerciseCommand.WordEmbeddingsCommand.class,
            ExerciseCommand.ArchitectureChoiceCommand.class,
            ExerciseCommand.ImageCaptionCommand.class
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

    /** The shape of every exercise: print a report to standard output, exit 0. */
    abstract static class Exercise implements Callable<Integer> {

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

    /** An exercise that writes files: under {@code --out}. */
    abstract static class FileExercise extends Exercise {

        @Option(names = "--out", paramLabel = "DIR", descriptionKey = "exercise.out")
        Path out;

        /**
         * The folder to write into.
         *
         * @return {@code --out}, or {@code exercises-out/<exercise name>}
         */
        Path directory() {
            return out != null ? out : DEFAULT_OUT.resolve(spec.name());
        }
    }

    /** {@code rnnkit exercise rnn-equations}. */
    @Command(name = "rnn-equations")
    static final class RnnEquationsCommand extends Exercise {
        @Override
        void run(PrintWriter out) {
            RnnEquations.print(out);
        }
    }

    /** {@code rnnkit exercise parameter-count}. */
    @Command(name = "parameter-count")
    static final class ParameterCountCommand extends Exercise {
        @Option(
                names = {"--inputs", "-d"},
                paramLabel = "D")
        Integer inputs;

        @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]")
        List<Integer> hidden;

        @Option(names = "--layers", paramLabel = "L")
        Integer layers;

        @Option(
                names = {"--outputs", "-k"},
                paramLabel = "K")
        Integer outputs;

        @Option(names = "--cell", paramLabel = "rnn|lstm|gru")
        String cell;

        @Option(names = "--bidirectional")
        boolean bidirectional;

        @Override
        void run(PrintWriter out) {
            if (inputs == null
                    && hidden == null
                    && layers == null
                    && outputs == null
                    && cell == null
                    && !bidirectional) {
                out.print(
                        ParameterCount.table(
                                ParameterCount.examples().stream()
                                        .map(ParameterCount::count)
                                        .toList()));
                return;
            }
            out.print(ParameterCount.report(ParameterCount.count(spec())));
        }

        private ParameterCount.Spec spec() {
            if (layers != null && layers < 1) {
                throw new IllegalArgumentException(
                        "--layers must be >= 1, received: --layers=" + layers);
            }
            List<Integer> sizes = hidden != null ? hidden : List.of(5);
            if (layers != null && sizes.size() == 1) {
                sizes = Collections.nCopies(layers, sizes.get(0));
            } else if (layers != null && sizes.size() != layers) {
                throw new IllegalArgumentException(
                        "--layers must match the number of --hidden sizes, received: --layers="
                                + layers
                                + ", --hidden="
                                + sizes);
            }
            return new ParameterCount.Spec(
                    cell == null ? CellType.SIMPLE : CellType.parse(cell),
                    inputs != null ? inputs : 4,
                    sizes,
                    bidirectional,
                    outputs != null ? outputs : 3);
        }
    }

    /** {@code rnnkit exercise component-sizes}. */
    @Command(name = "component-sizes")
    static final class ComponentSizesCommand extends Exercise {
        @Override
        void run(PrintWriter out) {
            ComponentSizes.print(out);
        }
    }

    /** {@code rnnkit exercise shuffle-invariance}. */
    @Command(name = "shuffle-invariance")
    static final class ShuffleInvarianceCommand extends Exercise {
        @Option(names = "--sequences", paramLabel = "N", defaultValue = "64")
        int sequences;

        @Option(names = "--length", paramLabel = "T", defaultValue = "10")
        int length;

        @Option(names = "--iterations", paramLabel = "N", defaultValue = "60")
        int iterations;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
        long seed;

        @Override
        void run(PrintWriter out) {
            ShuffleInvariance.print(out, sequences, length, iterations, seed);
        }
    }

    /** {@code rnnkit exercise gradient-flow}. */
    @Command(name = "gradient-flow")
    static final class GradientFlowCommand extends FileExercise {
        @Override
        void run(PrintWriter out) throws IOException {
            GradientFlow.print(out, directory());
        }
    }

    /** {@code rnnkit exercise gate-equations}. */
    @Command(name = "gate-equations")
    static final class GateEquationsCommand extends Exercise {
        @Override
        void run(PrintWriter out) {
            GateEquations.print(out);
        }
    }

    /** {@code rnnkit exercise long-term-dependency}. */
    @Command(name = "long-term-dependency")
    static final class LongTermDependencyCommand extends Exercise {
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

    /** {@code rnnkit exercise bidirectional-context}. */
    @Command(name = "bidirectional-context")
    static final class BidirectionalContextCommand extends Exercise {
        @Option(names = "--sentences", paramLabel = "N", defaultValue = "1000")
        int sentences;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "5")
        int epochs;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "7")
        long seed;

        @Override
        void run(PrintWriter out) {
            BidirectionalContext.print(out, sentences, epochs, seed);
        }
    }

    /** {@code rnnkit exercise stateful-rnn}. */
    @Command(name = "stateful-rnn")
    static final class StatefulRnnCommand extends Exercise {
        @Override
        void run(PrintWriter out) {
            StatefulRnn.print(out);
        }
    }

    /** {@code rnnkit exercise word-embeddings}. */
    @Command(name = "word-embeddings")
    static final class WordEmbeddingsCommand extends FileExercise {
        @Parameters(arity = "0..1", paramLabel = "CORPUS", descriptionKey = "CORPUS")
        Path corpus;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
        long seed;

        @Override
        void run(PrintWriter out) throws IOException {
            WordEmbeddings.print(out, corpus, directory(), seed);
        }
    }

    /** {@code rnnkit exercise architecture-choice}. */
    @Command(name = "architecture-choice")
    static final class ArchitectureChoiceCommand extends Exercise {
        @Override
        void run(PrintWriter out) {
            ArchitectureChoice.print(out);
        }
    }

    /** {@code rnnkit exercise image-caption}. */
    @Command(name = "image-caption")
    static final class ImageCaptionCommand extends FileExercise {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE")
        Path model;

        @Option(names = "--beam", paramLabel = "K", defaultValue = "5")
        int beam;

        @Parameters(index = "0", paramLabel = "IMAGE", descriptionKey = "IMAGE")
        Path image;

        @Override
        void run(PrintWriter out) throws IOException {
            ImageCaption.print(out, model, image, beam, directory());
        }
    }
}
