package org.rnnkit.recipes.sentiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.data.LabeledTextSource;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.eval.BagOfWordsClassifier;
import org.rnnkit.eval.ClassificationReport;
import org.rnnkit.model.SequenceClassifier;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.LanguageModelWeights;
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
 * Sentiment classification of reviews: a many-to-one recurrent network.
 *
 * <p><b>Data.</b> A TSV/CSV file with a header ({@code label} plus {@code text}, {@code sentence},
 * {@code review} or {@code content}), optionally gzipped, or an aclImdb directory ({@code pos/},
 * {@code neg/}). Without data, the embedded generated reviews ({@link SentimentDataGenerator}) are
 * used. Real corpora: IMDB (Maas et al. 2011, research use), SST-2 (Socher et al. 2013). Files are
 * streamed, never held as text: {@code SentimentCorpus} reads them twice, one row at a time, and
 * keeps the token ids in a temporary file in the run directory, so the heap grows by about 20 bytes
 * per example, not with the text (docs/BENCHMARKS.md: 1M IMDB rows in the heap of 25k).
 *
 * <p><b>Model.</b> Embedding (128) -> LSTM (128 units) -> max pooling over real steps -> softmax;
 * cell, size, depth, direction, dropout and pooling are options. Adam 2e-3 with 0.85 per-epoch
 * decay, gradient clipping at norm 1, early stopping on dev accuracy. With {@code embeddings} set,
 * pretrained word vectors (GloVe or word2vec text, e.g. from {@code
 * org.rnnkit.exercises.WordEmbeddings}) replace the random rows of the vocabulary words they cover
 * before training; the count and share found go to the metrics ({@code embeddings_found}, {@code
 * embeddings_coverage}) and the file's path to the bundle's options.
 *
 * <p><b>Run.</b> {@code rnnkit sentiment train [--data PATH]}; {@code rnnkit sentiment eval --model
 * sentiment.zip --data PATH}; {@code rnnkit sentiment predict --model sentiment.zip "text"}.
 *
 * <p><b>Expected results.</b> See docs/BENCHMARKS.md for measured IMDB and SST-2 accuracy and CPU
 * time; on the embedded data the RNN is near-perfect while the bag-of-words baseline is not.
 */
