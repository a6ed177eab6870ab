package org.rnnkit.recipes.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the embedded default corpus of the generate recipe: short weather-and-animal stories
 * written from templates, a few sentences each, with agreement a model must learn (a plural subject
 * takes "are"/"were", a singular one "is"/"was"; "an" before vowels; a sentence that opens with
 * "when" has a comma and a second clause). Small enough that a character model learns to write
 * readable sentences in well under a minute; deterministic for a given seed.
 */
public final class TextDataGenerator {

    /** The seed of the embedded default corpus. */
    public static final long DEFAULT_SEED = 20_261_207L;

    /** The number of stories in the embedded default corpus. */
    public static final int DEFAULT_SIZE = 2000;

    private static final String[] ANIMALS = {
        "fox", "owl", "cat", "dog", "hare", "otter", "eagle", "heron", "badger", "mole"
    };
    private static final String[] ADJECTIVES = {
        "small", "old", "quick", "quiet", "brown", "grey", "hungry", "sleepy", "young", "clever"
    };
    private static final String[] PLACES = {
        "river", "forest", "hill", "garden", "meadow", "village", "lake", "orchard"
    };
    private static final String[] WEATHER = {"rain", "snow", "wind", "sun", "fog", "storm"};
    private static final String[] VERBS = {
        "ran to", "walked to", "looked at", "slept near", "waited by", "sang by", "hid in"
    };
    private static final String[] FEELINGS = {"happy", "tired", "cold", "warm", "calm", "afraid"};

    private TextDataGenerator() {}

    /**
     * Returns the embedded default corpus.
     *
     * @return {@link #DEFAULT_SIZE} stories generated with {@link #DEFAULT_SEED}
     */
    public static List<String> defaultCorpus() {
        return generate(DEFAULT_SIZE, DEFAULT_SEED);
    }

    /**
     * Generates stories.
     *
     * @param size the number of stories, at least 1
     * @param seed the random seed
     * @return the stories, one document each
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public static List<String> generate(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, received: size=" + size);
        }
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int sentences = 1 + random.nextInt(3);
            StringBuilder story = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    story.append(' ');
                }
                story.append(sentence(random));
            }
            out.add(story.toString());
        }
        return out;
    }

    /**
     * Writes a generated corpus as a plain text file, one story per line, stories separated by a
     * blank line (the plain-text document separator).
     *
     * @param file the file to write
     * @param size the number of stories
     * @param seed the random seed
     * @return the stories written
     * @throws IOException when the file cannot be written
     */
    public static List<String> write(Path file, int size, long seed) throws IOException {
        List<String> stories = generate(size, seed);
        Files.writeString(file, String.join("\n\n", stories) + "\n", StandardCharsets.UTF_8);
        return stories;
    }

    private static String sentence(Random random) {
        String subject = subject(random);
        boolean plural = subject.endsWith("s");
        String place = pick(random, PLACES);
        String text =
                switch (random.nextInt(4)) {
                    case 0 -> subject + " " + pick(random, VERBS) + " the " + place;
                    case 1 ->
                            "when the "
                                    + pick(random, WEATHER)
                                    + " came, "
                                    + subject
                                    + (plural ? " were " : " was ")
                                    + pick(random, FEELINGS);
                    case 2 -> subject + (plural ? " are " : " is ") + "in the " + place;
                    default ->
                            "in the "
                                    + place
                                    + " "
                                    + subject
                                    + (plural ? " found " : " finds ")
                                    + article(pick(random, ADJECTIVES))
                                    + " "
                                    + pick(random, ANIMALS);
                };
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    private static String subject(Random random) {
        String animal = pick(random, ANIMALS);
        String adjective = pick(random, ADJECTIVES);
        if (random.nextInt(3) == 0) {
            return "the " + adjective + " " + animal + (animal.endsWith("x") ? "es" : "s");
        }
        return "the " + adjective + " " + animal;
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
