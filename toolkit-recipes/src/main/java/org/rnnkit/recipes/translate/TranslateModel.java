package org.rnnkit.recipes.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.Seq2SeqBatcher;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.decode.Hypothesis;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.decode.StepDecoder;
import org.rnnkit.eval.Bleu;
import org.rnnkit.model.Seq2SeqBuilder;
import org.rnnkit.model.Seq2SeqModel;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.text.Elisions;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.OptimizerSpec;

/**
 * A trained translator: the encoder-decoder network, both vocabularies and the settings, with
 * translation by greedy decoding or beam search over the cached decoder state.
 */
public final class TranslateModel {

    /** The bundle task name. */
    public static final String TASK = "translate";

    static final String TARGET_VOCABULARY = "target-vocabulary.txt";

    /** Sentences decoded together. */
    private static final int BATCH = 64;

    private static final Bleu TOKENIZER = Bleu.builder().build();

    private final Seq2SeqModel model;
    private final Vocabulary source;
    private final Vocabulary target;
    private final Seq2SeqBatcher batcher;
    private final ModelBundle bundle;
    private final TranslateOptions options;

    TranslateModel(
            ComputationGraph network,
            Vocabulary source,
            Vocabulary target,
            TranslateOptions options,
            ModelBundle bundle) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
        this.model = new Seq2SeqModel(network, builder(options, source, target), target.size());
        this.batcher = batcher(options, target);
        this.bundle = bundle;
        this.options = options;
    }

    /**
     * The batcher of a recipe run: {@code training.maxLength} source and {@code maxTargetLength}
     * target tokens kept, sparse labels.
     *
     * @param o the options
     * @param target the target vocabulary
     * @return the batcher
     */
    static Seq2SeqBatcher batcher(TranslateOptions o, Vocabulary target) {
        return Seq2SeqBatcher.builder()
                .setTargetVocabularySize(target.size())
                .optMaxSourceLength(o.training().maxLength())
                .optMaxTargetLength(o.maxTargetLength())
                .optSparseLabels(true)
                .build();
    }

    /**
     * The network settings of a recipe run.
     *
     * @param o the options
     * @param source the source vocabulary
     * @param target the target vocabulary
     * @return the builder
     */
    static Seq2SeqBuilder builder(TranslateOptions o, Vocabulary source, Vocabulary target) {
        TrainingOptions t = o.training();
        return Seq2SeqBuilder.builder()
                .setSourceVocabularySize(source.size())
                .setTargetVocabularySize(target.size())
                .optEmbeddingSize(o.embeddingSize())
                .optRnn(t.rnnSpec())
                .optAttention(o.attention())
                .optSparseLabels(true)
                .optLabelSmoothing(o.labelSmoothing())
                .optOptimizer(optimizer(o))
                .optSeed(t.seed());
    }

    /**
     * The optimizer of a recipe run: Adam at the learning rate, decaying by {@code lrDecay} per
     * epoch, gradients clipped at norm 1.
     *
     * @param o the options
     * @return the optimizer
     */
    static OptimizerSpec optimizer(TranslateOptions o) {
        return new OptimizerSpec(o.training().learningRate(), o.lrDecay(), 1.0);
    }

    /**
     * Loads a model saved by {@link TranslateRecipe#train(TranslateOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static TranslateModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (bundle.vocabulary() == null || !bundle.attachments().containsKey(TARGET_VOCABULARY)) {
            throw new BundleFormatException(
                    file, "corrupt translate bundle: no vocabularies", null);
        }
        Vocabulary target =
                Vocabulary.read(new ByteArrayInputStream(bundle.attachment(TARGET_VOCABULARY)));
        TranslateOptions options = readOptions(bundle.options(), file);
        return new TranslateModel(bundle.network(), bundle.vocabulary(), target, options, bundle);
    }

    /**
     * Reads a bundle's {@code options.json}, of this format or of 8340b8e's (format 1, where the
     * source length limit was {@code maxSourceLength}, now {@code training.maxLength}).
     *
     * @param json the options
     * @param file the bundle, named in messages
     * @return the options
     * @throws BundleFormatException when the options are of a newer format or invalid
     */
    static TranslateOptions readOptions(ObjectNode json, Path file) throws BundleFormatException {
        return OptionsJson.read(
                json,
                TranslateOptions.class,
                TranslateOptions.defaults(),
                Map.of("maxSourceLength", "maxLength"),
                file);
    }

    /**
     * Splits text into tokens: sacreBLEU's 13a tokenization (punctuation apart), case kept, with
     * French elisions split off when the options say so.
     *
     * @param text the text
     * @param options the settings ({@link TranslateOptions#splitElisions()})
     * @return the tokens
     */
    static List<String> tokenize(String text, TranslateOptions options) {
        List<String> tokens = TOKENIZER.tokenize(text);
        return options.splitElisions() ? Elisions.split(tokens) : tokens;
    }

    /**
     * Joins output tokens into text: spaces between tokens, elisions glued to their word.
     *
     * @param tokens target tokens
     * @param options the settings ({@link TranslateOptions#splitElisions()})
     * @return the text
     */
    static String detokenize(List<String> tokens, TranslateOptions options) {
        return options.splitElisions() ? Elisions.join(tokens) : String.join(" ", tokens);
    }

    /**
     * A decoder for this model: at most {@link TranslateOptions#maxTargetLength()} tokens, never
     * {@code <unk>} (or padding): an unknown-word marker is never a useful translation, and the
     * best real word in its place can still match the reference.
     *
     * @param beamWidth beam width (1: the same result as greedy decoding)
     * @param lengthPenalty length-penalty exponent of beam search
     * @return the decoder
     * @throws IllegalArgumentException when {@code beamWidth < 1} or {@code lengthPenalty < 0}
     */
    public SequenceDecoder decoder(int beamWidth, double lengthPenalty) {
        return SequenceDecoder.builder()
                .optMaxLength(options.maxTargetLength())
                .optBeamWidth(beamWidth)
                .optLengthPenalty(lengthPenalty)
                .optSuppressedTokens(Vocabulary.PAD, Vocabulary.UNK)
                .build();
    }

    /**
     * Returns the bundle the model was loaded from.
     *
     * @return the bundle, or {@code null} while training
     */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options read from the bundle (older bundles upgraded)
     */
    public TranslateOptions options() {
        return options;
    }

    /**
     * A translation.
     *
     * @param text the target tokens joined by spaces (elisions glued to their word)
     * @param hypothesis the decoded ids, scores and attention weights
     */
    public record Translation(String text, Hypothesis hypothesis) {}

    /**
     * Translates sentences.
     *
     * @param sentences source sentences (non-blank)
     * @param decoder greedy ({@code beamWidth} ignored when {@code beam} is false) or beam settings
     * @param beam beam search ({@code true}) or greedy decoding
     * @param cached step the decoder with cached state ({@code true}) or re-run the whole graph per
     *     token (for comparison)
     * @return one translation per sentence
     * @throws IllegalArgumentException for a blank sentence
     */
    public List<Translation> translate(
            List<String> sentences, SequenceDecoder decoder, boolean beam, boolean cached) {
        List<Translation> out = new ArrayList<>(sentences.size());
        for (int from = 0; from < sentences.size(); from += BATCH) {
            List<int[]> ids = new ArrayList<>();
            for (int i = from; i < Math.min(sentences.size(), from + BATCH); i++) {
                List<String> tokens = tokenize(sentences.get(i), options);
                if (tokens.isEmpty()) {
                    throw new IllegalArgumentException(
                            "sentence " + i + " is blank; cannot translate a blank sentence");
                }
                ids.add(source.encode(tokens));
            }
            try (SequenceBatch batch = batcher.sources(ids)) {
                StepDecoder step =
                        cached
                                ? model.cached(batch.features(), batch.featuresMask())
                                : model.rerun(batch.features(), batch.featuresMask());
                for (Hypothesis h : beam ? decoder.beamSearch(step) : decoder.greedy(step)) {
                    out.add(new Translation(detokenize(target.decode(h.tokens()), options), h));
                }
            }
        }
        return out;
    }
}