public final class SentimentRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(SentimentRecipe.class);
    private static final int BASELINE_EPOCHS = 5;

    private SentimentRecipe() {}

    /**
     * Runs {@code rnnkit sentiment ARGS...}: the same subcommands ({@code train}, {@code eval},
     * {@code predict}, ...), options and exit codes as the command line, whose picocli command
     * parses the arguments (through {@link CommandLineEntry}, so this package does not import
     * {@code org.rnnkit.cli}). Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.sentiment.SentimentRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit sentiment}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("sentiment"), args);
    }

    /**
     * Runs {@code rnnkit sentiment ARGS...} like {@link #main} but returns the exit code instead of
     * exiting the JVM (for tests and embedding).
     *
     * @param args the arguments after {@code rnnkit sentiment}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of("sentiment"), args);
    }

    /**
     * Trains, evaluates on the dev set, and saves a bundle: read and encode (streamed, {@code
     * SentimentCorpus}) -> batches -> graph -> Trainer -> bundle -> report.
     *
     * @param options the settings
     * @return the bundle path, dev metrics ({@code accuracy}, per-class, {@code baseline_accuracy})
     *     and a report
     * @throws IOException when data cannot be read or the bundle not written
     * @throws MalformedDataException when the data is malformed or unsuitable (one class, a
     *     singleton label)
     */
    public static RecipeResult train(SentimentOptions options) throws IOException {
        TrainingOptions training = options.training();
        LabeledTextSource data =
                training.data() == null
                        ? LabeledTextSource.of(SentimentDataGenerator.defaultDataset())
                        : LabeledTextSource.of(
                                training.data(), training.skipBadRows(), training.format());
        LabeledTextSource dev =
                training.dev() == null
                        ? null
                        : LabeledTextSource.of(
                                training.dev(), training.skipBadRows(), training.format());
        return train(options, data, dev, Recipes.dataHash(training.data()));
    }

    /**
     * Trains on data already in memory (the read stage's other source): the same stages as {@link
     * #train(SentimentOptions)} after reading, with {@code options.training().data()} and {@code
     * dev()} ignored.
     *
     * @param options the settings
     * @param data the labelled training examples
     * @param dev the labelled dev examples, or {@code null} for a seeded stratified split of {@code
     *     data} ({@code options.devFraction()})
     * @return the bundle path ({@code options.training().out()}), dev metrics and a report
     * @throws IOException when the bundle cannot be written
     * @throws MalformedDataException when the data is unsuitable (one class, a singleton label, a
     *     dev label absent from training)
     */
    public static RecipeResult train(
            SentimentOptions options, LabeledTextDataset data, LabeledTextDataset dev)
            throws IOException {
        Objects.requireNonNull(data, "data");
        String dataHash =
                Recipes.dataHash(
                        data.examples().stream().map(e -> e.label() + "\t" + e.text()).toList());
        return train(
                options,
                LabeledTextSource.of(data),
                dev == null ? null : LabeledTextSource.of(dev),
                dataHash);
    }

    private static RecipeResult train(
            SentimentOptions options,
            LabeledTextSource data,
            LabeledTextSource dev,
            String dataHash)
            throws IOException {
        TrainingOptions training = options.training();
        try (SentimentCorpus corpus =
                SentimentCorpus.read(options, data, dev, training.runDirectory())) {
            return train(options, corpus, dataHash);
        }
    }

    private static RecipeResult train(
            SentimentOptions options, SentimentCorpus corpus, String dataHash) throws IOException {
        TrainingOptions training = options.training();
        Vocabulary vocabulary = corpus.vocabulary();
        SequenceBatcher batcher =
                SequenceBatcher.builder().optMaxLength(training.maxLength()).build();
        BucketingIterator<Integer> batches = batches(corpus, batcher, training);

        OptimizerSpec optimizer =
                OptimizerSpec.defaults().withLearningRate(training.learningRate());
        ComputationGraph network = network(options, vocabulary, corpus, optimizer);
        Map<String, Double> embeddingMetrics = copyEmbeddings(options, vocabulary, network);
        if (options.languageModel() != null) {
            embeddingMetrics = new LinkedHashMap<>(embeddingMetrics);
            embeddingMetrics.putAll(startFromLanguageModel(options, vocabulary, network));
        }
        DevMetric devAccuracy =
                DevMetric.of(
                        "dev_accuracy",
                        net -> devAccuracy(net, batcher, training, corpus.devIds(), corpus));

        String embeddingsHash =
                (options.embeddings() == null ? "" : "|" + Provenance.sha256(options.embeddings()))
                        + (options.languageModel() == null
                                ? ""
                                : "|" + Provenance.sha256(options.languageModel()));
        ObjectNode optionsJson = OptionsJson.write(options);
        String fingerprint = dataHash + "|" + Fingerprints.ofOptions(optionsJson) + embeddingsHash;
        Trainer trainer = Recipes.trainerBuilder(training, fingerprint, optimizer).build();
        TrainingResult result = trainer.fit(network, batches, devAccuracy);

        Provenance provenance =
                Provenance.now(
                        SentimentModel.TASK,
                        training.seed(),
                        corpus.source(),
                        dataHash,
                        corpus.trainSize(),
                        corpus.devSize());
        Trained trained =
                new Trained(result.network(), vocabulary, optionsJson, corpus.labels(), provenance);
        SentimentModel model =
                new SentimentModel(trained.bundle(Map.of(), null), options, corpus.labels(), null);
        BagOfWordsClassifier baseline =
                BagOfWordsClassifier.train(
                        corpus.trainIds(),
                        corpus.trainLabels(),
                        vocabulary.size(),
                        corpus.labels().size(),
                        BASELINE_EPOCHS,
                        1e-6,
                        training.seed());
        Evaluation evaluation = evaluate(model, baseline, corpus.devIds(), corpus.devLabels());
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        metrics.putAll(embeddingMetrics);
        trained.bundle(metrics, baseline).save(training.out());
        LOG.info("saved {}", training.out());
        String report =
                "dev set: "
                        + corpus.devSize()
                        + " examples\n"
                        + evaluation.report()
                        + embeddingsReport(options, vocabulary, embeddingMetrics);
        return new RecipeResult(training.out(), metrics, report);
    }

    /** The batching stage: training examples bucketed by length, many-to-one batches. */
    private static BucketingIterator<Integer> batches(
            SentimentCorpus corpus, SequenceBatcher batcher, TrainingOptions training) {
        List<int[]> trainIds = corpus.trainIds();
        int[] trainLabels = corpus.trainLabels();
        int classes = corpus.labels().size();
        return new BucketingIterator<>(
                indices(corpus.trainSize()),
                training.batchSize(),
                i -> batcher.truncatedLength(corpus.trainLength(i)),
                ids ->
                        batcher.manyToOne(
                                ids.stream().map(trainIds::get).toList(),
                                ids.stream().mapToInt(i -> trainLabels[i]).toArray(),
                                classes),
                classes,
                true,
                training.seed());
    }

    /** The list 0, 1, ..., size - 1, computed on access rather than stored. */
    private static List<Integer> indices(int size) {
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return Objects.checkIndex(index, size);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The graph stage: embedding -> recurrent stack -> pooling -> softmax. */
    private static ComputationGraph network(
            SentimentOptions options,
            Vocabulary vocabulary,
            SentimentCorpus corpus,
            OptimizerSpec optimizer) {
        TrainingOptions training = options.training();
        ComputationGraph network =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(vocabulary.size())
                        .setNumClasses(corpus.labels().size())
                        .optEmbeddingSize(options.embeddingSize())
                        .optRnn(training.rnnSpec())
                        .optPooling(options.pooling())
                        .optOptimizer(optimizer)
                        .optSeed(training.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());
        return network;
    }

    private static double devAccuracy(
            ComputationGraph net,
            SequenceBatcher batcher,
            TrainingOptions training,
            List<int[]> devIds,
            SentimentCorpus corpus) {
        SequenceClassifier classifier = new SequenceClassifier(net, batcher, training.batchSize());
        int[] predicted = SequenceClassifier.argmax(classifier.predictProbabilities(devIds));
        return new ClassificationReport(corpus.labels(), corpus.devLabels(), predicted).accuracy();
    }

    private static String embeddingsReport(
            SentimentOptions options, Vocabulary vocabulary, Map<String, Double> metrics) {
        String report = "";
        if (metrics.containsKey("embeddings_found")) {
            report +=
                    String.format(
                            Locale.ROOT,
                            "pretrained embeddings: %s, %.0f of %d vocabulary words found"
                                    + " (%.1f%%)%n",
                            options.embeddings(),
                            metrics.get("embeddings_found"),
                            vocabulary.size() - Vocabulary.RESERVED.size(),
                            100 * metrics.get("embeddings_coverage"));
        }
        if (metrics.containsKey("init_embeddings_found")) {
            report +=
                    String.format(
                            Locale.ROOT,
                            "started from language model %s: %.0f embedding rows, %.0f recurrent"
                                    + " layers%n",
                            options.languageModel(),
                            metrics.get("init_embeddings_found"),
                            metrics.get("init_recurrent_layers"));
        }
        return report;
    }

    /**
     * Scores a saved model on a labelled data set.
     *
     * @param modelFile the bundle
     * @param data labelled data in any supported format
     * @param skipBadRows count and skip malformed rows instead of failing
     * @return metrics ({@code accuracy}, per-class, {@code baseline_accuracy}) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when the data is malformed or has labels the model does not
     *     know
     */
    public static RecipeResult evaluate(Path modelFile, Path data, boolean skipBadRows)
            throws IOException {
        return evaluate(modelFile, data, skipBadRows, null);
    }

    /**
     * Scores a saved model on a labelled data set of a given shape.
     *
     * @param modelFile the bundle
     * @param data labelled data
     * @param skipBadRows count and skip malformed rows instead of failing
     * @param format the file's shape (columns, delimiter, label map); {@code null} = the shape the
     *     model was trained on, saved in its bundle
     * @return metrics ({@code accuracy}, per-class, {@code baseline_accuracy}) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when the data is malformed or has labels the model does not
     *     know
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, boolean skipBadRows, DataFormat format) throws IOException {
        SentimentModel model = SentimentModel.load(modelFile);
        DataFormat shape = format == null ? model.options().training().format() : format;
        return evaluate(model, LabeledTextDataset.read(data, skipBadRows, shape));
    }

    /**
     * Scores a model on labelled examples already in memory (or read by the caller).
     *
     * @param model the model
     * @param set the labelled examples
     * @return metrics ({@code accuracy}, per-class, {@code baseline_accuracy}) and the report,
     *     headed by {@code set.source()}
     * @throws MalformedDataException when an example has a label the model does not know
     */
    public static RecipeResult evaluate(SentimentModel model, LabeledTextDataset set) {
        SentimentCorpus.reportSkipped(LOG, LabeledTextSource.of(set));
        int[] actual = labelIds(set, model.labels());
        List<int[]> ids = model.encode(set.examples().stream().map(LabeledText::text).toList());
        Evaluation evaluation = evaluate(model, model.baseline(), ids, actual);
        return new RecipeResult(
                null,
                evaluation.metrics(),
                set.source()
                        + ": "
                        + set.size()
                        + " examples"
                        + (set.skippedRows() > 0
                                ? " (" + set.skippedRows() + " bad rows skipped)"
                                : "")
                        + (set.droppedRows() > 0
                                ? " (" + set.droppedRows() + " rows dropped by the label map)"
                                : "")
                        + "\n"
                        + evaluation.report());
    }

    /**
     * Loads {@code options.embeddings()}, if set, into the network's embedding layer.
     *
     * @return {@code embeddings_found} and {@code embeddings_coverage} (share of the non-reserved
     *     vocabulary), or an empty map without embeddings
     */
    private static Map<String, Double> copyEmbeddings(
            SentimentOptions options, Vocabulary vocabulary, ComputationGraph network)
            throws IOException {
        Path file = options.embeddings();
        if (file == null) {
            return Map.of();
        }
        WordVectors vectors = WordVectors.read(file);
        int found =
                Recipes.copyEmbeddings(
                        network, SequenceClassifierBuilder.EMBEDDING, vocabulary, vectors, file);
        int words = vocabulary.size() - Vocabulary.RESERVED.size();
        double coverage = words == 0 ? 0 : found / (double) words;
        LOG.info(
                "embeddings: {} vectors of dimension {} from {}; {} of {} vocabulary words found"
                        + " ({}%), the others start random",
                vectors.size(),
                vectors.dimension(),
                file,
                found,
                words,
                String.format(Locale.ROOT, "%.1f", 100 * coverage));
        if (coverage < 0.5) {
            LOG.warn(
                    "embeddings: only {} of {} vocabulary words have a vector in {}; is it the"
                            + " right language and tokenisation?",
                    found,
                    words,
                    file);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("embeddings_found", (double) found);
        metrics.put("embeddings_coverage", coverage);
        return metrics;
    }

    /**
     * Starts the network from a language model's embedding and recurrent layers.
     *
     * @return {@code init_embeddings_found} and {@code init_recurrent_layers} (layers copied)
     */
    private static Map<String, Double> startFromLanguageModel(
            SentimentOptions options, Vocabulary vocabulary, ComputationGraph network)
            throws IOException {
        LanguageModelWeights weights = LanguageModelWeights.load(options.languageModel());
        if (!"WORD".equals(weights.level())) {
            LOG.warn(
                    "{} is a {}-level language model: its tokens are not words, so few embedding"
                            + " rows can be shared",
                    options.languageModel(),
                    weights.level().toLowerCase(Locale.ROOT));
        }
        LanguageModelWeights.Transfer t =
                weights.copyInto(network, SequenceClassifierBuilder.EMBEDDING, vocabulary);
        LOG.info(
                "started from {}: {} vocabulary words got its embedding rows; recurrent layers"
                        + " copied {}, left as initialised {}",
                options.languageModel(),
                t.embeddingsFound(),
                t.recurrentCopied(),
                t.recurrentSkipped());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("init_embeddings_found", (double) t.embeddingsFound());
        metrics.put("init_recurrent_layers", (double) t.recurrentCopied().size());
        return metrics;
    }

    private record Evaluation(Map<String, Double> metrics, String report) {}

    private static Evaluation evaluate(
            SentimentModel model, BagOfWordsClassifier baseline, List<int[]> ids, int[] actual) {
        int[] predicted = SequenceClassifier.argmax(model.probabilities(ids));
        ClassificationReport rnn = new ClassificationReport(model.labels(), actual, predicted);
        Map<String, Double> metrics = new LinkedHashMap<>(rnn.toMetrics());
        StringBuilder report = new StringBuilder();
        report.append("RNN (")
                .append(model.bundle().network().numParams())
                .append(" parameters)\n")
                .append(rnn.toTable());
        if (baseline != null) {
            ClassificationReport bow =
                    new ClassificationReport(model.labels(), actual, baseline.predict(ids));
            metrics.put("baseline_accuracy", bow.accuracy());
            metrics.put("baseline_macro_f1", bow.macroF1());
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%nside by side%n%-28s %9s %9s%n",
                            "model",
                            "accuracy",
                            "macro F1"));
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%-28s %9.4f %9.4f%n",
                            "RNN",
                            rnn.accuracy(),
                            rnn.macroF1()));
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%-28s %9.4f %9.4f%n",
                            "bag-of-words logistic reg.",
                            bow.accuracy(),
                            bow.macroF1()));
        }
        return new Evaluation(metrics, report.toString());
    }

    /** A trained network with what its bundle holds beside the metrics. */
    private record Trained(
            ComputationGraph network,
            Vocabulary vocabulary,
            ObjectNode options,
            List<String> labels,
            Provenance provenance) {

        ModelBundle bundle(Map<String, Double> metrics, BagOfWordsClassifier baseline)
                throws IOException {
            Map<String, byte[]> attachments = new HashMap<>();
            attachments.put(
                    SentimentModel.LABELS,
                    ModelBundle.json().writeValueAsString(labels).getBytes(StandardCharsets.UTF_8));
            if (baseline != null) {
                attachments.put(SentimentModel.BASELINE, baseline.toBytes());
            }
            return new ModelBundle(
                    SentimentModel.TASK,
                    network,
                    vocabulary,
                    options,
                    provenance,
                    metrics,
                    attachments);
        }
    }

    private static int[] labelIds(LabeledTextDataset set, List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] out = new int[set.size()];
        for (int i = 0; i < out.length; i++) {
            LabeledText e = set.examples().get(i);
            Integer id = index.get(e.label());
            if (id == null) {
                throw SentimentCorpus.unknownLabel(e, labels);
            }
            out[i] = id;
        }
        return out;
    }
}
