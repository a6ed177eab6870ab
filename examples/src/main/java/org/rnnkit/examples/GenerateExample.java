package org.rnnkit.examples;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.TextGenerator;
import org.rnnkit.decode.TokenSampler;

/**
 * Trains a character-level language model on a few lines, writes text, saves it, loads it and
 * writes the same text again from the same seed.
 */
public final class GenerateExample {

    // Eight short documents with a shared pattern the model can pick up in seconds.
    static final List<String> TEXTS =
            List.of(
                    "the cat sat on the mat.",
                    "the dog sat on the log.",
                    "the cat ran to the dog.",
                    "the dog ran to the cat.",
                    "the hen sat on the pen.",
                    "the fox ran to the box.",
                    "the cat sat on the log.",
                    "the dog sat on the mat.");

    private GenerateExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code generate.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        TextGenerator generator =
                TextGenerator.builder()
                        .epochs(40)
                        .patience(40)
                        .batchSize(2)
                        .learningRate(0.02)
                        .build();
        // eight lines are too few to hold some out: they are the dev text too
        System.out.println(generator.fit(TEXTS, TEXTS).report()); // bits per char vs unigram
        TokenSampler sampler = new TokenSampler(0.5, 0, 1.0); // temperature, top-k, top-p
        System.out.println(generator.generate("the ", 30, sampler, 7));

        Path file = Path.of(args.length > 0 ? args[0] : "generate.zip");
        generator.save(file); // the bundle `rnnkit generate sample --model` reads
        System.out.println(TextGenerator.load(file).generate("the ", 30, sampler, 7));
    }
}
