package org.rnnkit.recipes.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.model.LanguageModelBuilder;
import org.rnnkit.model.layers.CarriedState;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.DevMetric;
import org.rnnkit.train.OptimizerSpec;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text generation: a recurrent language model (one-to-many at generation time) that learns the next
 * character or word and then writes text.
 *
 * <p><b>Data.</b> Plain UTF-8 text files (documents separated by blank lines, optionally gzipped),
 * a column of a TSV/CSV file ({@code text} unless {@code --column} names another), or a directory
 * of either; several such paths in one run ({@code --data A B C}: {@link
 * GenerateOptions#moreData()}). Without data, the embedded generated stories ({@link
 * TextDataGenerator}) are used.
 *
 * <p><b>Model.</b> Embedding (32) -> LSTM (128 units) -> per-step softmax over the vocabulary;
 * cell, size, depth and dropout are options. Each document is wrapped in begin and end tokens; the
 * documents are laid out as {@code batchSize} parallel streams ({@link TextStreams}) cut into
 * consecutive chunks of {@code tbpttLength} steps, and trained by stateful truncated
 * backpropagation through time: each lane's recurrent state is carried from one batch to the next
 * ({@link CarriedState}) and reset to zero where a document starts. Adam with per-epoch decay,
 * gradient clipping, early stopping on dev bits per token; dev documents are scored whole, read in
 * chunks of {@code maxLength} steps with the state carried. (A run resumed from a checkpoint trains
 * its first epoch with each chunk starting from zero state: the restored network reaches the recipe
 * only at the end of that epoch.)
 *
 * <p><b>Run.</b> {@code rnnkit generate train [--data PATH]}; {@code rnnkit generate sample --model
 * generate.zip --prompt "The"}; {@code rnnkit generate eval --model generate.zip --data PATH}.
 *
 * <p><b>Expected results.</b> On the embedded stories, 0.44 bits per character on dev after the
 * default 3 epochs (the unigram baseline: 4.24), in about a minute on two shared CPU cores; 0.448
 * with the state carried batch to batch (2026-12-07, on two cores shared with five other jobs).
 */
