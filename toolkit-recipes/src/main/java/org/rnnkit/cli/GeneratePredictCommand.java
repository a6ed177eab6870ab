package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.api.TextGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rnnkit generate predict}: one sample per prompt, newlines written as {@code \n}. */
@Command(name = "predict")
final class GeneratePredictCommand extends PredictCommand {
    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "Prompts to continue.")
    List<String> inputs = new ArrayList<>();

    @Mixin GenerateFlags.SamplingFlags sampling;

    @Override
    void check() {
        sampling.sampler();
    }

    @Override
    List<String> predict(Path bundle, List<String> prompts) throws IOException {
        TextGenerator generator = TextGenerator.load(bundle);
        PrintWriter err = spec.commandLine().getErr();
        long seed = sampling.seed(err);
        prompts.forEach(prompt -> GenerateFlags.noteUnknown(generator.model(), prompt, err));
        return generator.generate(prompts, sampling.length, sampling.sampler(), seed).stream()
                .map(text -> text.replace("\n", "\\n"))
                .toList();
    }
}
