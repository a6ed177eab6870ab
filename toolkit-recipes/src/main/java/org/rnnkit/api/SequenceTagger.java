package org.rnnkit.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.TaggedSentenceReader;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.postag.PostagModel;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.postag.PostagRecipe;

/**
 * Sequence tagging (part of speech, named entities, chunks: one tag per word) in a few lines: a
 * bidirectional many-to-many recurrent network trained, evaluated and saved by the same code as
 * {@code rnnkit postag train}.
 *
 * <pre>{@code
 * SequenceTagger tagger = SequenceTagger.builder().epochs(5).build();
 * tagger.fit(sentences, tags);                       // or fit(Path.of("train.conllu"))
 * tagger.tag(List.of("they", "book", "a", "flight")); // [PRON, VERB, DET, NOUN]
 * tagger.save(Path.of("postag.zip"));                 // rnnkit postag predict reads it
 * SequenceTagger again = SequenceTagger.load(Path.of("postag.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link PostagRecipe}: a seeded dev share of the sentences
 * (unless dev sentences are given), early stopping on dev token accuracy, word dropout, a character
 * encoder per word, a most-frequent-tag baseline beside the network. Checkpoints and the metrics
 * log go to a temporary directory that is deleted afterwards; use {@link
 * PostagRecipe#train(PostagOptions)} for resumable runs that keep them. {@code fit} returns the
 * report the command line prints.
 *
 * <p><b>Data.</b> Sentences as word lists with one tag per word, in memory, or in a file: CoNLL-U
 * or one {@code word/TAG} sentence per line, read through the DataVec {@code TaggedSentenceReader}.
 * Errors in in-memory data name the caller's index: "sentence 3 has 4 words but 3 tags".
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class SequenceTagger extends RecipeTask<PostagOptions, PostagModel> {

    private SequenceTagger(PostagOptions options, PostagModel model) {
        super(options, model, "tagger", new Recipe<>(PostagRecipe::train, PostagModel::load));
    }

    /**
     * Starts a builder from the recipe's defaults ({@link PostagOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a tagger saved by {@link #save(Path)} or by {@code rnnkit postag train}.
     *
     * @param file the bundle
     * @return a fitted tagger with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static SequenceTagger load(Path file) throws IOException {
        PostagModel loaded = PostagModel.load(file);
        return new SequenceTagger(loaded.options(), loaded);
    }

    /**
     * Trains on sentences and their tags, holding out a seeded dev share ({@code devFraction}) for
     * early stopping. Replaces any earlier model.
     *
     * @param sentences the words of each training sentence
     * @param tags the tags of each sentence, one per word
     * @return the dev metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the
     *     report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the lists differ in size, a sentence is empty, a word
     *     or tag is blank, or a sentence's words and tags differ in number (naming the caller's
     *     index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<List<String>> sentences, List<List<String>> tags)
            throws IOException {
        return fitTagged(sentences(sentences, tags, "sentence"), null);
    }

    /**
     * Trains on sentences and their tags, selecting the best epoch on the given dev sentences.
     *
     * @param sentences the words of each training sentence
     * @param tags the tags of each training sentence, one per word
     * @param devSentences the words of each dev sentence
     * @param devTags the tags of each dev sentence; every tag must occur in {@code tags}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the input is malformed or a dev tag is not a training
     *     tag (naming the caller's index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(
            List<List<String>> sentences,
            List<List<String>> tags,
            List<List<String>> devSentences,
            List<List<String>> devTags)
            throws IOException {
        List<TaggedSentence> train = sentences(sentences, tags, "sentence");
        List<TaggedSentence> dev = sentences(devSentences, devTags, "dev sentence");
        Set<String> known = new HashSet<>();
        train.forEach(s -> known.addAll(s.tags()));
        requireKnownTags(dev, known, "dev sentence");
        return fitTagged(train, dev);
    }

    /**
     * Trains on a tagged file, with a seeded dev share: exactly {@code rnnkit postag train --data
     * FILE}.
     *
     * @param data CoNLL-U or word/TAG sentences
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed (naming the file
     *     and line)
     */
    public RecipeResult fit(Path data) throws IOException {
        return fit(data, null);
    }

    /**
     * Trains on a tagged file, selecting the best epoch on a dev file: exactly {@code rnnkit postag
     * train --data FILE --dev DEV}.
     *
     * @param data CoNLL-U or word/TAG sentences
     * @param dev dev sentences in the same formats, or {@code null} for a seeded share of {@code
     *     data}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is malformed (naming the file and
     *     line)
     */
    public RecipeResult fit(Path data, Path dev) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(PostagModel.TASK)) {
            PostagOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data).withDev(dev));
            return finish(PostagRecipe.train(fileOptions), run);
        }
    }

    /**
     * Trains on tagged sentences already read (by {@link TaggedSentenceReader#readAll}, or built
     * from a DataVec reader's records). Named apart from {@code fit} because Java erases both list
     * types alike.
     *
     * @param train the training sentences
     * @param dev the dev sentences, or {@code null} for a seeded share of {@code train}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the temporary run cannot be written
     * @throws org.rnnkit.data.MalformedDataException when a dev tag is not a training tag, or fewer
     *     than 2 sentences are given without dev sentences
     */
    public RecipeResult fitTagged(List<TaggedSentence> train, List<TaggedSentence> dev)
            throws IOException {
        Inputs.requireElements(train, "train", "sentence");
        Inputs.requireNonEmpty(train, "train");
        try (TemporaryRun run = new TemporaryRun(PostagModel.TASK)) {
            PostagOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(PostagRecipe.train(runOptions, train, dev), run);
        }
    }

    /**
     * Tags one sentence.
     *
     * @param words the sentence's words (tokens), at least one
     * @return one tag per word
     * @throws IllegalArgumentException when the sentence is empty or a word is blank
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> tag(List<String> words) {
        return predict(List.of(Objects.requireNonNull(words, "words"))).get(0);
    }

    /**
     * Tags sentences.
     *
     * @param sentences the words of each sentence
     * @return the tags of each sentence, one per word, in order
     * @throws IllegalArgumentException when a sentence is empty or a word is blank (naming the
     *     caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<List<String>> predict(List<List<String>> sentences) {
        PostagModel fitted = fitted();
        Inputs.requireElements(sentences, "sentences", "sentence");
        for (int i = 0; i < sentences.size(); i++) {
            requireWords(sentences.get(i), "sentence " + i);
        }
        return fitted.predict(sentences);
    }

    /**
     * Scores the tagger on tagged sentences: the report {@code rnnkit postag eval} prints.
     *
     * @param sentences the words of each sentence
     * @param tags the true tags of each sentence; every tag must be one the model knows
     * @return the metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the
     *     report
     * @throws IllegalArgumentException when the input is malformed or a tag is unknown to the model
     *     (naming the caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(List<List<String>> sentences, List<List<String>> tags) {
        PostagModel fitted = fitted();
        List<TaggedSentence> set = sentences(sentences, tags, "sentence");
        requireKnownTags(set, new HashSet<>(fitted.tags()), "sentence");
        return PostagRecipe.evaluate(fitted, set, "sentences (in memory)");
    }

    /**
     * Scores the tagger on a tagged file: exactly {@code rnnkit postag eval --data FILE}.
     *
     * @param data CoNLL-U or word/TAG sentences
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed or has tags the
     *     model lacks
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(data, fitted().options().training().format());
    }

    /**
     * Scores the tagger on a tagged file of a given shape: {@code rnnkit postag eval --data FILE}
     * with its table and column flags.
     *
     * @param data CoNLL-U, word/TAG lines or a delimited file
     * @param format the shape of a delimited file (its word and tag columns)
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed or has tags the
     *     model does not know (naming the file and line)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data, DataFormat format) throws IOException {
        return PostagRecipe.evaluate(fitted(), data, format);
    }

    /**
     * Saves the model as one bundle (network, word and character vocabularies, tags, options,
     * provenance, dev metrics, baseline), written atomically.
     *
     * @param file the zip to write; {@code rnnkit postag predict --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TemporaryRun.save(fitted().bundle(), file);
    }

    /**
     * Returns the tags the model predicts, index = tag id.
     *
     * @return the tags
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> tags() {
        return fitted().tags();
    }

    private static void requireWords(List<String> words, String what) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; every sentence needs a word");
        }
        for (int j = 0; j < words.size(); j++) {
            String w = words.get(j);
            if (w == null) {
                throw new NullPointerException("word " + j + " of " + what + " is null");
            }
            if (w.isBlank()) {
                throw new IllegalArgumentException(
                        "word " + j + " of " + what + " is empty; words are non-blank tokens");
            }
        }
    }

    private static List<TaggedSentence> sentences(
            List<List<String>> sentences, List<List<String>> tags, String what) {
        boolean dev = what.startsWith("dev");
        String sentencesName = dev ? "devSentences" : "sentences";
        String tagsName = dev ? "devTags" : "tags";
        Inputs.requireElements(sentences, sentencesName, what);
        Inputs.requireElements(tags, tagsName, "tags of " + what);
        Inputs.requireSameSize(sentences, sentencesName, tags, tagsName);
        Inputs.requireNonEmpty(sentences, sentencesName);
        List<TaggedSentence> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            List<String> words = sentences.get(i);
            List<String> sentenceTags = tags.get(i);
            requireWords(words, what + " " + i);
            if (words.size() != sentenceTags.size()) {
                throw new IllegalArgumentException(
                        what
                                + " "
                                + i
                                + " has "
                                + words.size()
                                + " words but "
                                + sentenceTags.size()
                                + " tags; expected one tag per word");
            }
            for (int j = 0; j < sentenceTags.size(); j++) {
                String t = sentenceTags.get(j);
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException(
                            "tag "
                                    + j
                                    + " of "
                                    + what
                                    + " "
                                    + i
                                    + " is "
                                    + (t == null ? "null" : "empty"));
                }
            }
            out.add(new TaggedSentence(words, sentenceTags, i + 1));
        }
        return out;
    }

    private static void requireKnownTags(List<TaggedSentence> set, Set<String> known, String what) {
        for (int i = 0; i < set.size(); i++) {
            List<String> tags = set.get(i).tags();
            for (int j = 0; j < tags.size(); j++) {
                if (!known.contains(tags.get(j))) {
                    throw new IllegalArgumentException(
                            "tag "
                                    + j
                                    + " of "
                                    + what
                                    + " "
                                    + i
                                    + " is '"
                                    + tags.get(j)
                                    + "'; expected one of the tags seen in training "
                                    + new TreeSet<>(known));
                }
            }
        }
    }

    /**
     * Settings of a {@link SequenceTagger}: the shared training settings (see {@link
     * TrainingBuilder}; {@code maxLength} does not apply, sentences are tagged whole) plus the
     * tagger's own. Starts from {@link PostagOptions#defaults()}.
     */
    public static final class Builder extends TextTrainingBuilder<PostagOptions, Builder> {

        private Builder() {
            super(
                    PostagOptions.defaults(),
                    new Copies<>(
                            PostagOptions::withTraining,
                            PostagOptions::withEmbeddingSize,
                            PostagOptions::withMinCount,
                            PostagOptions::withDevFraction));
        }

        /**
         * Sets the frequency-scaled word dropout (a word seen {@code n} times is replaced by the
         * unknown word with probability {@code alpha / (alpha + n)} in training).
         *
         * @param wordDropout alpha, at least 0; 0 turns it off
         * @return this builder
         * @throws IllegalArgumentException when {@code wordDropout < 0}
         */
        public Builder wordDropout(double wordDropout) {
            return options(options().withWordDropout(wordDropout));
        }

        /**
         * Builds the tagger, not yet fitted.
         *
         * @return a tagger with these settings
         */
        public SequenceTagger build() {
            return new SequenceTagger(options(), null);
        }
    }
}
