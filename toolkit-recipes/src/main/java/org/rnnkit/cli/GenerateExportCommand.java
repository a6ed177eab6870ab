package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.LanguageModelWeights;
import org.rnnkit.text.WordVectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rnnkit generate export}: a language model's embedding as word vectors (word2vec text), for
 * {@code rnnkit sentiment train --embeddings F}; {@code --init-from BUNDLE} takes the recurrent
 * layers too.
 */
@Command(name = "export")
final class GenerateExportCommand implements Callable<Integer> {
    @Mixin ModelArgument model;

    @Option(names = "--out", required = true, paramLabel = "VECTORS.txt")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LanguageModelWeights weights = LanguageModelWeights.load(model.model);
        WordVectors vectors = weights.embeddings();
        vectors.write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                Locale.ROOT,
                "wrote %d %s vectors of dimension %d to %s; recurrent layers %s stay in %s (rnnkit"
                        + " sentiment train --init-from %s takes both)%n",
                vectors.size(),
                weights.level().toLowerCase(Locale.ROOT),
                vectors.dimension(),
                out,
                weights.recurrentLayers().keySet(),
                model.model,
                model.model);
        o.flush();
        return 0;
    }
}
