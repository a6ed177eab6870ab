package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.recipes.generate.GenerateModel;
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
    List<String> arguments() {
        return inputs;
    }

    @Override
    void check() {
        sampling.sampler();
    }

    @Override
    List<String> predict(Path bundle, List<String> prompts) throws IOException {
        GenerateModel m = GenerateModel.load(bundle);
        PrintWriter err = spec.commandLine().getErr();
        Random random = new Random(sampling.seed(err));
        List<String> lines = new ArrayList<>();
        for (String prompt : prompts) {
            GenerateFlags.noteUnknown(m, prompt, err);
            lines.add(
                    m.sample(prompt, sampling.length, sampling.sampler(), random)
                            .replace("\n", "\\n"));
        }
        return lines;
    }
}
