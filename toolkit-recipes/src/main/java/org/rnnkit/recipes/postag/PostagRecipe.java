package org.rnnkit.recipes.postag;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.TaggedSentenceReader;
import org.rnnkit.eval.MostFrequentTagger;
import org.rnnkit.eval.TaggingReport;
import org.rnnkit.model.SequenceTaggerBuilder;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.text.WordVectors;
import org.rnnkit.train.DevMetric;
import org.rnnkit.train.OptimizerSpec;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part-of-speech tagging: a many-to-many recurrent network, one tag per token, label mask equal to
 * the feature mask.
 *
 * <p><b>Data.</b> CoNLL-U (Universal Dependencies; UPOS or, with {@code --tagset xpos}, XPOS) or
 * one sentence per line as {@code word/TAG} tokens, or, with {@code --token-column} and {@code
 * --tag-column} (the training options' {@link TrainingOptions#format() format}), a CoNLL-like file
 * of one token per line and a blank line between sentences ({@link TaggedSentenceReader}). Without
 * data, the embedded generated sentences ({@link PostagDataGenerator}).
 *
 * <p><b>Model.</b> {@link SequenceTaggerBuilder}: word embeddings (100) and a character CNN per
 * word, dropout 0.5, two bidirectional LSTM layers of 128, per-step softmax; Adam 2e-3 with 0.9
 * per-epoch decay, clipping at 1, early stopping on dev token accuracy. A most-frequent-tag
 * baseline is reported beside it.
 *
 * <p><b>Pretrained embeddings.</b> With {@code embeddings} set (GloVe or word2vec text, e.g. from
 * {@code rnnkit embeddings train}), the first {@code embeddingsLimit} words of the file,
 * lower-cased, join the training words in the vocabulary with count 0, and every vocabulary word
 * with a vector starts from it (the embeddings stay trainable). Words never seen in training but in
 * the file thus keep their pretrained vector at test time. OOV accuracy still counts words that are
 * not training words. A training word below {@code minCount} that is in the file gets an id with
 * count 0, so word dropout (if on) always replaces it by the unknown id in training, as before. The
 * metrics gain {@code embeddings_found} and {@code embeddings_added}; the resume fingerprint
 * includes the file's hash.
 *
 * <p>With {@code frozenEmbeddings} the vectors instead go into a table of their own that training
 * never changes (the tagger's third input, {@link SequenceTaggerBuilder#PRETRAINED}), beside a
 * randomly initialised trainable embedding of the training words only. Fine-tuning moves the rows
 * of training words away from the untouched rows of words seen only in the file; frozen, every word
 * keeps the vector space the file gave it, and word dropout, which drops only the trainable id,
 * trains the tagger on exactly what an unseen word with a vector looks like. On UD EWT this gave
 * the best dev accuracy (docs/BENCHMARKS.md).
 *
 * <p><b>Run.</b> {@code rnnkit postag train [--data train.conllu --dev dev.conllu]}; {@code rnnkit
 * postag eval --model postag.zip --data test.conllu}; {@code rnnkit postag predict --model
 * postag.zip "they book a flight"}.
 */
public final class PostagRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(PostagRecipe.class);

    private PostagRecipe() {}

    /**
     * Runs {@code rnnkit postag ARGS...}: the same subcommands ({@code train}, {@code eval}, {@code
     * predict}, ...), options and exit codes as the command line, whose picocli command parses the
     * arguments (through {@link CommandLineEntry}, so this package does not import {@code
     * org.rnnkit.cli}). Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.postag.PostagRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit postag}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("postag"), args);
    }

    /**
     * Runs {@code rnnkit postag ARGS...} like {@link #main} but returns the exit code instead of
     * exiting the JVM (for tests and embedding).
     *
     * @param args the arguments after {@code rnnkit postag}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of("postag"), args);
    }

    /**
     * Trains, evaluates on the dev set, and saves a bundle: read -> encoder and network (with the
     * pretrained vectors, if any) -> batches -> Trainer -> bundle -> report.
     *
     * @param options the settings
     * @return the bundle, dev metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline)
     *     and a report
     * @throws IOException when data cannot be read or the bundle not written
     * @throws MalformedDataException when the data is malformed
     * @throws IllegalArgumentException when the vectors' dimension is not {@code embeddingSize}
     */
    public static RecipeResult train(PostagOptions options) throws IOException {
        TrainingOptions training = options.training();
        List<TaggedSentence> all =
                training.data() == null
                        ? PostagDataGenerator.defaultDataset()
                        : TaggedSentenceReader.readAll(
                                training.data(), options.tagset(), training.format());
        List<TaggedSentence> dev =
                training.dev() == null
                        ? null
                        : TaggedSentenceReader.readAll(
                                training.dev(), options.tagset(), training.format());
        String source = training.data() == null ? "embedded" : training.data().toString();
        return train(
                options,
                Corpus.of(options, all, dev, training.data(), training.dev()),
                Recipes.dataHash(training.data()),
                source);
    }

    /**
     * Trains on sentences already in memory (the read stage's other source): the same stages as
     * {@link #train(PostagOptions)} after reading, with {@code options.training().data()} and
     * {@code dev()} ignored.
     *
     * @param options the settings
     * @param data the tagged training sentences
     * @param dev the tagged dev sentences, or {@code null} for a seeded share of {@code data}
     *     ({@code options.devFraction()})
     * @return the bundle path ({@code options.training().out()}), dev metrics and a report
     * @throws IOException when the bundle (or the pretrained vectors) cannot be read or written
     * @throws MalformedDataException when a dev sentence has a tag the training data lacks, or
     *     fewer than 2 sentences are given without dev sentences
     */
    public static RecipeResult train(
            PostagOptions options, List<TaggedSentence> data, List<TaggedSentence> dev)
            throws IOException {
        Objects.requireNonNull(data, "data");
        List<String> records = new ArrayList<>(data.size());
        for (TaggedSentence s : data) {
            records.add(s.words() + "\t" + s.tags());
        }
        return train(
                options,
                Corpus.of(options, data, dev, null, null),
                Recipes.dataHash(records),
                "in-memory sentences (" + data.size() + ")");
    }

    private static RecipeResult train(
            PostagOptions options, Corpus corpus, String dataHash, String source)
            throws IOException {
        TrainingOptions training = options.training();
        Setup setup = setUp(options, corpus.train());
        PostagEncoder encoder = setup.encoder();
        checkTags(corpus.dev(), encoder, corpus.devFile());
        LOG.info(
                "data: {} training and {} dev sentences, {} tags, {} training words, {}"
                        + " characters",
                corpus.train().size(),
                corpus.dev().size(),
                encoder.tags().size(),
                setup.trainingWords(),
                encoder.chars().size());
        Encoded encoded = Encoded.of(corpus.train(), encoder);
        BucketingIterator<Integer> batches = batches(encoded, encoder, options);
        MostFrequentTagger baseline = encoded.baseline(encoder.tags().size());
        DevMetric devAccuracy =
                DevMetric.of(
                        "dev_accuracy",
                        net -> {
                            PostagModel model = new PostagModel(net, encoder, null, null, options);
                            return report(model, corpus.dev()).accuracy();
                        });

        ObjectNode optionsJson = OptionsJson.write(options);
        Trainer trainer =
                Recipes.trainerBuilder(
                                training,
                                fingerprint(options, dataHash, optionsJson),
                                setup.optimizer())
                        .build();
        TrainingResult result = trainer.fit(setup.network(), batches, devAccuracy);

        PostagModel model = new PostagModel(result.network(), encoder, baseline, null, options);
        Evaluation evaluation = evaluate(model, corpus.dev());
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        metrics.putAll(setup.embeddingMetrics());
        bundleOf(
                        result.network(),
                        encoder,
                        optionsJson,
                        corpus.provenance(training, source, dataHash),
                        metrics,
                        baseline)
                .save(training.out());
        LOG.info("saved {}", training.out());
        String report =
                "dev set: "
                        + corpus.dev().size()
                        + " sentences\n"
                        + evaluation.report()
                        + embeddingsReport(options, setup.embeddingMetrics());
        return new RecipeResult(training.out(), metrics, report);
    }

    /**
     * The read stage: the training and dev sentences.
     *
     * @param train the training sentences
     * @param dev the dev sentences: the dev file's, or a seeded share of the data
     * @param devFile where the dev sentences come from, named in errors ({@code null} = embedded)
     */
    private record Corpus(List<TaggedSentence> train, List<TaggedSentence> dev, Path devFile) {

        static Corpus of(
                PostagOptions options,
                List<TaggedSentence> all,
                List<TaggedSentence> dev,
                Path dataFile,
                Path devFile) {
            TrainingOptions training = options.training();
            if (dev != null) {
                return new Corpus(all, dev, devFile);
            }
            List<TaggedSentence> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, new Random(training.seed()));
            int devSize = Math.max(1, (int) Math.round(shuffled.size() * options.devFraction()));
            if (devSize >= shuffled.size()) {
                throw new MalformedDataException(
                        dataFile, 0, "expected at least 2 sentences to split off a dev set");
            }
            return new Corpus(
                    shuffled.subList(devSize, shuffled.size()),
                    shuffled.subList(0, devSize),
                    dataFile);
        }

        Provenance provenance(TrainingOptions training, String source, String dataHash) {
            return Provenance.now(
                    PostagModel.TASK, training.seed(), source, dataHash, train.size(), dev.size());
        }
    }

    /**
     * The training sentences as the encoder sees them.
     *
     * @param words each sentence's words
     * @param tags each sentence's tag ids
     */
    private record Encoded(List<List<String>> words, List<int[]> tags) {

        static Encoded of(List<TaggedSentence> train, PostagEncoder encoder) {
            return new Encoded(
                    train.stream().map(TaggedSentence::words).toList(),
                    train.stream().map(encoder::tagIds).toList());
        }

        /** The most-frequent-tag baseline of the (lower-cased) training words. */
        MostFrequentTagger baseline(int numTags) {
            return MostFrequentTagger.train(
                    words.stream().map(PostagEncoder::lower).toList(), tags, numTags);
        }
    }

    /** The batching stage: sentences bucketed by length, word dropout drawn per batch. */
    private static BucketingIterator<Integer> batches(
            Encoded encoded, PostagEncoder encoder, PostagOptions options) {
        long seed = options.training().seed();
        return new BucketingIterator<>(
                IntStream.range(0, encoded.words().size()).boxed().toList(),
                options.training().batchSize(),
                i -> encoded.words().get(i).size(),
                (List<Integer> ids, Integer epoch) ->
                        encoder.batch(
                                ids.stream().map(encoded.words()::get).toList(),
                                ids.stream().map(encoded.tags()::get).toList(),
                                options.wordDropout(),
                                batchRandom(seed, epoch, ids)),
                encoder.tags().size(),
                true,
                seed);
    }

    /** What a resumed run must share: the data, the options and the vectors file. */
    private static String fingerprint(PostagOptions options, String dataHash, ObjectNode json)
            throws IOException {
        String embeddingsHash =
                options.embeddings() == null ? "" : "|" + Provenance.sha256(options.embeddings());
        return dataHash + "|" + Fingerprints.ofOptions(json) + embeddingsHash;
    }

    private static String embeddingsReport(PostagOptions options, Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "pretrained embeddings: %s (%s), %.0f words with a vector, %.0f of"
                        + " them not training words%n",
                options.embeddings(),
                options.frozenEmbeddings() ? "frozen" : "fine-tuned",
                metrics.get("embeddings_found"),
                metrics.get("embeddings_added"));
    }

    /**
     * The tagger before training: the encoder (training words, then those added from pretrained
     * vectors), the initialised network with the vectors copied in, and the optimizer.
     *
     * @param encoder the encoder
     * @param trainingWords the word vocabulary's size before the vectors' words were added
     * @param network the initialised network
     * @param optimizer the optimizer settings
     * @param embeddingMetrics {@code embeddings_found} and {@code embeddings_added}, or empty
     */
    record Setup(
            PostagEncoder encoder,
            int trainingWords,
            ComputationGraph network,
            OptimizerSpec optimizer,
            Map<String, Double> embeddingMetrics) {}

    /**
     * The encoder and graph stage: builds the encoder from the training sentences (and the
     * pretrained vectors, if any) and initialises the network.
     *
     * @throws IOException when the vectors cannot be read
     * @throws IllegalArgumentException when the vectors' dimension is not {@code embeddingSize}
     */
    static Setup setUp(PostagOptions options, List<TaggedSentence> trainSet) throws IOException {
        PostagEncoder fitted = PostagEncoder.fit(trainSet, options.minCount(), options.charSlots());
        int trainingWords = fitted.words().size();
        WordVectors vectors =
                options.embeddings() == null
                        ? null
                        : lowerCased(WordVectors.read(options.embeddings()));
        PostagEncoder encoder = withVectorWords(fitted, vectors, options);
        OptimizerSpec optimizer =
                new OptimizerSpec(
                        options.training().learningRate(),
                        options.lrDecay(),
                        OptimizerSpec.defaults().clipNorm());
        ComputationGraph network = network(options, encoder, vectors, optimizer);
        Map<String, Double> embeddingMetrics =
                copyEmbeddings(options, vectors, encoder, trainingWords, network);
        return new Setup(encoder, trainingWords, network, optimizer, embeddingMetrics);
    }

    /**
     * Adds the first {@code embeddingsLimit} words of the vectors to the encoder: to its word
     * vocabulary, or with {@code frozenEmbeddings} as its pretrained table.
     */
    private static PostagEncoder withVectorWords(
            PostagEncoder fitted, WordVectors vectors, PostagOptions options) {
        if (vectors == null) {
            return fitted;
        }
        List<String> fileWords =
                vectors.words().subList(0, Math.min(options.embeddingsLimit(), vectors.size()));
        return options.frozenEmbeddings()
                ? fitted.withPretrained(Vocabulary.builder().build(1, 4).withExtraTokens(fileWords))
                : fitted.withExtraWords(fileWords);
    }

    /** The graph: word and character inputs (and the frozen table) -> recurrent stack -> tags. */
    private static ComputationGraph network(
            PostagOptions options,
            PostagEncoder encoder,
            WordVectors vectors,
            OptimizerSpec optimizer) {
        TrainingOptions training = options.training();
        ComputationGraph network =
                SequenceTaggerBuilder.builder()
                        .setVocabularySize(encoder.words().size())
                        .setCharVocabularySize(encoder.chars().size())
                        .setNumTags(encoder.tags().size())
                        .optEmbeddingSize(options.embeddingSize())
                        .optCharSlots(options.charSlots())
                        .optFrozenEmbedding(
                                encoder.pretrained() == null ? 0 : encoder.pretrained().size(),
                                vectors == null ? 0 : vectors.dimension())
                        .optRnn(training.rnnSpec())
                        .optOptimizer(optimizer)
                        .optSeed(training.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());
        return network;
    }

    /**
     * Copies the pretrained vectors, if any, into the network's word embedding.
     *
     * @param vectors the lower-cased vectors, or {@code null} for none
     * @param trainingWords the vocabulary size before the file's words were added
     * @return {@code embeddings_found} (vocabulary words given a vector) and {@code
     *     embeddings_added} (words added from the file), or an empty map without vectors
     */
    private static Map<String, Double> copyEmbeddings(
            PostagOptions options,
            WordVectors vectors,
            PostagEncoder encoder,
            int trainingWords,
            ComputationGraph network) {
        if (vectors == null) {
            return Map.of();
        }
        int trained = trainingWords - Vocabulary.RESERVED.size();
        int found;
        int added;
        int trainedFound;
        if (encoder.pretrained() == null) {
            Vocabulary words = encoder.words();
            found =
                    Recipes.copyEmbeddings(
                            network,
                            SequenceTaggerBuilder.EMBEDDING,
                            words,
                            vectors,
                            options.embeddings());
            added = words.size() - trainingWords;
            trainedFound = found - added;
        } else {
            // rows without a vector (the reserved ids) stay zero: "no pretrained vector"
            network.getLayer(SequenceTaggerBuilder.PRETRAINED_EMBEDDING).getParam("W").assign(0);
            Vocabulary table = encoder.pretrained();
            found =
                    Recipes.copyEmbeddings(
                            network,
                            SequenceTaggerBuilder.PRETRAINED_EMBEDDING,
                            table,
                            vectors,
                            options.embeddings());
            trainedFound = 0;
            for (int id = Vocabulary.RESERVED.size(); id < trainingWords; id++) {
                if (table.contains(encoder.words().token(id))) {
                    trainedFound++;
                }
            }
            added = found - trainedFound;
        }
        LOG.info(
                "embeddings: {} vectors of dimension {} from {}; {} of {} training words found,"
                        + " {} words added from the file's first {}",
                vectors.size(),
                vectors.dimension(),
                options.embeddings(),
                trainedFound,
                trained,
                added,
                options.embeddingsLimit());
        if (trained > 0 && trainedFound < 0.5 * trained) {
            LOG.warn(
                    "embeddings: only {} of {} training words have a vector in {}; is it the"
                            + " right language and tokenisation?",
                    trainedFound,
                    trained,
                    options.embeddings());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("embeddings_found", (double) found);
        metrics.put("embeddings_added", (double) added);
        return metrics;
    }

    /**
     * Returns the vectors keyed by lower-case words, as the tagger's vocabulary is: each word's
     * lower-case form, in order of first appearance, with the vector of the lower-case spelling
     * when the file has it, else of its first spelling.
     */
    static WordVectors lowerCased(WordVectors vectors) {
        boolean lower = true;
        for (String w : vectors.words()) {
            if (!w.equals(w.toLowerCase(Locale.ROOT))) {
                lower = false;
                break;
            }
        }
        if (lower) {
            return vectors;
        }
        Map<String, String> source = new LinkedHashMap<>();
        for (String w : vectors.words()) {
            String l = w.toLowerCase(Locale.ROOT);
            if (!source.containsKey(l) || w.equals(l)) {
                source.put(l, w);
            }
        }
        List<float[]> rows = new ArrayList<>(source.size());
        for (String w : source.values()) {
            rows.add(vectors.vector(w));
        }
        return WordVectors.of(new ArrayList<>(source.keySet()), rows);
    }

    /**
     * Scores a saved model on tagged data of the shape it was trained on (saved in its bundle).
     *
     * @param modelFile the bundle
     * @param data CoNLL-U, word/TAG or CoNLL-like data
     * @return metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when the data is malformed or has tags the model lacks
     */
    public static RecipeResult evaluate(Path modelFile, Path data) throws IOException {
        return evaluate(PostagModel.load(modelFile), data, null);
    }

    /**
     * Scores a model on a tagged-data file of a given shape.
     *
     * @param model the model (its tagset picks the CoNLL-U tag column unless the format names one)
     * @param data CoNLL-U, word/TAG or CoNLL-like data
     * @param format the file's shape (token and tag columns, delimiter, header); {@code null} = the
     *     shape the model was trained on, saved in its options
     * @return metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the report
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException when the data is malformed or has tags the model lacks
     */
    public static RecipeResult evaluate(PostagModel model, Path data, DataFormat format)
            throws IOException {
        DataFormat shape = format == null ? model.options().training().format() : format;
        List<TaggedSentence> set =
                TaggedSentenceReader.readAll(data, model.options().tagset(), shape);
        checkTags(set, model.encoder(), data);
        return evaluate(model, set, data.toString());
    }

    /**
     * Scores a model on tagged sentences already in memory (or read by the caller).
     *
     * @param model the model
     * @param set the tagged sentences; every tag must be one the model knows
     * @param source what heads the report (a file name, or a description)
     * @return metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the report
     * @throws MalformedDataException when a sentence has a tag the model lacks
     */
    public static RecipeResult evaluate(
            PostagModel model, List<TaggedSentence> set, String source) {
        checkTags(set, model.encoder(), null);
        Evaluation evaluation = evaluate(model, set);
        return new RecipeResult(
                null,
                evaluation.metrics(),
                source + ": " + set.size() + " sentences\n" + evaluation.report());
    }

    private record Evaluation(Map<String, Double> metrics, String report) {}

    private static TaggingReport report(PostagModel model, List<TaggedSentence> set) {
        return report(model, set, null);
    }

    /**
     * Scores the tagger, or with {@code baseline} the baseline, on a set.
     *
     * @param baseline {@code null} for the tagger
     */
    private static TaggingReport report(
            PostagModel model, List<TaggedSentence> set, MostFrequentTagger baseline) {
        List<List<String>> words = set.stream().map(TaggedSentence::words).toList();
        List<int[]> predicted =
                baseline == null
                        ? model.tagIds(words)
                        : words.stream()
                                .map(w -> baseline.predict(PostagEncoder.lower(w)))
                                .toList();
        return new TaggingReport(
                model.tags(),
                set.stream().map(model.encoder()::tagIds).toList(),
                predicted,
                words.stream().map(model.encoder()::oov).toList());
    }

    private static Evaluation evaluate(PostagModel model, List<TaggedSentence> set) {
        TaggingReport tagger = report(model, set);
        Map<String, Double> metrics = new LinkedHashMap<>(tagger.toMetrics());
        StringBuilder report = new StringBuilder();
        report.append("tagger (")
                .append(model.network().numParams())
                .append(" parameters)\n")
                .append(tagger.toTable());
        if (model.baseline() != null) {
            TaggingReport base = report(model, set, model.baseline());
            metrics.put("baseline_accuracy", base.accuracy());
            metrics.put("baseline_oov_accuracy", base.oovAccuracy());
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%nside by side%n%-28s %9s %9s%n%-28s %9.4f %9.4f%n%-28s %9.4f %9.4f%n",
                            "model",
                            "accuracy",
                            "OOV acc.",
                            "BiRNN tagger",
                            tagger.accuracy(),
                            tagger.oovAccuracy(),
                            "most frequent tag",
                            base.accuracy(),
                            base.oovAccuracy()));
        }
        return new Evaluation(metrics, report.toString());
    }

    private static void checkTags(List<TaggedSentence> set, PostagEncoder encoder, Path file) {
        for (TaggedSentence s : set) {
            for (String tag : s.tags()) {
                if (!encoder.tags().contains(tag)) {
                    throw new MalformedDataException(
                            file,
                            s.line(),
                            "expected one of the tags seen in training "
                                    + encoder.tags()
                                    + ", found '"
                                    + tag
                                    + "'");
                }
            }
        }
    }

    static ModelBundle bundleOf(
            ComputationGraph network,
            PostagEncoder encoder,
            ObjectNode options,
            Provenance provenance,
            Map<String, Double> metrics,
            MostFrequentTagger baseline)
            throws IOException {
        Map<String, byte[]> attachments = new HashMap<>();
        ByteArrayOutputStream chars = new ByteArrayOutputStream();
        encoder.chars().write(chars);
        attachments.put(PostagModel.CHARS, chars.toByteArray());
        attachments.put(
                PostagModel.TAGS,
                ModelBundle.json()
                        .writeValueAsString(encoder.tags())
                        .getBytes(StandardCharsets.UTF_8));
        if (encoder.pretrained() != null) {
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            encoder.pretrained().write(table);
            attachments.put(PostagModel.PRETRAINED, table.toByteArray());
        }
        if (baseline != null) {
            attachments.put(
                    PostagModel.BASELINE,
                    ModelBundle.json()
                            .writeValueAsString(baseline.toMap())
                            .getBytes(StandardCharsets.UTF_8));
        }
        return new ModelBundle(
                PostagModel.TASK,
                network,
                encoder.words(),
                options,
                provenance == null
                        ? Provenance.now(PostagModel.TASK, 0, "dev", "", 0, 0)
                        : provenance,
                metrics,
                attachments);
    }

    /** Word-dropout draws of one batch: fixed by seed, epoch and the batch's sentences. */
    private static Random batchRandom(long seed, int epoch, List<Integer> ids) {
        return new Random(seed * 1_000_003L + epoch * 7_919L + ids.hashCode());
    }
}
