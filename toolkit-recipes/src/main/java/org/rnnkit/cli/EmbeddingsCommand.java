package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.embeddings.Word2VecOptions;
import org.rnnkit.recipes.embeddings.Word2VecTrainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit embeddings train}. */
@Command(
        name = "embeddings",
        mixinStandardHelpOptions = true,
        description = "Word vectors: train Word2Vec on plain text for --embeddings.",
        subcommands = {EmbeddingsCommand.Train.class})
final class EmbeddingsCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }

    /** {@code rnnkit embeddings train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train skip-gram Word2Vec with negative sampling (DL4J) and write the vectors in"
                        + " word2vec text format (header 'count dimension', then 'word v1 ... vd').",
                "Input: UTF-8 text files (optionally .gz), one sentence or document per line,"
                        + " already tokenized: tokens are split at white space only.",
                "Only --workers 1 (the default) gives the same vectors for the same --seed."
            })
    static final class Train implements Callable<Integer> {
        @Option(
                names = "--data",
                required = true,
                arity = "1..*",
                paramLabel = "FILE",
                description = "Corpus files, read in order.")
        List<Path> data;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "VECTORS.txt",
                description = "Vectors file to write (atomically; gzipped if it ends in .gz).")
        Path out;

        @Option(names = "--dim", paramLabel = "D", description = "Vector length (default 100).")
        Integer dimension;

        @Option(
                names = "--window",
                paramLabel = "N",
                description = "Context words on each side (default 5).")
        Integer window;

        @Option(
                names = "--min-count",
                paramLabel = "N",
                description = "Fewest occurrences for a word to get a vector (default 5).")
        Integer minCount;

        @Option(
                names = "--epochs",
                paramLabel = "N",
                description = "Passes over the corpus (default 5).")
        Integer epochs;

        @Option(
                names = "--negative",
                paramLabel = "N",
                description = "Negative samples per pair (default 5).")
        Integer negative;

        @Option(names = "--seed", paramLabel = "S", description = "Seed (default 42).")
        Long seed;

        @Option(
                names = "--workers",
                paramLabel = "W",
                description = "Training threads (default 1; more are faster but not repeatable).")
        Integer workers;

        @Option(names = "--lowercase", description = "Lower-case tokens before counting.")
        boolean lowercase;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Word2VecOptions options =
                    Word2VecOptions.builder()
                            .dimension(dimension)
                            .window(window)
                            .minCount(minCount)
                            .epochs(epochs)
                            .negative(negative)
                            .seed(seed)
                            .workers(workers)
                            .lowercase(lowercase)
                            .build();
            Word2VecTrainer.Result result = Word2VecTrainer.train(options, data);
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
