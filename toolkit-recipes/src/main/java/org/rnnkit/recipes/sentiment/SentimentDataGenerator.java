package org.rnnkit.recipes.sentiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;

/**
 * Generates the embedded default sentiment data: short movie reviews whose label depends on word
 * order, so a bag-of-words model cannot solve them and a recurrent one can.
 *
 * <p>The constructions are negation ("the plot was not bad" is positive), contrast where the clause
 * after "but" decides ("great acting but a dull plot" is negative, "dull acting but a great plot"
 * positive, with exactly the same words), and concession where the clause marked by "although" does
 * not decide, whichever side it is on. Labels are {@code pos} and {@code neg}, balanced.
 * Deterministic for a given seed.
 */
public final class SentimentDataGenerator {

    /** The seed of the embedded default data set. */
    public static final long DEFAULT_SEED = 20_261_122L;

    /** The size of the embedded default data set. */
    public static final int DEFAULT_SIZE = 6000;

    private static final String[] POSITIVE = {
        "good",
        "great",
        "excellent",
        "wonderful",
        "superb",
        "brilliant",
        "enjoyable",
        "charming",
        "moving",
        "delightful",
        "solid",
        "fine"
    };
    private static final String[] NEGATIVE = {
        "bad",
        "awful",
        "terrible",
        "dull",
        "boring",
        "weak",
        "poor",
        "tedious",
        "bland",
        "clumsy",
        "lame",
        "forgettable"
    };
    private static final String[] ASPECTS = {
        "acting",
        "plot",
        "script",
        "story",
        "cast",
        "music",
        "ending",
        "dialogue",
        "pacing",
        "direction",
        "soundtrack",
        "camera work"
    };
    private static final String[] SUBJECTS = {
        "the movie", "this film", "the show", "the sequel", "it"
    };
    private static final String[] INTENSIFIERS = {"really", "very", "truly", "pretty", "quite"};
    private static final String[] OPENERS = {
        "", "", "", "honestly , ", "overall , ", "to be fair , ", "in the end , ", "i think "
    };

    private SentimentDataGenerator() {}

    /**
     * Generates the embedded default data set ({@value #DEFAULT_SIZE} reviews).
     *
     * @return the data set
     */
    public static LabeledTextDataset defaultDataset() {
        return generate(DEFAULT_SIZE, DEFAULT_SEED);
    }

    /**
     * Generates reviews.
     *
     * @param size the number of reviews, at least 2
     * @param seed the random seed
     * @return the data set, labels balanced
     * @throws IllegalArgumentException when {@code size < 2}
     */
    public static LabeledTextDataset generate(int size, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("size must be >= 2, received: size=" + size);
        }
        Random r = new Random(seed);
        List<LabeledText> out = new ArrayList<>(size);
        String source = "embedded sentiment data (seed=" + seed + ", size=" + size + ")";
        for (int i = 0; i < size; i++) {
            boolean positive = i % 2 == 0;
            out.add(new LabeledText(positive ? "pos" : "neg", review(r, positive), source, i + 1));
        }
        return new LabeledTextDataset(out, source, 0);
    }

    private static String review(Random r, boolean positive) {
        String opener = pick(r, OPENERS);
        String text =
                switch (r.nextInt(8)) {
                        // Plain statement: the only case a bag of words gets right for free.
                    case 0 ->
                            pick(r, SUBJECTS)
                                    + " was "
                                    + maybeIntensified(r, adjective(r, positive));
                        // Negation flips the adjective.
                    case 1 -> pick(r, SUBJECTS) + " was not " + adjective(r, !positive);
                    case 2 ->
                            "the "
                                    + pick(r, ASPECTS)
                                    + " was not "
                                    + adjective(r, !positive)
                                    + " at all";
                    case 3 ->
                            "i did not think "
                                    + pick(r, SUBJECTS)
                                    + " was "
                                    + adjective(r, !positive);
                        // Contrast: the clause after "but" decides; both clauses use the same words
                        // either way.
                    case 4 ->
                            adjective(r, !positive)
                                    + " "
                                    + pick(r, ASPECTS)
                                    + " but a "
                                    + adjective(r, positive)
                                    + " "
                                    + pick(r, ASPECTS);
                    case 5 ->
                            "the "
                                    + pick(r, ASPECTS)
                                    + " was "
                                    + adjective(r, !positive)
                                    + " but the "
                                    + pick(r, ASPECTS)
                                    + " was "
                                    + adjective(r, positive);
                        // Concession: the "although" clause does not decide, whether it comes first
                        // or last.
                    case 6 ->
                            "although the "
                                    + pick(r, ASPECTS)
                                    + " was "
                                    + adjective(r, !positive)
                                    + " , "
                                    + pick(r, SUBJECTS)
                                    + " was "
                                    + adjective(r, positive);
                    default ->
                            pick(r, SUBJECTS)
                                    + " was "
                                    + adjective(r, positive)
                                    + " , although the "
                                    + pick(r, ASPECTS)
                                    + " was "
                                    + adjective(r, !positive);
                };
        return opener + text;
    }

    private static String maybeIntensified(Random r, String adjective) {
        return r.nextBoolean() ? pick(r, INTENSIFIERS) + " " + adjective : adjective;
    }

    private static String adjective(Random r, boolean positive) {
        return pick(r, positive ? POSITIVE : NEGATIVE);
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    /**
     * Writes generated reviews as a TSV file ({@code label<TAB>text} with a header), atomically.
     *
     * @param file the file to write
     * @param size the number of reviews
     * @param seed the seed
     * @return the reviews written
     * @throws IOException when the file cannot be written
     */
    public static LabeledTextDataset write(Path file, int size, long seed) throws IOException {
        LabeledTextDataset set = generate(size, seed);
        StringBuilder sb = new StringBuilder("label\ttext\n");
        for (LabeledText e : set.examples()) {
            sb.append(e.label()).append('\t').append(e.text()).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return set;
    }
}
