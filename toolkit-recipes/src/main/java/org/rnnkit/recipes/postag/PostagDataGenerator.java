package org.rnnkit.recipes.postag;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.recipes.Recipes;

/**
 * The embedded default data of the tagger: generated English sentences with UPOS tags in which
 * several words change their tag with the context ("they <b>book</b> a flight" / "read the
 * <b>book</b>", "we <b>can</b> go" / "the <b>can</b> is empty"), so a most-frequent-tag baseline
 * fails where a bidirectional tagger succeeds. Seeded: the same seed gives the same sentences.
 */
public final class PostagDataGenerator {

    /** The seed of the embedded data set. */
    public static final long DEFAULT_SEED = 20261122L;

    /** Sentences in the embedded data set. */
    public static final int DEFAULT_SIZE = 3000;

    private static final String[] PRONOUNS = {"they", "we", "you", "I"};
    private static final String[] DETERMINERS = {"the", "a", "this", "that"};
    private static final String[] ADJECTIVES = {"old", "new", "empty", "red", "small", "good"};
    // words that are nouns here and verbs in VERBS (and the other way round)
    private static final String[] AMBIGUOUS = {"book", "watch", "can", "run", "fly", "park"};
    private static final String[] NOUNS = {"flight", "table", "car", "letter", "ticket", "room"};
    private static final String[] VERBS = {"read", "need", "see", "like", "want"};
    private static final String[] ADVERBS = {"now", "today", "again", "soon"};

    private PostagDataGenerator() {}

    /**
     * Generates sentences.
     *
     * @param size how many
     * @param seed the seed
     * @return tagged sentences
     */
    public static List<TaggedSentence> generate(int size, long seed) {
        Random r = new Random(seed);
        List<TaggedSentence> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            List<String> w = new ArrayList<>();
            List<String> t = new ArrayList<>();
            switch (r.nextInt(5)) {
                case 0 -> { // PRON VERB(ambiguous) DET NOUN
                    add(w, t, pick(r, PRONOUNS), "PRON");
                    add(w, t, pick(r, AMBIGUOUS), "VERB");
                    add(w, t, pick(r, DETERMINERS), "DET");
                    add(w, t, pick(r, NOUNS), "NOUN");
                }
                case 1 -> { // PRON VERB DET (ADJ) NOUN(ambiguous)
                    add(w, t, pick(r, PRONOUNS), "PRON");
                    add(w, t, pick(r, VERBS), "VERB");
                    add(w, t, pick(r, DETERMINERS), "DET");
                    if (r.nextBoolean()) {
                        add(w, t, pick(r, ADJECTIVES), "ADJ");
                    }
                    add(w, t, pick(r, AMBIGUOUS), "NOUN");
                }
                case 2 -> { // PRON AUX(can) VERB(ambiguous) DET NOUN
                    add(w, t, pick(r, PRONOUNS), "PRON");
                    add(w, t, "can", "AUX");
                    add(w, t, pick(r, AMBIGUOUS), "VERB");
                    add(w, t, pick(r, DETERMINERS), "DET");
                    add(w, t, pick(r, NOUNS), "NOUN");
                }
                case 3 -> { // DET NOUN(ambiguous) AUX ADJ
                    add(w, t, pick(r, DETERMINERS), "DET");
                    add(w, t, pick(r, AMBIGUOUS), "NOUN");
                    add(w, t, "is", "AUX");
                    add(w, t, pick(r, ADJECTIVES), "ADJ");
                }
                default -> { // PRON VERB(ambiguous) ADV
                    add(w, t, pick(r, PRONOUNS), "PRON");
                    add(w, t, pick(r, AMBIGUOUS), "VERB");
                    add(w, t, pick(r, ADVERBS), "ADV");
                }
            }
            if (r.nextInt(3) > 0) {
                add(w, t, ".", "PUNCT");
            }
            out.add(new TaggedSentence(w, t, i + 1));
        }
        return out;
    }

    /**
     * Returns the embedded data set.
     *
     * @return {@link #DEFAULT_SIZE} sentences with {@link #DEFAULT_SEED}
     */
    public static List<TaggedSentence> defaultDataset() {
        return generate(DEFAULT_SIZE, DEFAULT_SEED);
    }

    /**
     * Writes sentences in the word/TAG format that {@link org.rnnkit.data.TaggedSentenceReader}
     * reads: one sentence per line, {@code word/TAG} tokens separated by single spaces.
     *
     * @param words each sentence's words
     * @param tags each sentence's tags, as many per sentence as it has words
     * @return the lines, each ending in a newline
     * @throws IllegalArgumentException when a sentence has another number of tags than of words
     */
    public static String wordTagLines(List<List<String>> words, List<List<String>> tags) {
        Recipes.require(
                words.size() == tags.size(),
                "tags must have one list per sentence, received: "
                        + tags.size()
                        + " lists for "
                        + words.size()
                        + " sentences");
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < words.size(); s++) {
            List<String> w = words.get(s);
            Recipes.require(
                    w.size() == tags.get(s).size(),
                    "tags must have one tag per word, received: " + tags.get(s) + " for " + w);
            for (int i = 0; i < w.size(); i++) {
                text.append(i > 0 ? " " : "")
                        .append(w.get(i))
                        .append('/')
                        .append(tags.get(s).get(i));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Writes tagged sentences in the word/TAG format.
     *
     * @param sentences the sentences
     * @return the lines, each ending in a newline
     */
    public static String wordTagLines(List<TaggedSentence> sentences) {
        return wordTagLines(
                sentences.stream().map(TaggedSentence::words).toList(),
                sentences.stream().map(TaggedSentence::tags).toList());
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }

    private static void add(List<String> words, List<String> tags, String word, String tag) {
        words.add(word);
        tags.add(tag);
    }
}
