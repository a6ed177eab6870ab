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
                Translator.builder().epochs(5).hiddenSize(32).embeddingSize(32).minCount(1).build();
        System.out.println(translator.fit(SOURCES, TARGETS).report()); // dev BLEU, early stopping
        System.out.println(translator.translate("three three")); // beam search

        Path file = Path.of(args.length > 0 ? args[0] : "translate.zip");
        translator.save(file); // the bundle `rnnkit translate predict --model` reads
        System.out.println(Translator.load(file).translate("three three"));
    }
}
