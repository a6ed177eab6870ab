package org.rnnkit.examples;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.SequenceTagger;

/** Trains a part-of-speech tagger on a few sentences, tags, saves it, loads it and tags again. */
public final class PostagExample {

    // Eight tiny sentences, one tag per word.
    static final List<List<String>> SENTENCES =
            List.of(
                    List.of("the", "dog", "runs"),
                    List.of("a", "cat", "sleeps"),
                    List.of("the", "bird", "sings"),
                    List.of("a", "dog", "sleeps"),
                    List.of("the", "cat", "runs"),
                    List.of("a", "bird", "runs"),
                    List.of("the", "fish", "sleeps"),
                    List.of("a", "fish", "sings"));
    static final List<List<String>> TAGS =
            SENTENCES.stream().map(words -> List.of("DET", "NOUN", "VERB")).toList();

    private PostagExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code postag.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        SequenceTagger tagger =
                SequenceTagger.builder().epochs(10).learningRate(0.02).minCount(1).build();
        System.out.println(tagger.fit(SENTENCES, TAGS).report()); // dev split, early stopping
        System.out.println(tagger.tag(List.of("a", "cat", "sings"))); // one tag per word

        Path file = Path.of(args.length > 0 ? args[0] : "postag.zip");
        tagger.save(file); // the bundle `rnnkit postag predict --model` reads
        SequenceTagger loaded = SequenceTagger.load(file);
        System.out.println(loaded.tag(List.of("the", "dog", "sings")));
    }
}
