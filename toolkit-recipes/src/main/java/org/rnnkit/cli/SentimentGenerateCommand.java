package org.rnnkit.cli;

import java.io.IOException;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnkit sentiment generate}: writes the embedded generated reviews. */
@Command(name = "generate")
final class SentimentGenerateCommand extends GenerateCommand {
    @Option(names = "--size", paramLabel = "N")
    int size = SentimentDataGenerator.DEFAULT_SIZE;

    @Override
    String write() throws IOException {
        SentimentDataGenerator.write(out, size, seed(SentimentDataGenerator.DEFAULT_SEED));
        return "";
    }
}
