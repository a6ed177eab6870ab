package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import org.rnnkit.data.Tagset;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.postag.PostagInspector;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.postag.PostagOptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit postag inspect}: the data {@code postag train} would read. */
@Command(name = "inspect")
final class PostagInspectCommand extends InspectCommand {

    @Mixin PostagColumnFlags columns;

    @Option(names = "--tagset", paramLabel = "upos|xpos")
    Tagset tagset;

    @Option(names = "--min-count", paramLabel = "N")
    Integer minCount;

    @Override
    InspectionReport inspect() throws IOException {
        PostagOptionsBuilder b =
                PostagOptions.builder()
                        .training(training(PostagOptions.defaults().training(), columns::apply));
        set(tagset, b::tagset);
        set(minCount, b::minCount);
        return PostagInspector.inspect(b.build());
    }
}
