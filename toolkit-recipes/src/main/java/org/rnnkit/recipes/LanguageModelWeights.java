package org.rnnkit.recipes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.text.WordVectors;

/**
 * The weights of a trained {@code generate} language model that another recipe can start from
 * (language-model pretraining, Dai and Le 2015; Howard and Ruder 2018): its token embedding, as
 * word vectors, and its recurrent layers, by name ({@code rnn0}, {@code rnn1}, ...: the names every
 * rnnkit builder gives its recurrent stack). A word-level model's embedding is what fits a word
 * classifier; a character-level model's "words" are characters.
 */
public final class LanguageModelWeights {

    /** The task name of the bundles this reads. */
    public static final String TASK = "generate";

    private final Path file;
    private final ModelBundle bundle;

    private LanguageModelWeights(Path file, ModelBundle bundle) {
        this.file = file;
        this.bundle = bundle;
    }

    /**
     * Reads a {@code generate} bundle.
     *
     * @param file the bundle
     * @return its weights
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static LanguageModelWeights load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return new LanguageModelWeights(file, Recipes.loadBundle(file, TASK));
    }

    /**
     * Returns the token level the model was trained on.
     *
     * @return {@code "CHAR"} or {@code "WORD"}, as saved in the bundle's options
     */
    public String level() {
        return bundle.options().path("level").asText("CHAR");
    }

    /**
     * Returns the embedding rows of every token that is not reserved (padding, unknown, begin,
     * end), as word vectors.
     *
     * @return the vectors, in vocabulary order
     */
    public WordVectors embeddings() {
        Vocabulary vocabulary = bundle.vocabulary();
        INDArray weights = bundle.network().getLayer("embedding").getParam("W");
        List<String> words = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int id = 0; id < vocabulary.size(); id++) {
            String token = vocabulary.token(id);
            if (Vocabulary.RESERVED.contains(token)
                    || token.isBlank()
                    || token.matches(".*\\s.*")) {
                continue;
            }
            words.add(token);
            vectors.add(weights.getRow(id).toFloatVector());
        }
        return WordVectors.of(words, vectors);
    }

    /**
     * Returns the recurrent layers' parameters by layer name, in DL4J's layout: for an LSTM of
     * {@code H} units on {@code F} inputs, {@code W} is {@code [F, 4H]}, {@code RW} {@code [H, 4H]}
     * and {@code b} {@code [1, 4H]} (GRU: {@code 3H} and a recurrent bias).
     *
     * @return layer name to a copy of its parameter table ({@code W}, {@code RW}, {@code b}, ...)
     */
    public Map<String, Map<String, INDArray>> recurrentLayers() {
        Map<String, Map<String, INDArray>> out = new LinkedHashMap<>();
        for (Layer layer : bundle.network().getLayers()) {
            if (layer instanceof RecurrentLayer) {
                Map<String, INDArray> params = new LinkedHashMap<>();
                layer.paramTable().forEach((k, v) -> params.put(k, v.dup()));
                out.put(layer.conf().getLayer().getLayerName(), params);
            }
        }
        return out;
    }

    /**
     * What {@link #copyInto} copied.
     *
     * @param embeddingsFound vocabulary words of the target that got the language model's vector
     * @param recurrentCopied names of the recurrent layers copied
     * @param recurrentSkipped names of the target's recurrent layers left as initialised, each with
     *     the reason
     */
    public record Transfer(
            int embeddingsFound, List<String> recurrentCopied, List<String> recurrentSkipped) {}

    /**
     * Copies the embedding rows of the words both vocabularies share, and every recurrent layer
     * whose name and parameter shapes match (same cell, input width and size, one direction).
     *
     * @param network the network to initialise (before training)
     * @param embeddingLayer the name of its embedding layer
     * @param vocabulary its vocabulary
     * @return what was copied and what was not, with why
     * @throws IllegalArgumentException when the embedding widths differ (the message names the
     *     bundle and both widths)
     */
    public Transfer copyInto(
            ComputationGraph network, String embeddingLayer, Vocabulary vocabulary) {
        int found = Recipes.copyEmbeddings(network, embeddingLayer, vocabulary, embeddings(), file);
        Map<String, Map<String, INDArray>> source = recurrentLayers();
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (!(layer instanceof RecurrentLayer)) {
                continue;
            }
            String name = layer.conf().getLayer().getLayerName();
            Map<String, INDArray> from = source.get(name);
            String mismatch = mismatch(layer.paramTable(), from);
            if (mismatch != null) {
                skipped.add(name + " (" + mismatch + ")");
                continue;
            }
            from.forEach((key, value) -> layer.getParam(key).assign(value));
            copied.add(name);
        }
        return new Transfer(found, List.copyOf(copied), List.copyOf(skipped));
    }

    private static String mismatch(Map<String, INDArray> target, Map<String, INDArray> from) {
        if (from == null) {
            return "the language model has no such layer";
        }
        if (!target.keySet().equals(from.keySet())) {
            return "parameters " + target.keySet() + " vs " + from.keySet();
        }
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            long[] a = e.getValue().shape();
            long[] b = from.get(e.getKey()).shape();
            if (!Arrays.equals(a, b)) {
                return e.getKey()
                        + " has shape "
                        + Arrays.toString(a)
                        + ", the language model's "
                        + Arrays.toString(b);
            }
        }
        return null;
    }
}
