package org.rnnkit.recipes.sentiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.SequenceBatcher;
import org.rnnkit.eval.BagOfWordsClassifier;
import org.rnnkit.eval.ClassificationReport;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifier;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.text.Tokenizer;
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
 * used. Real corpora: IMDB (Maas et al. 2011, research use), SST-2 (Socher et al. 2013).
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
     * Trains, evaluates on the dev set, and saves a bundle.
     *
     * @param options the settings
     * @return the bundle path, dev metrics ({@code accuracy}, per-class, {@code baseline_accuracy})
     *     and a report
     * @throws IOException when data cannot be read or the bundle not written
     * @throws MalformedDataException when the data is malformed or unsuitable (one class, a
     *     singleton label)
     */
    public static RecipeResult train(SentimentOptions options) throws IOException {
        Tokenizer tokenizer = Tokenizer.standard();
        LabeledTextDataset all =
                options.data() == null
                        ? SentimentDataGenerator.defaultDataset()
                        : LabeledTextDataset.read(options.data(), options.skipBadRows());
        reportSkipped(all);
        checkLabels(all, options.data());
        LabeledTextDataset trainSet;
        LabeledTextDataset devSet;
        if (options.dev() != null) {
            trainSet = all;
            devSet = LabeledTextDataset.read(options.dev(), options.skipBadRows());
            reportSkipped(devSet);
        } else {
            List<LabeledTextDataset> parts = all.split(options.devFraction(), options.seed());
            trainSet = parts.get(0);
            devSet = parts.get(1);
        }
        List<String> labels = trainSet.labels();
        int[] trainLabels = labelIds(trainSet, labels);
        int[] devLabels = labelIds(devSet, labels);
        LOG.info(
                "data: {} training and {} dev examples, labels {}",
                trainSet.size(),
                devSet.size(),
                labels);

        Vocabulary.Builder counter = Vocabulary.builder();
        List<List<String>> trainTokens = tokenize(trainSet, tokenizer);
        trainTokens.forEach(counter::add);
        Vocabulary vocabulary = counter.build(options.minCount(), options.maxVocabulary());
        List<int[]> trainIds = SentimentModel.encodeTokens(trainTokens, vocabulary);
        List<int[]> devIds = SentimentModel.encodeTokens(tokenize(devSet, tokenizer), vocabulary);
        LOG.info(
                "vocabulary: {} ids (min count {}, max {})",
                vocabulary.size(),
                options.minCount(),
                options.maxVocabulary());

        SequenceBatcher batcher =
                SequenceBatcher.builder().optMaxLength(options.maxLength()).build();
        OptimizerSpec optimizer = OptimizerSpec.defaults().withLearningRate(options.learningRate());
        ComputationGraph network =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(vocabulary.size())
                        .setNumClasses(labels.size())
                        .optEmbeddingSize(options.embeddingSize())
                        .optRnn(
                                new RnnSpec(
                                        options.cell(),
                                        options.hiddenSize(),
                                        options.numLayers(),
                                        options.bidirectional(),
                                        options.dropout()))
                        .optPooling(options.pooling())
                        .optOptimizer(optimizer)
                        .optSeed(options.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());
        Map<String, Double> embeddingMetrics = copyEmbeddings(options, vocabulary, network);

        List<Integer> order = new ArrayList<>(trainIds.size());
        for (int i = 0; i < trainIds.size(); i++) {
            order.add(i);
        }
        BucketingIterator<Integer> batches =
                new BucketingIterator<>(
                        order,
                        options.batchSize(),
                        i -> batcher.truncatedLength(trainIds.get(i).length),
                        ids ->
                                batcher.manyToOne(
                                        ids.stream().map(trainIds::get).toList(),
                                        ids.stream().mapToInt(i -> trainLabels[i]).toArray(),
                                        labels.size()),
                        labels.size(),
                        true,
                        options.seed());
        DevMetric devAccuracy =
                DevMetric.of(
                        "dev_accuracy",
                        net -> {
                            SequenceClassifier classifier =
                                    new SequenceClassifier(net, batcher, options.batchSize());
                            int[] predicted =
                                    SequenceClassifier.argmax(
                                            classifier.predictProbabilities(devIds));
                            return new ClassificationReport(labels, devLabels, predicted)
                                    .accuracy();
                        });
        Path runDir = options.runDirectory();
        String dataHash = Recipes.dataHash(options.data());
        String embeddingsHash =
                options.embeddings() == null ? "" : "|" + Provenance.sha256(options.embeddings());
        ObjectNode optionsJson = ModelBundle.json().valueToTree(options);
        Trainer trainer =
                Recipes.trainerBuilder(
                                options.smoke(),
                                options.epochs(),
                                options.patience(),
                                options.seed(),
                                runDir,
                                options.resume(),
                                options.progressBar(),
                                dataHash
                                        + "|"
                                        + Fingerprints.ofOptions(optionsJson)
                                        + embeddingsHash,
                                optimizer)
                        .build();
        TrainingResult result = trainer.fit(network, batches, devAccuracy);

        SentimentModel model =
                new SentimentModel(
                        bundleOf(
                                result.network(),
                                vocabulary,
                                optionsJson,
                                labels,
                                Provenance.now(
                                        SentimentModel.TASK,
                                        options.seed(),
                                        all.source(),
                                        dataHash,
                                        trainSet.size(),
                                        devSet.size()),
                                Map.of(),
                                null),
                        labels,
                        null);
        BagOfWordsClassifier baseline =
                BagOfWordsClassifier.train(
                        trainIds,
                        trainLabels,
                        vocabulary.size(),
                        labels.size(),
                        BASELINE_EPOCHS,
                        1e-6,
                        options.seed());
        Evaluation evaluation = evaluate(model, baseline, devIds, devLabels);
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        metrics.putAll(embeddingMetrics);
        ModelBundle bundle =
                bundleOf(
                        result.network(),
                        vocabulary,
                        optionsJson,
                        labels,
                        model.bundle().provenance(),
                        metrics,
                        baseline);
        bundle.save(options.out());
        LOG.info("saved {}", options.out());
        String report = "dev set: " + devSet.size() + " examples\n" + evaluation.report();
        if (!embeddingMetrics.isEmpty()) {
            report +=
                    String.format(
                            Locale.ROOT,
                            "pretrained embeddings: %s, %.0f of %d vocabulary words found (%.1f%%)%n",
                            options.embeddings(),
                            embeddingMetrics.get("embeddings_found"),
                            vocabulary.size() - Vocabulary.RESERVED.size(),
                            100 * embeddingMetrics.get("embeddings_coverage"));
        }
        return new RecipeResult(options.out(), metrics, report);
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
        SentimentModel model = SentimentModel.load(modelFile);
        LabeledTextDataset set = LabeledTextDataset.read(data, skipBadRows);
        reportSkipped(set);
        int[] actual = labelIds(set, model.labels());
        List<int[]> ids = model.encode(set.examples().stream().map(LabeledText::text).toList());
        Evaluation evaluation = evaluate(model, model.baseline(), ids, actual);
        return new RecipeResult(
                null,
                evaluation.metrics(),
                data
                        + ": "
                        + set.size()
                        + " examples"
                        + (set.skippedRows() > 0
                                ? " (" + set.skippedRows() + " bad rows skipped)"
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

    private static ModelBundle bundleOf(
            ComputationGraph network,
            Vocabulary vocabulary,
            ObjectNode options,
            List<String> labels,
            Provenance provenance,
            Map<String, Double> metrics,
            BagOfWordsClassifier baseline)
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

    private static void reportSkipped(LabeledTextDataset set) {
        if (set.skippedRows() > 0) {
            LOG.warn(
                    "{}: skipped {} malformed rows (--skip-bad-rows)",
                    set.source(),
                    set.skippedRows());
        }
    }

    private static void checkLabels(LabeledTextDataset set, Path file) {
        Map<String, List<LabeledText>> byLabel = new LinkedHashMap<>();
        for (LabeledText e : set.examples()) {
            byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        }
        if (byLabel.size() < 2) {
            throw new MalformedDataException(
                    file, 0, "expected at least 2 distinct labels, found only " + byLabel.keySet());
        }
        for (Map.Entry<String, List<LabeledText>> e : byLabel.entrySet()) {
            if (e.getValue().size() < 2) {
                LabeledText only = e.getValue().get(0);
                throw new MalformedDataException(
                        Path.of(only.source()),
                        only.line(),
                        "label '"
                                + e.getKey()
                                + "' occurs only once; every label needs at least 2 examples (one may go to the dev split)."
                                + " Fix or remove this row");
            }
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
                throw new MalformedDataException(
                        Path.of(e.source()),
                        e.line(),
                        "expected one of the model's labels "
                                + labels
                                + ", found '"
                                + e.label()
                                + "'");
            }
            out[i] = id;
        }
        return out;
    }

    private static List<List<String>> tokenize(LabeledTextDataset set, Tokenizer tokenizer) {
        List<List<String>> out = new ArrayList<>(set.size());
        for (LabeledText e : set.examples()) {
            out.add(tokenizer.tokenize(e.text()));
        }
        return out;
    }
}
