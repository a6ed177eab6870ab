package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.rnnkit.exercises.WordEmbeddings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit exercise word-embeddings}. */
@Command(name = "word-embeddings")
final class WordEmbeddingsCommand extends FileExercise {
    @Parameters(arity = "0..1", paramLabel = "CORPUS", descriptionKey = "CORPUS")
    Path corpus;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42")
    long seed;

    @Override
    void run(PrintWriter out) throws IOException {
        WordEmbeddings.print(out, corpus, directory(), seed);
    }
}
