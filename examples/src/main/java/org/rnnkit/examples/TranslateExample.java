package org.rnnkit.examples;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.Translator;

/**
 * Trains a translator on a few phrase pairs, translates, saves it, loads it and translates again.
 */
public final class TranslateExample {

    // Numbers to French, word for word: one translation per source phrase.
    static final List<String> SOURCES =
            List.of(
                    "one two",
                    "two three",
                    "three four",
                    "four five",
                    "five one",
                    "one three",
                    "two four",
                    "three five",
                    "four one",
                    "five two",
                    "one one",
                    "two two");
    static final List<String> TARGETS =
            List.of(
                    "un deux",
                    "deux trois",
                    "trois quatre",
                    "quatre cinq",
                    "cinq un",
                    "un trois",
                    "deux quatre",
                    "trois cinq",
                    "quatre un",
                    "cinq deux",
                    "un un",
                    "deux deux");

    private TranslateExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code translate.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        Translator translator =
                Translator.builder()
                        .epochs(30)
                        .patience(30)
                        .batchSize(4)
                        .learningRate(0.01)
                        .hiddenSize(128)
                        .build();
        // twelve pairs are too few to hold some out: they are the dev pairs too
        System.out.println(translator.fit(SOURCES, TARGETS, SOURCES, TARGETS).report());
        System.out.println(translator.translate("three one")); // beam search

        Path file = Path.of(args.length > 0 ? args[0] : "translate.zip");
        translator.save(file); // the bundle `rnnkit translate predict --model` reads
        System.out.println(Translator.load(file).translate("three one"));
    }
}
