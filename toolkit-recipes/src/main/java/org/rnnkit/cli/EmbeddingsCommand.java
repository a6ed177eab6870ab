package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.embeddings.Word2VecOptions;
import org.rnnkit.recipes.embeddings.Word2VecOptionsBuilder;
import org.rnnkit.recipes.embeddings.Word2VecTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit embeddings train}. */
@Command(name = "embeddings", subcommands = EmbeddingsCommand.Train.class)
final class EmbeddingsCommand extends GroupCommand {

    /** {@code rnnkit embeddings train}. */
    @Command(name = "train")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "VECTORS.txt")
        Path out;

        @Option(names = "--dim", paramLabel = "D")
        Integer dimension;

        @Option(names = "--window", paramLabel = "N")
        Integer window;

        @Option(names = "--min-count", paramLabel = "N")
        Integer minCount;

        @Option(names = "--epochs", paramLabel = "N")
        Integer epochs;

        @Option(names = "--negative", paramLabel = "N")
        Integer negative;

        @Option(names = "--seed", paramLabel = "S")
        Long seed;

        @Option(names = "--workers", paramLabel = "W")
        Integer workers;

        @Option(names = "--lowercase")
        boolean lowercase;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Word2VecOptionsBuilder b = Word2VecOptions.builder().lowercase(lowercase);
            set(dimension, b::dimension);
            set(window, b::window);
            set(minCount, b::minCount);
            set(epochs, b::epochs);
            set(negative, b::negative);
            set(seed, b::seed);
            set(workers, b::workers);
            Word2VecTrainer.Result result = Word2VecTrainer.train(b.build(), data);
            result.vectors().write(out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(
                    Locale.ROOT,
                    "%d words with %d-dimensional vectors (%d tokens) written to %s%n",
                    result.vectors().size(),
                    result.vectors().dimension(),
                    result.tokens(),
                    out);
            o.printf(
                    Locale.ROOT,
                    "use: ./rnnkit postag train --embeddings %s   (or sentiment train)%n",
                    out);
            o.flush();
            return 0;
        }
    }
}
