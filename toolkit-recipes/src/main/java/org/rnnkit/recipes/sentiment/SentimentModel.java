package org.rnnkit.recipes.sentiment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.eval.BagOfWordsClassifier;
import org.rnnkit.model.SequenceClassifier;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.text.Tokenizer;
import org.rnnkit.text.Vocabulary;

/**
 * A trained sentiment classifier, as loaded from (or about to be saved to) a bundle: the network,
 * the vocabulary, the label names, the text pipeline and the bag-of-words baseline trained beside
 * it.
 */
public final class SentimentModel {

    /** The bundle task name. */
    public static final String TASK = "sentiment";

    static final String LABELS = "labels.json";
    static final String BASELINE = "bag-of-words.bin";

    private final ModelBundle bundle;
    private final SentimentOptions options;
    private final List<String> labels;
    private final SequenceClassifier classifier;
    private final BagOfWordsClassifier baseline;
    private final Tokenizer tokenizer = Tokenizer.standard();

    SentimentModel(
            ModelBundle bundle,
            SentimentOptions options,
            List<String> labels,
            BagOfWordsClassifier baseline) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.options = Objects.requireNonNull(options, "options");
        this.labels = List.copyOf(labels);
        this.baseline = baseline;
        this.classifier =
                new SequenceClassifier(
                        bundle.network(),
                        SequenceBatcher.builder()
                                .optMaxLength(options.training().maxLength())
                                .build(),
                        options.training().batchSize());
    }

    /**
     * Loads a model saved by {@link SentimentRecipe#train(SentimentOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static SentimentModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (bundle.vocabulary() == null) {
            throw new BundleFormatException(file, "corrupt sentiment bundle: no vocabulary", null);
        }
        List<String> labels =
                ModelBundle.json()
                        .readValue(bundle.attachment(LABELS), new TypeReference<List<String>>() {});
        BagOfWordsClassifier baseline =
                bundle.attachments().containsKey(BASELINE)
                        ? BagOfWordsClassifier.fromBytes(bundle.attachment(BASELINE))
                        : null;
        SentimentOptions options =
                OptionsJson.read(
                        bundle.options(),
                        SentimentOptions.class,
                        SentimentOptions.defaults(),
                        Map.of(),
                        file);
        return new SentimentModel(bundle, options, labels, baseline);
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options read from the bundle (older bundles upgraded)
     */
    public SentimentOptions options() {
        return options;
    }

    /**
     * Returns the bundle this model lives in.
     *
     * @return the bundle (network, vocabulary, options, provenance, metrics)
     */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Returns the label names, index = class id.
     *
     * @return the labels in lexical order
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns the vocabulary.
     *
     * @return the input vocabulary
     */
    public Vocabulary vocabulary() {
        return bundle.vocabulary();
    }

    /**
     * Returns the bag-of-words baseline trained on the same data.
     *
     * @return the baseline, or {@code null} for bundles saved without one
     */
    public BagOfWordsClassifier baseline() {
        return baseline;
    }

    /**
     * Tokenizes and encodes texts.
     *
     * @param texts raw texts
     * @return one id sequence per text; a text without tokens becomes {@code [UNK]}
     */
    public List<int[]> encode(List<String> texts) {
        return encodeTokens(texts.stream().map(tokenizer::tokenize).toList(), vocabulary());
    }

    /**
     * Encodes tokenized texts; a text without tokens becomes {@code [UNK]} so that it still has one
     * real step.
     */
    static List<int[]> encodeTokens(List<List<String>> tokens, Vocabulary vocabulary) {
        List<int[]> out = new ArrayList<>(tokens.size());
        for (List<String> t : tokens) {
            int[] ids = vocabulary.encode(t);
            out.add(ids.length == 0 ? new int[] {Vocabulary.UNK} : ids);
        }
        return out;
    }

    /**
     * Classifies texts.
     *
     * @param texts raw texts
     * @return one prediction per text, in order
     */
    public List<Prediction> predict(List<String> texts) {
        float[][] probs = classifier.predictProbabilities(encode(texts));
        List<Prediction> out = new ArrayList<>(texts.size());
        int[] best = SequenceClassifier.argmax(probs);
        for (int i = 0; i < probs.length; i++) {
            out.add(new Prediction(labels.get(best[i]), probs[i][best[i]], probs[i]));
        }
        return out;
    }

    /**
     * Returns class probabilities for encoded sequences.
     *
     * @param sequences id sequences from {@link #encode(List)}
     * @return one probability row per sequence
     */
    float[][] probabilities(List<int[]> sequences) {
        return classifier.predictProbabilities(sequences);
    }

    /**
     * One classified text.
     *
     * @param label the most probable label
     * @param probability its probability
     * @param probabilities every label's probability, by class id
     */
    public record Prediction(String label, double probability, float[] probabilities) {

        /**
         * Formats the prediction as the command line prints it.
         *
         * @param text the classified text
         * @return {@code label<TAB>probability<TAB>text}, the probability with 4 decimals
         */
        public String toLine(String text) {
            return String.format(Locale.ROOT, "%s\t%.4f\t%s", label, probability, text);
        }
    }
}
