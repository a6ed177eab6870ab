package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.sentiment.SentimentInspector;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentOptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit sentiment inspect}: the data {@code sentiment train} would read. */
@Command(name = "inspect")
final class SentimentInspectCommand extends InspectCommand {

    @Mixin ClassifierColumnFlags columns;

    @Option(names = "--min-count", paramLabel = "N")
    Integer minCount;

    @Option(names = "--max-vocab", paramLabel = "N")
    Integer maxVocabulary;

    @Override
    InspectionReport inspect() throws IOException {
        SentimentOptionsBuilder b =
                SentimentOptions.builder()
                        .training(training(SentimentOptions.defaults().training(), columns::apply));
        set(minCount, b::minCount);
        set(maxVocabulary, b::maxVocabulary);
        return SentimentInspector.inspect(b.build());
    }
}
