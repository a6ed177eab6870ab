package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import org.rnnkit.recipes.caption.CaptionInspector;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.caption.CaptionOptionsBuilder;
import org.rnnkit.recipes.inspect.InspectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit caption inspect}: the corpus {@code caption train} would read. */
@Command(name = "inspect")
final class CaptionInspectCommand extends InspectCommand {

    @Mixin CaptionColumnFlags columns;

    @Option(names = "--min-count", paramLabel = "N")
    Integer minCount;

    @Override
    InspectionReport inspect() throws IOException {
        CaptionOptionsBuilder b =
                CaptionOptions.builder()
                        .training(training(CaptionOptions.defaults().training(), columns::apply));
        set(minCount, b::minCount);
        return CaptionInspector.inspect(b.build());
    }
}
