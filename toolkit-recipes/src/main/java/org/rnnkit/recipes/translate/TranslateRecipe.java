package org.rnnkit.recipes.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.ParallelPair;
import org.rnnkit.data.ParallelSplit;
import org.rnnkit.data.ParallelTextReader;
import org.rnnkit.data.Seq2SeqBatcher;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.eval.Bleu;
import org.rnnkit.eval.BleuScore;
import org.rnnkit.eval.ChrF;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.translate.TranslateModel.Translation;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.DevMetric;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequence-to-sequence translation with attention.
 *
 * <p><b>Task.</b> Translate a sentence into another language (or any sequence into another of a
 * different length: dates into ISO form in the embedded data).
 *
 * <p><b>Data.</b> One pair per line, {@code source<TAB>target} (extra columns ignored; {@code
 * --reverse} swaps them), UTF-8, optionally {@code .gz}; or, with {@code --source-column} and
 * {@code --target-column} (the training options' {@link TrainingOptions#format() format}), any
 * delimited table, columns by header name or 1-based index ({@link ParallelTextReader}). Tokens:
 * sacreBLEU's 13a tokenization, case kept; optionally French elisions split off ({@code l'homme} ->
 * {@code l' homme}, joined back in the output; see {@link org.rnnkit.text.Elisions}). Without
 * {@code --dev}, a seeded split by source sentence (duplicates never cross).
 *
 * <p><b>Model.</b> A bidirectional recurrent encoder, a recurrent decoder fed the encoder summary
 * at every step and attending over the encoder outputs (Luong et al., 2015), teacher forcing with
 * masks on both sides, length-bucketed batches; see {@link org.rnnkit.model.Seq2SeqBuilder}.
 *
 * <p><b>Evaluation.</b> Corpus BLEU (sacreBLEU's defaults) with beam search and greedy decoding
 * (neither emits {@code <unk>}), chrF, exact-match rate and sample translations; decoding speed
 * with cached decoder state vs re-running the graph per token.
 */
public final class TranslateRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(TranslateRecipe.class);

    /** Sentences decoded by the re-run decoder for the speed comparison. */
    private static final int SPEED_SAMPLE = 32;

    /** Epochs on the embedded data unless the user chose a number. */
    static final int EMBEDDED_EPOCHS = 3;

    private TranslateRecipe() {}

    /**
     * Runs {@code rnnkit translate ARGS...}: the same subcommands ({@code train}, {@code eval},
     * {@code predict}, ...), options and exit codes as the command line, whose picocli command
     * parses the arguments (through {@link CommandLineEntry}, so this package does not import
     * {@code org.rnnkit.cli}). Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.translate.TranslateRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit translate}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("translate"), args);
    }

    /**
     * Runs {@code rnnkit translate ARGS...} like {@link #main} but returns the exit code instead of
     * exiting the JVM (for tests and embedding).
     *
     * @param args the arguments after {@code rnnkit translate}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of("translate"), args);
    }

    /**
     * Trains a translator, scores it on the dev pairs and saves the bundle: read -> vocabularies ->
     * graph -> batches -> Trainer -> evaluation -> bundle.
     *
     * @param requested the settings (on the embedded data with the default epochs, 3 epochs are
     *     trained)
     * @return the bundle path, the dev metrics ({@code bleu}, 0-100, with beam search) and the
     *     report
     * @throws IOException when a file cannot be read or written
     * @throws org.rnnkit.data.MalformedDataException for a malformed line
     * @throws IllegalArgumentException when the dev split is empty
     */
    public static RecipeResult train(TranslateOptions requested) throws IOException {
        TranslateOptions options = withEmbeddedDefaults(requested);
        TrainingOptions training = options.training();
        return train(
                options,
                read(options),
                Recipes.dataHash(training.data()),
                training.data() == null ? "embedded" : training.data().toString());
    }

    /**
     * Trains on pairs already in memory (the read stage's other source): the same stages as {@link
     * #train(TranslateOptions)} after reading, with {@code options.training().data()} and {@code
     * dev()} ignored.
     *
     * @param options the settings
     * @param data the training pairs
     * @param dev the dev pairs, or {@code null} for a seeded split by source ({@code
     *     options.devFraction()})
     * @return the bundle path ({@code options.training().out()}), the dev metrics and the report
     * @throws IOException when the bundle cannot be written
     * @throws IllegalArgumentException when the dev split is empty
     */
    public static RecipeResult train(
            TranslateOptions options, List<ParallelPair> data, List<ParallelPair> dev)
            throws IOException {
        Objects.requireNonNull(data, "data");
        List<String> records = new ArrayList<>(data.size());
        for (ParallelPair p : data) {
            records.add(p.source() + "\t" + p.target());
        }
        return train(
                options,
                split(options, data, dev),
                Recipes.dataHash(records),
                "in-memory pairs (" + data.size() + ")");
    }

    private static RecipeResult train(
            TranslateOptions options, ParallelSplit pairs, String dataHash, String source)
            throws IOException {
        TrainingOptions training = options.training();
        Encoded encoded = Encoded.of(pairs, options);
        ComputationGraph network =
                TranslateModel.builder(options, encoded.source(), encoded.target()).build();
        LOG.info("model: {} parameters", network.numParams());
        BucketingIterator<Integer> batches = batches(encoded, options);
        DevMetric devBleu = devBleu(encoded, pairs.dev(), options);

        ObjectNode optionsJson = OptionsJson.write(options);
        String fingerprint = dataHash + "|" + Fingerprints.ofOptions(optionsJson);
        Trainer trainer =
                Recipes.trainerBuilder(training, fingerprint, TranslateModel.optimizer(options))
                        .optWeightAveraging(options.weightAveraging())
                        .build();
        TrainingResult result = trainer.fit(network, batches, devBleu);

        TranslateModel model =
                new TranslateModel(
                        result.network(), encoded.source(), encoded.target(), options, null);
        Evaluation evaluation =
                evaluate(model, pairs.dev(), options.beamWidth(), options.lengthPenalty());
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        Provenance provenance =
                Provenance.now(
                        TranslateModel.TASK,
                        training.seed(),
                        source,
                        dataHash,
                        pairs.train().size(),
                        pairs.dev().size());
        bundleOf(result.network(), encoded, optionsJson, provenance, metrics).save(training.out());
        LOG.info("saved {}", training.out());
        String report = "dev set: " + pairs.dev().size() + " pairs\n" + evaluation.report();
        return new RecipeResult(training.out(), metrics, report);
    }

    /** The read stage: the training and dev pairs (a seeded split by source without a dev file). */
    private static ParallelSplit read(TranslateOptions options) throws IOException {
        TrainingOptions training = options.training();
        List<ParallelPair> all =
                training.data() == null
                        ? TranslateDataGenerator.defaultDataset()
                        : ParallelTextReader.readAll(
                                training.data(), options.reverse(), training.format());
        List<ParallelPair> dev =
                training.dev() == null
                        ? null
                        : ParallelTextReader.readAll(
                                training.dev(), options.reverse(), training.format());
        return split(options, all, dev);
    }

    /** The training and dev pairs: the given dev pairs, or a seeded split by source. */
    private static ParallelSplit split(
            TranslateOptions options, List<ParallelPair> all, List<ParallelPair> dev) {
        ParallelSplit split =
                dev != null
                        ? new ParallelSplit(all, dev)
                        : ParallelSplit.splitBySource(
                                all, options.devFraction(), options.training().seed());
        if (split.dev().isEmpty()) {
            throw new IllegalArgumentException(
                    "the dev split is empty: give more pairs or a larger devFraction");
        }
        return split;
    }

    /** The vocabulary stage: both vocabularies (or one shared) and the training pairs as ids. */
    private record Encoded(
            Vocabulary source, Vocabulary target, List<int[]> sourceIds, List<int[]> targetIds) {

        static Encoded of(ParallelSplit pairs, TranslateOptions options) {
            List<List<String>> sourceTokens = new ArrayList<>();
            List<List<String>> targetTokens = new ArrayList<>();
            for (ParallelPair p : pairs.train()) {
                sourceTokens.add(TranslateModel.tokenize(p.source(), options));
                targetTokens.add(TranslateModel.tokenize(p.target(), options));
            }
            Vocabulary.Builder sourceCounts = Vocabulary.builder();
            Vocabulary.Builder targetCounts =
                    options.sharedVocabulary() ? sourceCounts : Vocabulary.builder();
            sourceTokens.forEach(sourceCounts::add);
            targetTokens.forEach(targetCounts::add);
            Vocabulary source = sourceCounts.build(options.minCount(), options.maxVocabulary());
            Vocabulary target =
                    options.sharedVocabulary()
                            ? source
                            : targetCounts.build(options.minCount(), options.maxVocabulary());
            LOG.info(
                    "data: {} training and {} dev pairs; vocabularies: {} source, {} target tokens",
                    pairs.train().size(),
                    pairs.dev().size(),
                    source.size(),
                    target.size());
            return new Encoded(
                    source,
                    target,
                    sourceTokens.stream().map(source::encode).toList(),
                    targetTokens.stream().map(target::encode).toList());
        }
    }

    /** The batching stage: pairs bucketed by source length, the source mask as third input. */
    private static BucketingIterator<Integer> batches(Encoded encoded, TranslateOptions options) {
        TrainingOptions training = options.training();
        Seq2SeqBatcher batcher = TranslateModel.batcher(options, encoded.target());
        List<int[]> sourceIds = encoded.sourceIds();
        List<Integer> order = new ArrayList<>(sourceIds.size());
        for (int i = 0; i < sourceIds.size(); i++) {
            order.add(i);
        }
        return new BucketingIterator<>(
                order,
                training.batchSize(),
                i -> Math.min(sourceIds.get(i).length, training.maxLength()),
                ids ->
                        withSourceMask(
                                batcher.batch(
                                        ids.stream().map(sourceIds::get).toList(),
                                        ids.stream().map(encoded.targetIds()::get).toList())),
                encoded.target().size(),
                true,
                training.seed());
    }

    /** The bundle: the network, the source vocabulary, the target vocabulary as attachment. */
    private static ModelBundle bundleOf(
            ComputationGraph network,
            Encoded encoded,
            ObjectNode options,
            Provenance provenance,
            Map<String, Double> metrics)
            throws IOException {
        ByteArrayOutputStream targetBytes = new ByteArrayOutputStream();
        encoded.target().write(targetBytes);
        return new ModelBundle(
                TranslateModel.TASK,
                network,
                encoded.source(),
                options,
                provenance,
                metrics,
                Map.of(TranslateModel.TARGET_VOCABULARY, targetBytes.toByteArray()));
    }

    /** Model selection: greedy BLEU on the first {@code selectionSize} dev pairs. */
    private static DevMetric devBleu(
            Encoded encoded, List<ParallelPair> dev, TranslateOptions options) {
        List<ParallelPair> selection =
                dev.subList(0, Math.min(dev.size(), options.selectionSize()));
        return DevMetric.of(
                "dev_bleu_greedy",
                net -> {
                    TranslateModel m =
                            new TranslateModel(
                                    net, encoded.source(), encoded.target(), options, null);
                    return bleu(m, selection, m.decoder(1, options.lengthPenalty()), false).score();
                });
    }

    /**
     * Scores a saved model on parallel text of the shape it was trained on (saved in its bundle).
     *
     * @param modelFile the bundle
     * @param data pairs, {@code source<TAB>target} or the shape the model was trained on
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @param lengthPenalty length-penalty exponent of beam search, or {@code null} for the model's
     *     setting
     * @return metrics ({@code bleu} 0-100 with beam search, {@code bleu_greedy}, {@code chrf},
     *     {@code exact_match}, decoding speeds) and the report
     * @throws IOException when a file cannot be read
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, Integer beamWidth, Double lengthPenalty) throws IOException {
        return evaluate(TranslateModel.load(modelFile), data, null, beamWidth, lengthPenalty);
    }

    /**
     * Scores a model on a parallel-text file of a given shape.
     *
     * @param model the model (its {@code reverse} setting applies)
     * @param data the pairs
     * @param format the file's shape (delimiter, header, source and target columns); {@code null} =
     *     the shape the model was trained on, saved in its options
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @param lengthPenalty length-penalty exponent of beam search, or {@code null} for the model's
     *     setting
     * @return metrics ({@code bleu} 0-100 with beam search, {@code bleu_greedy}, {@code chrf},
     *     {@code exact_match}, decoding speeds) and the report
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a line is malformed or a column is not in
     *     the file
     */
    public static RecipeResult evaluate(
            TranslateModel model,
            Path data,
            DataFormat format,
            Integer beamWidth,
            Double lengthPenalty)
            throws IOException {
        DataFormat shape = format == null ? model.options().training().format() : format;
        List<ParallelPair> pairs =
                ParallelTextReader.readAll(data, model.options().reverse(), shape);
        return evaluate(model, pairs, data.toString(), beamWidth, lengthPenalty);
    }

    /**
     * Scores a model on pairs already in memory (or read by the caller).
     *
     * @param model the model
     * @param pairs the source sentences and their reference translations
     * @param source what heads the report (a file name, or a description)
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @param lengthPenalty length-penalty exponent of beam search, or {@code null} for the model's
     *     setting
     * @return metrics ({@code bleu} 0-100 with beam search, {@code bleu_greedy}, {@code chrf},
     *     {@code exact_match}, decoding speeds) and the report
     * @throws IllegalArgumentException when {@code beamWidth < 1} or {@code lengthPenalty < 0}
     */
    public static RecipeResult evaluate(
            TranslateModel model,
            List<ParallelPair> pairs,
            String source,
            Integer beamWidth,
            Double lengthPenalty) {
        TranslateOptions options = model.options();
        int beam = beamWidth != null ? beamWidth : options.beamWidth();
        if (beam < 1) {
            throw new IllegalArgumentException("beam must be >= 1, received: beam=" + beam);
        }
        // a negative length penalty is rejected when the decoders are built, before any decoding
        double alpha = lengthPenalty != null ? lengthPenalty : options.lengthPenalty();
        Evaluation e = evaluate(model, pairs, beam, alpha);
        return new RecipeResult(
                null, e.metrics(), source + ": " + pairs.size() + " pairs\n" + e.report());
    }

    /**
     * Translates sentences with a saved model.
     *
     * @param modelFile the bundle
     * @param sentences the sentences
     * @param beamWidth beam width (1: greedy)
     * @return one translation per sentence
     * @throws IOException when the bundle cannot be read
     */
    public static List<Translation> predict(Path modelFile, List<String> sentences, int beamWidth)
            throws IOException {
        TranslateModel model = TranslateModel.load(modelFile);
        TranslateOptions options = model.options();
        SequenceDecoder decoder = model.decoder(beamWidth, options.lengthPenalty());
        return model.translate(sentences, decoder, beamWidth > 1, true);
    }

    /** The generated dates need few epochs: about 2 minutes on 2 cores. */
    private static TranslateOptions withEmbeddedDefaults(TranslateOptions options) {
        TrainingOptions training = options.training();
        if (training.data() != null || training.epochs() != TranslateOptions.DEFAULT_EPOCHS) {
            return options;
        }
        LOG.info("embedded data: {} epochs (set --epochs to change)", EMBEDDED_EPOCHS);
        return options.withTraining(t -> t.epochs(EMBEDDED_EPOCHS));
    }

    /** Adds the source mask as the graph's third input (a plain input, see Seq2SeqBuilder). */
    static SequenceBatch withSourceMask(SequenceBatch b) {
        return b.withExtraInputs(
                new INDArray[] {b.extraInputs()[0], b.featuresMask().dup()},
                new INDArray[] {b.extraMasks()[0], null});
    }

    private static BleuScore bleu(
            TranslateModel model, List<ParallelPair> pairs, SequenceDecoder decoder, boolean beam) {
        List<String> hyps = new ArrayList<>();
        for (Translation t :
                model.translate(
                        pairs.stream().map(ParallelPair::source).toList(), decoder, beam, true)) {
            hyps.add(t.text());
        }
        return Bleu.builder()
                .build()
                .corpusSingleReference(hyps, pairs.stream().map(ParallelPair::target).toList());
    }

    private record Evaluation(Map<String, Double> metrics, String report) {}

    /**
     * Corpus BLEU with the pairs grouped by source sentence: each distinct source counts once, with
     * every reference it has in the data (Tatoeba lists several translations of many sentences as
     * separate pairs; scored pair by pair, one output can match only one of them).
     *
     * @param bleu the scorer
     * @param sources source of each pair
     * @param hypotheses output of each pair (the same for equal sources)
     * @param references reference of each pair
     * @return the multi-reference corpus score
     */
    static BleuScore groupedBySource(
            Bleu bleu, List<String> sources, List<String> hypotheses, List<String> references) {
        Map<String, String> hyps = new LinkedHashMap<>();
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            hyps.putIfAbsent(sources.get(i), hypotheses.get(i));
            refs.computeIfAbsent(sources.get(i), k -> new ArrayList<>()).add(references.get(i));
        }
        return bleu.corpus(List.copyOf(hyps.values()), List.copyOf(refs.values()));
    }

    private static Evaluation evaluate(
            TranslateModel model, List<ParallelPair> pairs, int beamWidth, double lengthPenalty) {
        List<String> sources = pairs.stream().map(ParallelPair::source).toList();
        List<String> references = pairs.stream().map(ParallelPair::target).toList();
        SequenceDecoder beamDecoder = model.decoder(beamWidth, lengthPenalty);
        SequenceDecoder greedyDecoder = model.decoder(1, lengthPenalty);
        long t0 = System.nanoTime();
        List<Translation> greedy = model.translate(sources, greedyDecoder, false, true);
        double greedySeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        List<Translation> beam = model.translate(sources, beamDecoder, true, true);
        double beamSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> sample = sources.subList(0, Math.min(SPEED_SAMPLE, sources.size()));
        t0 = System.nanoTime();
        model.translate(sample, greedyDecoder, false, true);
        double cachedSampleSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        model.translate(sample, greedyDecoder, false, false);
        double rerunSampleSeconds = (System.nanoTime() - t0) / 1e9;

        List<String> beamText = beam.stream().map(Translation::text).toList();
        List<String> greedyText = greedy.stream().map(Translation::text).toList();
        Bleu bleu = Bleu.builder().build();
        BleuScore beamBleu = bleu.corpusSingleReference(beamText, references);
        BleuScore greedyBleu = bleu.corpusSingleReference(greedyText, references);
        BleuScore groupedBleu = groupedBySource(bleu, sources, beamText, references);
        double chrf = ChrF.builder().build().corpusSingleReference(beamText, references).score();
        int exact = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (bleu.tokenize(beamText.get(i)).equals(bleu.tokenize(references.get(i)))) {
                exact++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("bleu", beamBleu.score());
        metrics.put("bleu_greedy", greedyBleu.score());
        metrics.put("bleu_multi_reference", groupedBleu.score());
        metrics.put("chrf", chrf);
        metrics.put("exact_match", (double) exact / pairs.size());
        metrics.put("beam_width", (double) beamWidth);
        metrics.put("pairs", (double) pairs.size());
        metrics.put("sentences_per_second_greedy", sources.size() / greedySeconds);
        metrics.put("sentences_per_second_beam", sources.size() / beamSeconds);
        metrics.put("sentences_per_second_cached", sample.size() / cachedSampleSeconds);
        metrics.put("sentences_per_second_rerun", sample.size() / rerunSampleSeconds);
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "%-34s %8s%n%-34s %8.2f%n%-34s %8.2f%n%-34s %8.2f%n%-34s %8.2f%n%-34s"
                                + " %8.4f%n",
                        "metric",
                        "value",
                        "BLEU, beam " + beamWidth,
                        beamBleu.score(),
                        "BLEU, greedy",
                        greedyBleu.score(),
                        "BLEU, beam, references by source",
                        groupedBleu.score(),
                        "chrF2, beam",
                        chrf,
                        "exact match, beam",
                        (double) exact / pairs.size()));
        report.append("beam: ").append(beamBleu).append('\n');
        report.append(
                String.format(
                        Locale.ROOT,
                        "decoding speed: greedy %.1f sentences/s, beam %.1f sentences/s; on %d"
                                + " sentences, cached decoder state %.1f sentences/s vs re-running"
                                + " the graph per token %.1f sentences/s (%.1fx)%n",
                        sources.size() / greedySeconds,
                        sources.size() / beamSeconds,
                        sample.size(),
                        sample.size() / cachedSampleSeconds,
                        sample.size() / rerunSampleSeconds,
                        rerunSampleSeconds / cachedSampleSeconds));
        report.append("samples (source | reference | beam):\n");
        for (int i = 0; i < Math.min(5, pairs.size()); i++) {
            report.append("  ")
                    .append(sources.get(i))
                    .append(" | ")
                    .append(references.get(i))
                    .append(" | ")
                    .append(beamText.get(i))
                    .append('\n');
        }
        return new Evaluation(metrics, report.toString());
    }
}
