package org.rnnkit.recipes.postag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.text.Vocabulary;

/**
 * Turns sentences into the tagger's inputs: lower-cased word ids, and each word's characters (case
 * kept) in a block of {@code charSlots} slots with one padding slot at each end. Words longer than
 * {@code charSlots - 2} characters keep their beginning and their end (the suffix matters most for
 * part of speech).
 *
 * @param words the word vocabulary (lower case): the training words, then possibly words of a
 *     pretrained vectors file with count 0 ({@link #withExtraWords(Collection)})
 * @param chars the character vocabulary (one character per entry)
 * @param tags the tag names, index = tag id
 * @param charSlots character slots per word
 * @param pretrained the words of a frozen pretrained vectors table (lower case, reserved tokens
 *     first), looked up for the tagger's third input; {@code null} without one
 */
record PostagEncoder(
        Vocabulary words,
        Vocabulary chars,
        List<String> tags,
        int charSlots,
        Vocabulary pretrained) {

    /**
     * Creates an encoder without a frozen pretrained table.
     *
     * @param words the word vocabulary
     * @param chars the character vocabulary
     * @param tags the tag names
     * @param charSlots character slots per word
     */
    PostagEncoder(Vocabulary words, Vocabulary chars, List<String> tags, int charSlots) {
        this(words, chars, tags, charSlots, null);
    }

    /** Sentences are tagged whole: no truncation. */
    private static final SequenceBatcher WHOLE_SENTENCES =
            SequenceBatcher.builder().optMaxLength(Integer.MAX_VALUE).build();

    /**
     * Builds the vocabularies from training sentences.
     *
     * @param train the sentences
     * @param minCount the fewest occurrences for a word to get its own id
     * @param charSlots character slots per word
     * @return the encoder
     */
    static PostagEncoder fit(List<TaggedSentence> train, int minCount, int charSlots) {
        Vocabulary.Builder w = Vocabulary.builder();
        Vocabulary.Builder c = Vocabulary.builder();
        java.util.TreeSet<String> tagSet = new java.util.TreeSet<>();
        for (TaggedSentence s : train) {
            w.add(lower(s.words()));
            for (String word : s.words()) {
                c.add(characters(word));
            }
            tagSet.addAll(s.tags());
        }
        return new PostagEncoder(
                w.build(minCount, Integer.MAX_VALUE),
                c.build(1, Integer.MAX_VALUE),
                List.copyOf(tagSet),
                charSlots);
    }

    /**
     * Returns this encoder with extra words (lower-cased) appended to the word vocabulary with
     * count 0, e.g. those of pretrained vectors, so that they keep their own id at test time.
     * Training words keep their ids and counts; they alone count as known for {@link #oov(List)}.
     *
     * @param extra the words to add, in order; repeated and known ones are skipped
     * @return the extended encoder
     */
    PostagEncoder withExtraWords(Collection<String> extra) {
        List<String> lowered = new ArrayList<>(extra.size());
        for (String w : extra) {
            lowered.add(w.toLowerCase(Locale.ROOT));
        }
        return new PostagEncoder(
                words.withExtraTokens(lowered), chars, tags, charSlots, pretrained);
    }

    /**
     * Returns this encoder with a frozen pretrained table's words: batches gain a third input, each
     * word's (lower-cased) id in {@code table}. Word dropout never touches these ids.
     *
     * @param table the table's words, reserved tokens first
     * @return the encoder
     */
    PostagEncoder withPretrained(Vocabulary table) {
        return new PostagEncoder(words, chars, tags, charSlots, table);
    }

    static List<String> lower(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static List<String> characters(String word) {
        List<String> out = new ArrayList<>();
        word.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /**
     * Marks the out-of-vocabulary words: those that are not training words of the vocabulary. A
     * word that has an id only because it came from pretrained vectors (count 0) is OOV too.
     *
     * @param sentence the words
     * @return one flag per word
     */
    boolean[] oov(List<String> sentence) {
        boolean[] out = new boolean[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            int id = words.id(sentence.get(i).toLowerCase(Locale.ROOT));
            out[i] = id == Vocabulary.UNK || words.count(id) == 0;
        }
        return out;
    }

    /**
     * Returns the tag ids of a sentence.
     *
     * @param s the sentence
     * @return the ids
     * @throws IllegalArgumentException for a tag the model does not know
     */
    int[] tagIds(TaggedSentence s) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tags.indexOf(s.tags().get(i));
            if (out[i] < 0) {
                throw new IllegalArgumentException(
                        "tag '" + s.tags().get(i) + "' is not one of the model's tags " + tags);
            }
        }
        return out;
    }

    /**
     * Builds a batch: word ids (and one-hot tags when given), plus the character input.
     *
     * @param sentences the words of each sentence
     * @param tagIds the tag ids of each sentence, or {@code null} for inference
     * @return the batch with the characters (and the pretrained ids) as its extra inputs
     */
    SequenceBatch batch(List<List<String>> sentences, List<int[]> tagIds) {
        return batch(sentences, tagIds, 0, null);
    }

    /**
     * Builds a training batch with frequency-scaled word dropout: a known word seen {@code n} times
     * in training becomes the unknown-word id with probability {@code alpha / (alpha + n)}
     * (Kiperwasser and Goldberg, 2016). The characters are kept, so the character encoder learns to
     * tag the words the word embedding does not know; so are the ids of a frozen pretrained table,
     * so that rare training words are seen exactly as unseen words with a pretrained vector will
     * be.
     *
     * @param sentences the words of each sentence
     * @param tagIds the tag ids of each sentence, or {@code null} for inference
     * @param alpha the dropout alpha; 0 keeps every word
     * @param random the draws (seeded by the caller for repeatable epochs); unused when alpha is 0
     * @return the batch with the characters (and the pretrained ids) as its extra inputs
     */
    SequenceBatch batch(
            List<List<String>> sentences, List<int[]> tagIds, double alpha, Random random) {
        List<int[]> ids = new ArrayList<>(sentences.size());
        List<List<String>> lowered = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            List<String> lower = lower(s);
            lowered.add(lower);
            int[] w = words.encode(lower);
            if (alpha > 0) {
                for (int i = 0; i < w.length; i++) {
                    if (w[i] != Vocabulary.UNK
                            && random.nextDouble() < alpha / (alpha + words.count(w[i]))) {
                        w[i] = Vocabulary.UNK;
                    }
                }
            }
            ids.add(w);
        }
        SequenceBatch base =
                tagIds == null
                        ? WHOLE_SENTENCES.features(ids)
                        : WHOLE_SENTENCES.manyToMany(ids, tagIds, tags.size());
        int b = sentences.size();
        int t = base.timeSteps();
        float[] charIds = new float[b * t * charSlots];
        float[] charMask = new float[b * t * charSlots];
        int inner = charSlots - 2;
        for (int i = 0; i < b; i++) {
            List<String> s = sentences.get(i);
            for (int w = 0; w < s.size(); w++) {
                int[] cps = s.get(w).codePoints().toArray();
                int n = Math.min(cps.length, inner);
                int head = cps.length <= inner ? n : (inner + 1) / 2;
                int base0 = (i * t + w) * charSlots + 1;
                for (int k = 0; k < n; k++) {
                    int cp = k < head ? cps[k] : cps[cps.length - (n - k)];
                    charIds[base0 + k] = chars.id(new String(Character.toChars(cp)));
                    charMask[base0 + k] = 1f;
                }
            }
        }
        INDArray c = Nd4j.create(charIds, new long[] {b, 1, (long) t * charSlots}, DataType.FLOAT);
        INDArray cm = Nd4j.create(charMask, new long[] {b, (long) t * charSlots}, DataType.FLOAT);
        if (pretrained == null) {
            return base.withExtraInputs(new INDArray[] {c}, new INDArray[] {cm});
        }
        float[] pretrainedIds = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[] table = pretrained.encode(lowered.get(i));
            for (int w = 0; w < table.length; w++) {
                pretrainedIds[i * t + w] = table[w];
            }
        }
        INDArray p = Nd4j.create(pretrainedIds, new long[] {b, 1, t}, DataType.FLOAT);
        INDArray pm = base.featuresMask() == null ? null : base.featuresMask().dup();
        return base.withExtraInputs(new INDArray[] {c, p}, new INDArray[] {cm, pm});
    }
}
