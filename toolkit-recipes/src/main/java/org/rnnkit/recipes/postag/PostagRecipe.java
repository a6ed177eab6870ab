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
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.TaggedSentenceReader;
import org.rnnkit.eval.MostFrequentTagger;
import org.rnnkit.eval.TaggingReport;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceTaggerBuilder;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
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
 * one sentence per line as {@code word/TAG} tokens ({@link TaggedSentenceReader}). Without data,
 * the embedded generated sentences ({@link PostagDataGenerator}).
 *
 * <p><b>Model.</b> {@link SequenceTaggerBuilder}: word embeddings (100) and a character CNN per
 * word, dropout 0.5, two bidirectional LSTM layers of 128, per-step softmax; Adam 2e-3 with 0.85
 * per-epoch decay, clipping at 1, early stopping on dev token accuracy. A most-frequent-tag
 * baseline is reported beside it.
 *
 * <p><b>Run.</b> {@code rnnkit postag train [--data train.conllu --dev dev.conllu]}; {@code rnnkit
 * postag eval --model postag.zip --data test.conllu}; {@code rnnkit postag predict --model
 * postag.zip "they book a flight"}.
 */
public final class PostagRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(PostagRecipe.class);

    private PostagRecipe() {}

    /**
     * Trains, evaluates on the dev set, and saves a bundle.
     *
     * @param options the settings
     * @return the bundle, dev metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline)
     *     and a report
     * @throws IOException when data cannot be read or the bundle not written
     * @throws MalformedDataException when the data is malformed
     */
    public static RecipeResult train(PostagOptions options) throws IOException {
        List<TaggedSentence> all =
                options.data() == null
                        ? PostagDataGenerator.defaultDataset()
                        : TaggedSentenceReader.readAll(options.data(), options.tagset());
        List<TaggedSentence> trainSet;
        List<TaggedSentence> devSet;
        if (options.dev() != null) {
            trainSet = all;
            devSet = TaggedSentenceReader.readAll(options.dev(), options.tagset());
        } else {
            List<TaggedSentence> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, new Random(options.seed()));
            int devSize = Math.max(1, (int) Math.round(shuffled.size() * options.devFraction()));
            if (devSize >= shuffled.size()) {
                throw new MalformedDataException(
                        options.data(), 0, "expected at least 2 sentences to split off a dev set");
            }
            devSet = shuffled.subList(0, devSize);
            trainSet = shuffled.subList(devSize, shuffled.size());
        }
        PostagEncoder encoder =
                PostagEncoder.fit(trainSet, options.minCount(), options.charSlots());
        checkTags(devSet, encoder, options.dev() != null ? options.dev() : options.data());
        LOG.info(
                "data: {} training and {} dev sentences, {} tags, {} words, {} characters",
                trainSet.size(),
                devSet.size(),
                encoder.tags().size(),
                encoder.words().size(),
                encoder.chars().size());
        List<List<String>> trainWords = trainSet.stream().map(TaggedSentence::words).toList();
        List<int[]> trainTags = trainSet.stream().map(encoder::tagIds).toList();

        OptimizerSpec optimizer =
                new OptimizerSpec(
                        options.learningRate(),
                        options.lrDecay(),
                        OptimizerSpec.defaults().clipNorm());
        ComputationGraph network =
                SequenceTaggerBuilder.builder()
                        .setVocabularySize(encoder.words().size())
                        .setCharVocabularySize(encoder.chars().size())
                        .setNumTags(encoder.tags().size())
                        .optEmbeddingSize(options.embeddingSize())
                        .optCharSlots(options.charSlots())
                        .optRnn(
                                new RnnSpec(
                                        options.cell(),
                                        options.hiddenSize(),
                                        options.numLayers(),
                                        options.bidirectional(),
                                        options.dropout()))
                        .optOptimizer(optimizer)
                        .optSeed(options.seed())
                        .build();
        LOG.info("model: {} parameters", network.numParams());

        List<Integer> order = new ArrayList<>(trainSet.size());
        for (int i = 0; i < trainSet.size(); i++) {
            order.add(i);
        }
        BucketingIterator<Integer> batches =
                new BucketingIterator<>(
                        order,
                        options.batchSize(),
                        i -> trainWords.get(i).size(),
                        (List<Integer> ids, Integer epoch) ->
                                encoder.batch(
                                        ids.stream().map(trainWords::get).toList(),
                                        ids.stream().map(trainTags::get).toList(),
                                        options.wordDropout(),
                                        batchRandom(options.seed(), epoch, ids)),
                        encoder.tags().size(),
                        true,
                        options.seed());
        MostFrequentTagger baseline =
                MostFrequentTagger.train(
                        trainWords.stream().map(PostagEncoder::lower).toList(),
                        trainTags,
                        encoder.tags().size());
        DevMetric devAccuracy =
                DevMetric.of(
                        "dev_accuracy",
                        net ->
                                report(new PostagModel(net, encoder, null, null), devSet)
                                        .accuracy());
        Path runDir = options.runDirectory();
        String dataHash = options.data() == null ? "embedded" : Provenance.sha256(options.data());
        ObjectNode optionsJson = ModelBundle.json().valueToTree(options);
        Trainer trainer =
                Recipes.trainer(
                        options.smoke(),
                        options.epochs(),
                        options.patience(),
                        options.seed(),
                        runDir,
                        options.resume(),
                        options.progressBar(),
                        dataHash + "|" + Fingerprints.ofOptions(optionsJson),
                        optimizer);
        TrainingResult result = trainer.fit(network, batches, devAccuracy);

        Provenance provenance =
                Provenance.now(
                        PostagModel.TASK,
                        options.seed(),
                        options.data() == null ? "embedded" : options.data().toString(),
                        dataHash,
                        trainSet.size(),
                        devSet.size());
        PostagModel model = new PostagModel(result.network(), encoder, baseline, null);
        Evaluation evaluation = evaluate(model, devSet);
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        metrics.put("best_epoch", (double) result.bestEpoch());
        metrics.put("epochs_trained", (double) result.history().size());
        bundleOf(result.network(), encoder, optionsJson, provenance, metrics, baseline)
                .save(options.out());
        LOG.info("saved {}", options.out());
        return new RecipeResult(
                options.out(),
                metrics,
                "dev set: " + devSet.size() + " sentences\n" + evaluation.report());
    }

    /**
     * Scores a saved model on tagged data.
     *
     * @param modelFile the bundle
     * @param data CoNLL-U or word/TAG data
     * @return metrics ({@code accuracy} = token accuracy, per tag, OOV, baseline) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when the data is malformed or has tags the model lacks
     */
    public static RecipeResult evaluate(Path modelFile, Path data) throws IOException {
        PostagModel model = PostagModel.load(modelFile);
        String tagset = model.bundle().options().path("tagset").asText("UPOS");
        List<TaggedSentence> set =
                TaggedSentenceReader.readAll(
                        data, org.rnnkit.data.Tagset.valueOf(tagset.toUpperCase(Locale.ROOT)));
        checkTags(set, model.encoder(), data);
        Evaluation evaluation = evaluate(model, set);
        return new RecipeResult(
                null,
                evaluation.metrics(),
                data + ": " + set.size() + " sentences\n" + evaluation.report());
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
