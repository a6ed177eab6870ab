package org.rnnkit.recipes.postag;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.eval.MostFrequentTagger;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.text.Vocabulary;

/** A trained part-of-speech tagger: bundle, encoders and the most-frequent-tag baseline. */
public final class PostagModel {

    /** The bundle task name. */
    public static final String TASK = "postag";

    static final String CHARS = "chars.json";
    static final String TAGS = "tags.json";
    static final String BASELINE = "baseline.json";
    static final String PRETRAINED = "pretrained-words.txt";
    private static final int BATCH = 64;

    private final ComputationGraph network;
    private final ModelBundle bundle;
    private final PostagEncoder encoder;
    private final MostFrequentTagger baseline;
    private final PostagOptions options;

    PostagModel(
            ComputationGraph network,
            PostagEncoder encoder,
            MostFrequentTagger baseline,
            ModelBundle bundle,
            PostagOptions options) {
        this.network = network;
        this.bundle = bundle;
        this.encoder = encoder;
        this.baseline = baseline;
        this.options = Objects.requireNonNull(options, "options");
    }

    ComputationGraph network() {
        return network;
    }

    /**
     * Loads a model saved by {@link PostagRecipe#train(PostagOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static PostagModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (bundle.vocabulary() == null || !bundle.attachments().containsKey(CHARS)) {
            throw new BundleFormatException(file, "corrupt postag bundle: no vocabularies", null);
        }
        Vocabulary chars = Vocabulary.read(new ByteArrayInputStream(bundle.attachment(CHARS)));
        List<String> tags =
                ModelBundle.json().readValue(bundle.attachment(TAGS), new TypeReference<>() {});
        PostagOptions options =
                OptionsJson.read(
                        bundle.options(),
                        PostagOptions.class,
                        PostagOptions.defaults(),
                        Map.of(),
                        file);
        MostFrequentTagger baseline =
                bundle.attachments().containsKey(BASELINE)
                        ? MostFrequentTagger.fromMap(
                                ModelBundle.json()
                                        .readValue(
                                                bundle.attachment(BASELINE),
                                                new TypeReference<Map<String, Integer>>() {}))
                        : null;
        Vocabulary pretrained =
                bundle.attachments().containsKey(PRETRAINED)
                        ? Vocabulary.read(new ByteArrayInputStream(bundle.attachment(PRETRAINED)))
                        : null;
        return new PostagModel(
                bundle.network(),
                new PostagEncoder(
                        bundle.vocabulary(), chars, tags, options.charSlots(), pretrained),
                baseline,
                bundle,
                options);
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options read from the bundle (older bundles upgraded), or those of the run that
     *     is training it
     */
    public PostagOptions options() {
        return options;
    }

    /**
     * Returns the bundle.
     *
     * @return network, vocabulary, options, provenance, metrics ({@code null} while training)
     */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Returns the tag names.
     *
     * @return index = tag id
     */
    public List<String> tags() {
        return encoder.tags();
    }

    PostagEncoder encoder() {
        return encoder;
    }

    MostFrequentTagger baseline() {
        return baseline;
    }

    /**
     * Tags sentences (each a non-empty list of words).
     *
     * @param sentences the words
     * @return tag ids, one array per sentence
     */
    public List<int[]> tagIds(List<List<String>> sentences) {
        List<int[]> out = new ArrayList<>(sentences.size());
        for (int from = 0; from < sentences.size(); from += BATCH) {
            List<List<String>> chunk =
                    sentences.subList(from, Math.min(sentences.size(), from + BATCH));
            try (SequenceBatch batch = encoder.batch(chunk, null)) {
                INDArray p = network.output(false, batch.inputs(), batch.inputMasks())[0];
                int[][] best = p.argMax(1).reshape(chunk.size(), p.size(2)).toIntMatrix();
                for (int i = 0; i < chunk.size(); i++) {
                    out.add(Arrays.copyOf(best[i], chunk.get(i).size()));
                }
            }
        }
        return out;
    }

    /**
     * Tags sentences.
     *
     * @param sentences the words of each sentence
     * @return the tag of each word
     */
    public List<List<String>> predict(List<List<String>> sentences) {
        List<List<String>> out = new ArrayList<>();
        for (int[] ids : tagIds(sentences)) {
            List<String> tags = new ArrayList<>(ids.length);
            for (int id : ids) {
                tags.add(encoder.tags().get(id));
            }
            out.add(tags);
        }
        return out;
    }
}
