package org.rnnkit.recipes.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.model.Graphs;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.text.Vocabulary;

/**
 * A trained language model, as loaded from (or about to be saved to) a bundle: the network, the
 * vocabulary, the options and the unigram counts of its training text (the baseline).
 *
 * <p>Generation decodes one token at a time from cached recurrent state ({@code rnnTimeStep}): the
 * prompt is read once, then each drawn token costs one step, so a text of T tokens costs O(T)
 * steps. Prompt tokens the model never saw are read as the unknown token ({@link
 * #unknownTokens(String)} lists them); the sampler never draws padding, unknown or begin tokens,
 * and the end-of-document token ends a sample.
 */
public final class GenerateModel {

    /** The bundle task name. */
    public static final String TASK = "generate";

    static final String UNIGRAM = "unigram.json";

    private static final int[] NEVER_DRAWN = {Vocabulary.PAD, Vocabulary.UNK, Vocabulary.BOS};

    private final ModelBundle bundle;
    private final GenerateOptions options;
    private final long[] unigram;

    GenerateModel(ModelBundle bundle, GenerateOptions options, long[] unigram) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.options = Objects.requireNonNull(options, "options");
        this.unigram = unigram.clone();
    }

    /**
     * Loads a model saved by {@link GenerateRecipe#train(GenerateOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static GenerateModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (bundle.vocabulary() == null || !bundle.attachments().containsKey(UNIGRAM)) {
            throw new BundleFormatException(
                    file, "corrupt generate bundle: no vocabulary or unigram counts", null);
        }
        long[] unigram = ModelBundle.json().readValue(bundle.attachment(UNIGRAM), long[].class);
        GenerateOptions options =
                OptionsJson.read(
                        bundle.options(),
                        GenerateOptions.class,
                        GenerateOptions.defaults(),
                        Map.of(),
                        file);
        if (unigram.length != bundle.vocabulary().size()) {
            throw new BundleFormatException(
                    file,
                    "corrupt generate bundle: unigram counts do not match the vocabulary",
                    null);
        }
        return new GenerateModel(bundle, options, unigram);
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options read from the bundle
     */
    public GenerateOptions options() {
        return options;
    }

    /**
     * Returns the bundle this model lives in.
     *
     * @return the bundle
     */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Returns the vocabulary.
     *
     * @return the token vocabulary
     */
    public Vocabulary vocabulary() {
        return bundle.vocabulary();
    }

    /**
     * Lists the tokens of a text that the model does not know (they are read as the unknown token).
     *
     * @param text a prompt or evaluation text
     * @return the distinct unknown tokens, in order of first appearance
     */
    public List<String> unknownTokens(String text) {
        LinkedHashSet<String> unknown = new LinkedHashSet<>();
        for (String t : options.level().tokens(text)) {
            if (!vocabulary().contains(t)) {
                unknown.add(t);
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * Writes one text.
     *
     * @param prompt the text to continue (may be empty); unknown tokens are read as unknown
     * @param length the most tokens to draw, at least 1; fewer when the model ends the document
     * @param sampler temperature, top-k and top-p
     * @param seed the seed of the draws: the same seed gives the same text
     * @return the prompt followed by the drawn continuation
     * @throws IllegalArgumentException when {@code length < 1}
     */
    public String sample(String prompt, int length, TokenSampler sampler, long seed) {
        return sample(prompt, length, sampler, new Random(seed));
    }

    /**
     * Writes one text, drawing from the given random source (so that several samples in a row
     * differ but the series is reproducible).
     *
     * @param prompt the text to continue (may be empty)
     * @param length the most tokens to draw, at least 1
     * @param sampler temperature, top-k and top-p
     * @param random the source of the draws
     * @return the prompt followed by the drawn continuation
     * @throws IllegalArgumentException when {@code length < 1}
     */
    public String sample(String prompt, int length, TokenSampler sampler, Random random) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampler, "sampler");
        Recipes.atLeast("length", length, 1);
        TextLevel level = options.level();
        List<String> promptTokens = level.tokens(prompt);
        int[] context = new int[promptTokens.size() + 1];
        context[0] = Vocabulary.BOS;
        System.arraycopy(vocabulary().encode(promptTokens), 0, context, 1, promptTokens.size());
        ComputationGraph network = bundle.network();
        synchronized (network) {
            network.rnnClearPreviousState();
            try {
                float[] next = step(network, context);
                List<String> drawn = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    int id = sampler.sample(next, random, NEVER_DRAWN);
                    if (id == Vocabulary.EOS) {
                        break;
                    }
                    drawn.add(vocabulary().token(id));
                    next = step(network, new int[] {id});
                }
                String continuation = level.join(drawn);
                if (level == TextLevel.WORD && !prompt.isBlank() && !drawn.isEmpty()) {
                    return prompt.strip() + " " + continuation;
                }
                return prompt + continuation;
            } finally {
                network.rnnClearPreviousState();
            }
        }
    }

    /**
     * The distributions the sampler draws from along a text: row {@code i} is the next-token
     * distribution after the begin token and the text's first {@code i} tokens, with the sampler's
     * temperature, top-k and top-p applied and the never-drawn tokens (padding, unknown, begin)
     * removed. The last row is what {@link #sample} draws its first token from when the text is the
     * prompt.
     *
     * @param text a prompt or a whole text (unknown tokens are read as the unknown token)
     * @param sampler temperature, top-k and top-p
     * @return {@code [tokens + 1][vocabulary size]}, each row summing to 1
     */
    public double[][] distributions(String text, TokenSampler sampler) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sampler, "sampler");
        List<String> tokens = options.level().tokens(text);
        int[] ids = new int[tokens.size() + 1];
        ids[0] = Vocabulary.BOS;
        System.arraycopy(vocabulary().encode(tokens), 0, ids, 1, tokens.size());
        double[][] out = new double[ids.length][];
        ComputationGraph network = bundle.network();
        synchronized (network) {
            network.rnnClearPreviousState();
            try {
                for (int t = 0; t < ids.length; t++) {
                    out[t] = sampler.distribution(step(network, new int[] {ids[t]}), NEVER_DRAWN);
                }
            } finally {
                network.rnnClearPreviousState();
            }
        }
        return out;
    }

    /** Feeds ids through the graph with its stored state; returns the last step's distribution. */
    private static float[] step(ComputationGraph network, int[] ids) {
        INDArray input = Nd4j.create(DataType.FLOAT, 1, 1, ids.length);
        for (int t = 0; t < ids.length; t++) {
            input.putScalar(0, 0, t, ids[t]);
        }
        INDArray out = Graphs.rnnTimeStep(network, input)[0];
        INDArray last =
                out.rank() == 3
                        ? out.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(ids.length - 1))
                        : out.getRow(0);
        return last.castTo(DataType.FLOAT).toFloatVector();
    }

    /**
     * Scores the model on documents: the cross-entropy of every token and of each document's end,
     * in bits, beside the unigram baseline's (training counts, add-one smoothed).
     *
     * @param documents the texts
     * @return the scores
     * @throws IllegalArgumentException when there are no documents
     */
    public Score score(List<String> documents) {
        Recipes.require(!documents.isEmpty(), "documents must not be empty");
        List<int[]> encoded = documents.stream().map(this::encode).toList();
        double[] model =
                crossEntropyCarried(
                        bundle.network(),
                        encoded,
                        options.training().batchSize(),
                        options.training().maxLength());
        double unigramBits = 0;
        long total = 0;
        for (long c : unigram) {
            total += c + 1;
        }
        for (int[] doc : encoded) {
            for (int t = 1; t < doc.length; t++) {
                unigramBits -= log2((unigram[doc[t]] + 1.0) / total);
            }
        }
        return new Score(
                options.level(), model[0] / model[1], unigramBits / model[1], (long) model[1]);
    }

    /**
     * Encodes one document: begin token, its tokens, end token.
     *
     * @param document the text
     * @return the ids
     */
    int[] encode(String document) {
        return encode(document, options.level(), vocabulary());
    }

    /**
     * Encodes one document: begin token, its tokens (unknown ones as the unknown token), end token.
     *
     * @param document the text
     * @param level character or word tokens
     * @param vocabulary the vocabulary
     * @return the ids
     */
    public static int[] encode(String document, TextLevel level, Vocabulary vocabulary) {
        int[] ids = vocabulary.encode(level.tokens(document));
        int[] out = new int[ids.length + 2];
        out[0] = Vocabulary.BOS;
        System.arraycopy(ids, 0, out, 1, ids.length);
        out[out.length - 1] = Vocabulary.EOS;
        return out;
    }

    /**
     * Cuts encoded documents into lanes of at most {@code maxLength} predicted steps: consecutive
     * pieces of {@code maxLength + 1} ids that overlap by one, so every token after the first is
     * predicted exactly once.
     */
    static List<int[]> lanes(List<int[]> documents, int maxLength) {
        List<int[]> out = new ArrayList<>();
        for (int[] doc : documents) {
            for (int start = 0; start < doc.length - 1; start += maxLength) {
                int end = Math.min(doc.length, start + maxLength + 1);
                int[] lane = new int[end - start];
                System.arraycopy(doc, start, lane, 0, lane.length);
                out.add(lane);
            }
        }
        return out;
    }

    /** Inputs of a lane: every id but the last. */
    static int[] inputs(int[] lane) {
        int[] out = new int[lane.length - 1];
        System.arraycopy(lane, 0, out, 0, out.length);
        return out;
    }

    /** Targets of a lane: every id but the first. */
    static int[] targets(int[] lane) {
        int[] out = new int[lane.length - 1];
        System.arraycopy(lane, 1, out, 0, out.length);
        return out;
    }

    /**
     * Sums the model's cross-entropy over lanes in one masked pass per batch (no state carried
     * between lanes): the reference that {@link #crossEntropyCarried} is tested against.
     *
     * @return {@code [bits, predicted tokens]}
     */
    static double[] crossEntropy(ComputationGraph network, List<int[]> lanes, int batchSize) {
        SequenceBatcher batcher = SequenceBatcher.builder().optMaxLength(Integer.MAX_VALUE).build();
        double bits = 0;
        long count = 0;
        synchronized (network) {
            network.rnnClearPreviousState();
            for (int from = 0; from < lanes.size(); from += batchSize) {
                List<int[]> chunk = lanes.subList(from, Math.min(lanes.size(), from + batchSize));
                List<int[]> in = chunk.stream().map(GenerateModel::inputs).toList();
                try (SequenceBatch batch = batcher.features(in)) {
                    INDArray probs =
                            Graphs.output(
                                    network,
                                    new INDArray[] {batch.features()},
                                    new INDArray[] {batch.featuresMask()})[0];
                    for (int b = 0; b < chunk.size(); b++) {
                        int[] target = targets(chunk.get(b));
                        for (int t = 0; t < target.length; t++) {
                            double p = probs.getDouble(b, target[t], t);
                            bits -= log2(Math.max(p, 1e-12));
                            count++;
                        }
                    }
                }
            }
        }
        return new double[] {bits, count};
    }

    /**
     * Sums the model's cross-entropy over whole documents, reading each in consecutive chunks of
     * {@code chunk} steps with the recurrent state carried from chunk to chunk ({@code
     * rnnTimeStep}), so a document longer than a training lane is scored with its full history.
     * Documents of a batch are padded at the end with {@link Vocabulary#PAD}; padded steps come
     * after every real step of their row, so they never change a real step's output.
     *
     * @param network a language model ({@code tokens [batch, 1, time]} in, softmax {@code [batch,
     *     vocabulary, time]} out)
     * @param documents encoded documents ({@link #encode(String, TextLevel, Vocabulary)})
     * @param batchSize documents read side by side
     * @param chunk steps per {@code rnnTimeStep} call
     * @return {@code [bits, predicted tokens]}
     */
    public static double[] crossEntropyCarried(
            ComputationGraph network, List<int[]> documents, int batchSize, int chunk) {
        List<int[]> docs = new ArrayList<>(documents);
        docs.sort(java.util.Comparator.comparingInt(d -> d.length));
        double bits = 0;
        long count = 0;
        synchronized (network) {
            for (int from = 0; from < docs.size(); from += batchSize) {
                List<int[]> batch = docs.subList(from, Math.min(docs.size(), from + batchSize));
                int steps = batch.get(batch.size() - 1).length - 1;
                network.rnnClearPreviousState();
                try {
                    for (int start = 0; start < steps; start += chunk) {
                        int n = Math.min(chunk, steps - start);
                        INDArray in = Nd4j.zeros(DataType.FLOAT, batch.size(), 1, n);
                        for (int b = 0; b < batch.size(); b++) {
                            int[] doc = batch.get(b);
                            for (int t = 0; t < n && start + t < doc.length - 1; t++) {
                                in.putScalar(b, 0, t, doc[start + t]);
                            }
                        }
                        INDArray probs = Graphs.rnnTimeStep(network, in)[0];
                        for (int b = 0; b < batch.size(); b++) {
                            int[] doc = batch.get(b);
                            for (int t = 0; t < n && start + t < doc.length - 1; t++) {
                                int target = doc[start + t + 1];
                                double p =
                                        probs.rank() == 3
                                                ? probs.getDouble(b, target, t)
                                                : probs.getDouble(b, target);
                                bits -= log2(Math.max(p, 1e-12));
                                count++;
                            }
                        }
                    }
                } finally {
                    network.rnnClearPreviousState();
                }
            }
        }
        return new double[] {bits, count};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Serialises unigram counts for the bundle. */
    static byte[] unigramBytes(long[] counts) throws IOException {
        return ModelBundle.json().writeValueAsString(counts).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A language model's score on a text.
     *
     * @param level character or word tokens
     * @param bitsPerToken the model's mean cross-entropy per predicted token, in bits
     * @param unigramBitsPerToken the unigram baseline's
     * @param tokens predicted tokens (each document's end included)
     */
    public record Score(
            TextLevel level, double bitsPerToken, double unigramBitsPerToken, long tokens) {

        /**
         * Returns the headline figure: bits per character (char level) or perplexity (word level).
         *
         * @return the figure; lower is better
         */
        public double headline() {
            return level == TextLevel.CHAR ? bitsPerToken : Math.pow(2, bitsPerToken);
        }

        /**
         * Returns the unigram baseline's headline figure.
         *
         * @return bits per character or perplexity; lower is better
         */
        public double unigramHeadline() {
            return level == TextLevel.CHAR ? unigramBitsPerToken : Math.pow(2, unigramBitsPerToken);
        }

        /**
         * Returns the metrics: {@code bits_per_char} or {@code perplexity}, {@code bits_per_token},
         * the unigram's ({@code unigram_...}) and {@code tokens}.
         *
         * @return the metrics, flat keys
         */
        public Map<String, Double> metrics() {
            return Map.of(
                    level.metric(),
                    headline(),
                    "unigram_" + level.metric(),
                    unigramHeadline(),
                    "bits_per_token",
                    bitsPerToken,
                    "unigram_bits_per_token",
                    unigramBitsPerToken,
                    "tokens",
                    (double) tokens);
        }

        /**
         * Formats the score as a small table.
         *
         * @return the report
         */
        public String report() {
            String name = level == TextLevel.CHAR ? "bits/char" : "perplexity";
            return String.format(
                    Locale.ROOT,
                    "%-10s %12s%n%-10s %12.4f%n%-10s %12.4f%n%d tokens scored%n",
                    "model",
                    name,
                    "rnn",
                    headline(),
                    "unigram",
                    unigramHeadline(),
                    tokens);
        }
    }
}
