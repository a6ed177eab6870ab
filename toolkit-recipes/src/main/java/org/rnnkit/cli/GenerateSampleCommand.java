package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnkit.api.TextGenerator;
import org.rnnkit.decode.TokenSampler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rnnkit generate sample}. */
@Command(name = "sample")
final class GenerateSampleCommand implements Callable<Integer> {
    @Mixin ModelArgument model;

    @Option(names = "--prompt", paramLabel = "TEXT", descriptionKey = "generate.prompt")
    String prompt = "";

    @Option(names = "--count", paramLabel = "C", descriptionKey = "generate.count")
    int count = 1;

    @Mixin GenerateFlags.SamplingFlags sampling;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, received: " + count);
        }
        TokenSampler sampler = sampling.sampler();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TextGenerator generator = TextGenerator.load(model.model);
        GenerateFlags.noteUnknown(generator.model(), prompt, err);
        List<String> texts =
                generator.sample(prompt, count, sampling.length, sampler, sampling.seed(err));
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.println(texts.get(i));
        }
        out.flush();
        return 0;
    }
}
