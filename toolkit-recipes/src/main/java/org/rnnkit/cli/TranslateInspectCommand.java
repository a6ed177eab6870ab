package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.translate.TranslateInspector;
import org.rnnkit.recipes.translate.TranslateOptions;
import org.rnnkit.recipes.translate.TranslateOptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit translate inspect}: the pairs {@code translate train} would read. */
@Command(name = "inspect")
final class TranslateInspectCommand extends InspectCommand {

    @Mixin TranslateColumnFlags columns;

    @Option(names = "--reverse")
    boolean reverse;

    @Option(names = "--shared-vocab")
    boolean sharedVocab;

    @Option(names = "--split-elisions")
    boolean splitElisions;

    @Option(names = "--min-count", paramLabel = "N")
    Integer minCount;

    @Option(names = "--max-vocab", paramLabel = "N")
    Integer maxVocab;

    @Override
    InspectionReport inspect() throws IOException {
        TranslateOptionsBuilder b =
                TranslateOptions.builder()
                        .training(training(TranslateOptions.defaults().training(), columns::apply))
                        .reverse(reverse)
                        .sharedVocabulary(sharedVocab)
                        .splitElisions(splitElisions);
        set(minCount, b::minCount);
        set(maxVocab, b::maxVocabulary);
        return TranslateInspector.inspect(b.build());
    }
}