public final class GenerateRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateRecipe.class);

    private GenerateRecipe() {}

    /**
     * Runs {@code rnnkit generate ARGS...}: the same subcommands, options and exit codes as the
     * command line. Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.generate.GenerateRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit generate}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of(GenerateModel.TASK), args);
    }

    /**
     * Runs {@code rnnkit generate ARGS...} like {@link #main} but returns the exit code.
     *
     * @param args the arguments after {@code rnnkit generate}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of(GenerateModel.TASK), args);
    }

    /**
     * Trains a language model, scores it on the dev documents and saves a bundle.
     *
     * @param options the settings
     * @return the bundle path, dev metrics ({@code bits_per_char} or {@code perplexity} and the
     *     unigram baseline's) and a report with a sample
     * @throws IOException when data cannot be read or the bundle not written
     * @throws MalformedDataException when a file is binary, not UTF-8, or there is no text
     */
    public static RecipeResult train(GenerateOptions options) throws IOException {
        TrainingOptions training = options.training();
        List<String> documents;
        String source;
        String dataHash;
        if (training.data() == null) {
            documents = TextDataGenerator.defaultCorpus();
            source = "embedded";
            dataHash = Recipes.dataHash((Path) null);
        } else {
            documents = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            List<Path> paths = new ArrayList<>();
            paths.add(training.data());
            paths.addAll(options.moreData());
            for (Path path : paths) {
                documents.addAll(
                        TextCorpusReader.read(path, training.format(), training.skipBadRows()));
                sources.add(path.toString());
                hashes.add(Recipes.dataHash(path));
            }
            source = String.join(", ", sources);
            dataHash = String.join("+", hashes);
        }
        List<String> dev =
                training.dev() == null
                        ? null
                        : TextCorpusReader.read(
                                training.dev(), training.format(), training.skipBadRows());
        return train(options, documents, dev, source, dataHash);
    }

    /**
     * Trains on documents already in memory, with {@code options.training().data()} and {@code
     * dev()} ignored.
     *
     * @param options the settings
     * @param documents the training texts
     * @param dev the dev texts, or {@code null} for a seeded split of {@code documents}
     * @return the bundle path, dev metrics and a report
     * @throws IOException when the bundle cannot be written
     */
    public static RecipeResult train(
            GenerateOptions options, List<String> documents, List<String> dev) throws IOException {
        return train(options, documents, dev, "memory", Recipes.dataHash(documents));
    }

    private static RecipeResult train(
            GenerateOptions options,
            List<String> documents,
            List<String> devDocuments,
            String source,
            String dataHash)
            throws IOException {
        TrainingOptions training = options.training();
        TextLevel level = options.level();
        List<String> train = new ArrayList<>(documents);
        List<String> dev = devDocuments == null ? split(train, options) : devDocuments;

        Vocabulary.Builder counter = Vocabulary.builder();
        for (String d : train) {
            counter.add(level.tokens(d));
        }
        Vocabulary vocabulary = counter.build(options.minCount(), options.maxVocabulary());
        List<int[]> trainEncoded =
                train.stream().map(d -> GenerateModel.encode(d, level, vocabulary)).toList();
        List<int[]> devEncoded =
                dev.stream().map(d -> GenerateModel.encode(d, level, vocabulary)).toList();
        long[] unigram = new long[vocabulary.size()];
        for (int[] doc : trainEncoded) {
            for (int t = 1; t < doc.length; t++) {
                unigram[doc[t]]++;
            }
        }
        int classes = vocabulary.size();
        List<TextStreams.Chunk> rows =
                TextStreams.layout(
                        trainEncoded, training.batchSize(), options.tbpttLength(), training.seed());
        LOG.info(
                "{} training documents ({} batches of {} stream lanes x {} steps), {} dev"
                        + " documents, vocabulary {}",
                train.size(),
                rows.size() / training.batchSize(),
                training.batchSize(),
                options.tbpttLength(),
                dev.size(),
                vocabulary.size());
        // The network the trainer fits: replaced by the checkpoint's when resuming, which the
        // dev metric (called with the trainer's network after each epoch) hands back here.
        AtomicReference<ComputationGraph> fitted = new AtomicReference<>();
        // Unshuffled and of one length, the rows keep their order: batch k holds chunk k of
        // every lane. Each batch is built just before it is fitted, so the lanes that start a
        // document are reset then.
        BucketingIterator<TextStreams.Chunk> batches =
                new BucketingIterator<>(
                        rows,
                        training.batchSize(),
                        row -> options.tbpttLength(),
                        chunk -> {
                            CarriedState.reset(fitted.get(), TextStreams.fresh(chunk));
                            return TextStreams.batch(chunk, classes);
                        },
                        classes,
                        false,
                        training.seed());
        OptimizerSpec optimizer =
                OptimizerSpec.defaults().withLearningRate(training.learningRate());
        ComputationGraph network =
                LanguageModelBuilder.builder()
                        .setVocabularySize(classes)
                        .optEmbeddingSize(options.embeddingSize())
                        .optRnn(training.rnnSpec())
                        .optTbpttLength(options.tbpttLength())
                        .optOptimizer(optimizer)
                        .optSeed(training.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());
        CarriedState.carry(network, true);
        fitted.set(network);
        DevMetric devMetric =
                DevMetric.of(
                        "dev_bits_per_token_negated",
                        net -> {
                            if (net != fitted.get()) {
                                CarriedState.carry(net, true);
                                fitted.set(net);
                            }
                            double[] ce =
                                    GenerateModel.crossEntropyCarried(
                                            net,
                                            devEncoded,
                                            training.batchSize(),
                                            training.maxLength());
                            return -ce[0] / ce[1];
                        });
        ObjectNode optionsJson = OptionsJson.write(options);
        String fingerprint = dataHash + "|" + Fingerprints.ofOptions(optionsJson);
        Trainer trainer = Recipes.trainerBuilder(training, fingerprint, optimizer).build();
        TrainingResult result;
        try {
            result = trainer.fit(network, batches, devMetric);
        } finally {
            CarriedState.carry(fitted.get(), false);
        }
        CarriedState.carry(result.network(), false);

        Provenance provenance =
                Provenance.now(
                        GenerateModel.TASK,
                        training.seed(),
                        source,
                        dataHash,
                        train.size(),
                        dev.size());
        Map<String, byte[]> attachments =
                Map.of(GenerateModel.UNIGRAM, GenerateModel.unigramBytes(unigram));
        GenerateModel model =
                new GenerateModel(
                        new ModelBundle(
                                GenerateModel.TASK,
                                result.network(),
                                vocabulary,
                                optionsJson,
                                provenance,
                                Map.of(),
                                attachments),
                        options,
                        unigram);
        GenerateModel.Score score = model.score(dev);
        Map<String, Double> metrics = new LinkedHashMap<>(score.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        new ModelBundle(
                        GenerateModel.TASK,
                        result.network(),
                        vocabulary,
                        optionsJson,
                        provenance,
                        metrics,
                        attachments)
                .save(training.out());
        LOG.info("saved {}", training.out());
        String sample =
                model.sample(
                        "",
                        level == TextLevel.CHAR ? 200 : 40,
                        new TokenSampler(0.8, 0, 1.0),
                        training.seed());
        String report =
                String.format(
                        Locale.ROOT,
                        "dev set: %d documents%n%ssample (temperature 0.8): %s%n",
                        dev.size(),
                        score.report(),
                        sample);
        return new RecipeResult(training.out(), metrics, report);
    }

    /**
     * Holds out a seeded share of the documents as dev set (removing them from {@code train}); a
     * single document is split at the share's position from its end instead.
     */
    private static List<String> split(List<String> train, GenerateOptions options) {
        if (train.size() == 1) {
            String only = train.remove(0);
            int cut = (int) Math.round(only.length() * (1 - options.devFraction()));
            cut = Math.max(1, Math.min(only.length() - 1, cut));
            if (only.length() < 2) {
                train.add(only);
                return List.of(only);
            }
            train.add(only.substring(0, cut));
            return List.of(only.substring(cut));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.training().seed()));
        int devSize = Math.max(1, (int) Math.round(train.size() * options.devFraction()));
        boolean[] isDev = new boolean[train.size()];
        for (int i = 0; i < devSize; i++) {
            isDev[order.get(i)] = true;
        }
        List<String> dev = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            (isDev[i] ? dev : kept).add(train.get(i));
        }
        train.clear();
        train.addAll(kept);
        return dev;
    }

    /**
     * Scores a saved model on a text.
     *
     * @param modelFile the bundle
     * @param data a text file, TSV/CSV file or directory
     * @param skipBadRows skip malformed rows of delimited files
     * @param format the shape of delimited files; {@code null} = the shape the model was trained on
     * @return metrics ({@code bits_per_char} or {@code perplexity}, the unigram's) and a report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when a file is binary, not UTF-8, or there is no text
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, boolean skipBadRows, DataFormat format) throws IOException {
        return evaluate(GenerateModel.load(modelFile), data, skipBadRows, format);
    }

    /**
     * Scores a loaded model on a text corpus of a given shape.
     *
     * @param model the model
     * @param data a text file, a TSV/CSV file or a directory of them
     * @param skipBadRows count and skip malformed rows instead of failing
     * @param format the file's shape; {@code null} = the shape saved with the model
     * @return metrics ({@code bits_per_char} or {@code perplexity}, the unigram's) and a report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when a file is binary, not UTF-8, or there is no text
     */
    public static RecipeResult evaluate(
            GenerateModel model, Path data, boolean skipBadRows, DataFormat format)
            throws IOException {
        DataFormat f = format == null ? model.options().training().format() : format;
        List<String> documents = TextCorpusReader.read(data, f, skipBadRows);
        GenerateModel.Score score = model.score(documents);
        return new RecipeResult(
                null,
                score.metrics(),
                String.format(
                        Locale.ROOT,
                        "%s: %d documents%n%s",
                        data,
                        documents.size(),
                        score.report()));
    }
}
