package org.rnnkit.examples;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.TextClassifier;

/**
 * Trains a sentiment classifier on a few texts, predicts, saves it, loads it and predicts again.
 */
public final class SentimentExample {

    // Ten tiny reviews: "great" or "awful" decides the label.
    static final List<String> TEXTS =
            List.of(
                    "a great film",
                    "great acting",
                    "truly great",
                    "great fun",
                    "the cast was great",
                    "an awful film",
                    "awful acting",
                    "truly awful",
                    "awful fun",
                    "the cast was awful");
    static final List<String> LABELS =
            List.of("pos", "pos", "pos", "pos", "pos", "neg", "neg", "neg", "neg", "neg");

    private SentimentExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code sentiment.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        TextClassifier classifier =
                TextClassifier.builder().epochs(20).learningRate(0.02).minCount(1).build();
        System.out.println(classifier.fit(TEXTS, LABELS).report()); // dev split, early stopping
        String text = "the plot was great";
        System.out.println(classifier.predict(text).toLine(text)); // label, probability, text

        Path file = Path.of(args.length > 0 ? args[0] : "sentiment.zip");
        classifier.save(file); // the bundle `rnnkit sentiment predict --model` reads
        TextClassifier loaded = TextClassifier.load(file);
        System.out.println(loaded.predict("the plot was awful").toLine("the plot was awful"));
    }
}
