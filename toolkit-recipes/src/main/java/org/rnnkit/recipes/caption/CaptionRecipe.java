package org.rnnkit.recipes.caption;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.data.BucketingIterator;
import org.rnnkit.data.CaptionCorpus;
import org.rnnkit.data.CaptionCorpusReader;
import org.rnnkit.data.CaptionedImage;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.Seq2SeqBatcher;
import org.rnnkit.decode.SequenceDecoder;
import org.rnnkit.eval.BleuScore;
import org.rnnkit.eval.CiderD;
import org.rnnkit.eval.RougeL;
import org.rnnkit.model.ImageCaptionBuilder;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.Fingerprints;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.caption.CaptionModel.Caption;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.DevMetric;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image captioning, one-to-many: a CNN encoder and a recurrent decoder (Vinyals et al. 2015, "Show
 * and Tell: A Neural Image Caption Generator").
 *
 * <p><b>Data.</b> A directory with {@code captions.txt} ({@code image.jpg#k<TAB>caption}, several
 * captions per image), {@code images/} and an optional {@code splits.tsv}; or the original Flickr8k
 * layout; or a COCO captions JSON; or a CSV/TSV table or JSON-lines file of image and caption
 * columns ({@code --image-column}, {@code --caption-column}: the training options' {@link
 * TrainingOptions#format() format}; see {@link CaptionCorpusReader}). Images are loaded with
 * DataVec, resized to {@code imageSize} square and scaled to [0, 1]. Without {@code --data}: the
 * embedded generated scenes ({@link CaptionDataGenerator}). Trains on the {@code train} split and
 * selects on {@code dev} (a seeded split of the images when the corpus has none).
 *
 * <p><b>Model.</b> See {@link org.rnnkit.model.ImageCaptionBuilder}: conv blocks (or a frozen
 * pretrained encoder's features), a dense image vector read by an LSTM decoder at every step beside
 * the previous word, softmax over the caption vocabulary; with {@code centernet} the decoder also
 * attends over the detector's 8x8 regions at every step ("Show, Attend and Tell"). Teacher forcing
 * with masked labels, batches bucketed by caption length; the epoch with the best greedy dev
 * CIDEr-D (attention) or BLEU-4 (the others) is kept.
 *
 * <p><b>Evaluation.</b> Corpus BLEU-1..4 against all references of each image (beam search and
 * greedy), the exact-match rate (the caption equals one of the references), and two baselines
 * beside: the best single training caption for every image and the nearest training image's caption
 * ({@link CaptionBaselines}).
 */
public final class CaptionRecipe {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionRecipe.class);

    /** Epochs on the embedded scenes unless the user chose a number. */
    static final int EMBEDDED_EPOCHS = 12;

    private CaptionRecipe() {}

    /**
     * Runs {@code rnnkit caption ARGS...}: the same subcommands ({@code train}, {@code eval},
     * {@code predict}, ...), options and exit codes as the command line, whose picocli command
     * parses the arguments (through {@link CommandLineEntry}, so this package does not import
     * {@code org.rnnkit.cli}). Example: {@code java -cp "rnnkit-recipes.jar:lib/*"
     * org.rnnkit.recipes.caption.CaptionRecipe train --smoke}.
     *
     * @param args the arguments after {@code rnnkit caption}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("caption"), args);
    }

    /**
     * Runs {@code rnnkit caption ARGS...} like {@link #main} but returns the exit code instead of
     * exiting the JVM (for tests and embedding).
     *
     * @param args the arguments after {@code rnnkit caption}
     * @return the exit code: 0 success, 2 bad usage or bad input, 1 anything else
     */
    public static int execute(String... args) {
        return CommandLineEntry.execute(List.of("caption"), args);
    }

    /** Images with their loaded pixels (or features) and normalized captions. */
    record Images(List<String> names, INDArray pixels, List<List<String>> captions) {
        int size() {
            return names.size();
        }

        Images subset(List<Integer> rows) {
            return new Images(
                    rows.stream().map(names::get).toList(),
                    pick(pixels, rows.stream().mapToInt(Integer::intValue).toArray()),
                    rows.stream().map(captions::get).toList());
        }
    }

    /**
     * Trains a captioner, scores it on the dev images and saves the bundle: read -> vocabulary ->
     * batches -> graph -> Trainer -> baselines -> evaluation -> bundle -> report.
     *
     * @param requested the settings
     * @return the bundle path, the dev metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l},
     *     0-100, and {@code cider} on the COCO scale, beam search; greedy; the baselines') and the
     *     report
     * @throws IOException when a file cannot be read or written
     * @throws MalformedDataException for a malformed line or an unreadable image
     * @throws IllegalArgumentException when the data holds no training or no dev image
     */
    public static RecipeResult train(CaptionOptions requested) throws IOException {
        CaptionOptions options = withEmbeddedDefaults(requested);
        TrainingOptions training = options.training();
        return train(
                options,
                Split.read(options),
                Recipes.dataHash(training.data()),
                training.data() == null ? "embedded" : training.data().toString());
    }

    /**
     * Trains on captioned pictures already in memory (the read stage's other source): the same
     * stages as {@link #train(CaptionOptions)} after reading, with {@code
     * options.training().data()} and {@code dev()} ignored.
     *
     * @param options the settings
     * @param scenes the pictures with their reference captions; those whose split is {@code dev}
     *     form the dev set, those with {@code train} the training set, others are ignored; without
     *     any {@code dev} scene a seeded {@code devFraction} of the training scenes is the dev set
     * @return the bundle path ({@code options.training().out()}), the dev metrics and the report
     * @throws IOException when the bundle cannot be written or an encoder's weights read
     * @throws IllegalArgumentException when no training or no dev picture remains
     */
    public static RecipeResult train(
            CaptionOptions options, List<CaptionDataGenerator.Scene> scenes) throws IOException {
        Objects.requireNonNull(scenes, "scenes");
        List<String> records = new ArrayList<>(scenes.size());
        for (CaptionDataGenerator.Scene s : scenes) {
            int[] rgb =
                    s.image()
                            .getRGB(
                                    0,
                                    0,
                                    s.image().getWidth(),
                                    s.image().getHeight(),
                                    null,
                                    0,
                                    s.image().getWidth());
            records.add(
                    s.name()
                            + "\t"
                            + s.split()
                            + "\t"
                            + s.captions()
                            + "\t"
                            + Arrays.hashCode(rgb));
        }
        return train(
                options,
                Split.of(options, scenes),
                Recipes.dataHash(records),
                "in-memory pictures (" + scenes.size() + ")");
    }

    private static RecipeResult train(
            CaptionOptions options, Split split, String dataHash, String source)
            throws IOException {
        TrainingOptions training = options.training();
        Encoded encoded = Encoded.of(split.train(), options.minCount());
        LOG.info(
                "data: {} training images ({} captions), {} dev images; vocabulary {} words",
                split.train().size(),
                encoded.captions().size(),
                split.dev().size(),
                encoded.vocabulary().size());
        ImageCaptionBuilder builder = CaptionModel.builder(options, encoded.vocabulary().size());
        ComputationGraph network = builder.build();
        LOG.info("model: {} parameters", network.numParams());
        BucketingIterator<Integer> batches = batches(encoded, split.train(), builder, training);
        DevMetric devMetric = devMetric(options, encoded.vocabulary(), split.dev());

        ObjectNode optionsJson = OptionsJson.write(options);
        String fingerprint = dataHash + "|" + Fingerprints.ofOptions(optionsJson);
        Trainer trainer =
                Recipes.trainerBuilder(training, fingerprint, CaptionModel.optimizer(options))
                        .build();
        TrainingResult result = trainer.fit(network, batches, devMetric);

        CaptionModel model =
                withBaselines(
                        new CaptionModel(result.network(), encoded.vocabulary(), options, null),
                        split.train());
        Evaluation evaluation = evaluate(model, split.dev(), options.beamWidth());
        Map<String, Double> metrics = new LinkedHashMap<>(evaluation.metrics());
        Recipes.putTrainingMetrics(metrics, result);
        metrics.put("skipped_rows", (double) split.skipped());
        ModelBundle bundle =
                new ModelBundle(
                        CaptionModel.TASK,
                        result.network(),
                        encoded.vocabulary(),
                        optionsJson,
                        split.provenance(training, source, dataHash, encoded.captions().size()),
                        metrics,
                        CaptionModel.attachments(model.baselines(), options));
        bundle.save(training.out());
        LOG.info("saved {}", training.out());
        String report = "dev set: " + split.dev().size() + " images\n" + evaluation.report();
        return new RecipeResult(training.out(), metrics, report);
    }

    /**
     * The read stage: the training and dev images (pixels, or the frozen encoder's features) and
     * the malformed caption rows skipped.
     */
    private record Split(Images train, Images dev, int skipped) {

        static Split read(CaptionOptions options) throws IOException {
            // centernet's features are computed (or read from the cache) as each image is read.
            CaptionModel.ImageSource loader = CaptionModel.imageSource(options);
            long t0 = System.nanoTime();
            Split split =
                    options.training().data() == null
                            ? embedded(loader)
                            : fromCorpus(options, loader);
            return prepared(options, split, t0);
        }

        /**
         * The pictures given in memory: {@code dev} scenes, else a seeded {@code devFraction} of
         * the {@code train} ones, as dev set.
         */
        static Split of(CaptionOptions options, List<CaptionDataGenerator.Scene> scenes)
                throws IOException {
            CaptionModel.ImageSource loader = CaptionModel.imageSource(options);
            long t0 = System.nanoTime();
            List<CaptionDataGenerator.Scene> chosen = new ArrayList<>(scenes);
            if (chosen.stream().noneMatch(sc -> sc.split().equals("dev"))) {
                List<CaptionDataGenerator.Scene> train =
                        new ArrayList<>(
                                chosen.stream().filter(sc -> sc.split().equals("train")).toList());
                Collections.shuffle(train, new Random(options.training().seed()));
                int devSize = Math.max(1, (int) Math.round(train.size() * options.devFraction()));
                chosen = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    CaptionDataGenerator.Scene sc = train.get(i);
                    chosen.add(
                            new CaptionDataGenerator.Scene(
                                    sc.name(),
                                    sc.image(),
                                    sc.captions(),
                                    i < devSize && devSize < train.size() ? "dev" : "train"));
                }
            }
            Split split =
                    new Split(scenes(chosen, "train", loader), scenes(chosen, "dev", loader), 0);
            return prepared(options, split, t0);
        }

        /** Computes frozen features where the encoder asks for them and checks both parts. */
        private static Split prepared(CaptionOptions options, Split split, long t0)
                throws IOException {
            boolean centernet = options.encoder().equals("centernet");
            if (centernet) {
                int n = split.train().size() + split.dev().size();
                double seconds = (System.nanoTime() - t0) / 1e9;
                LOG.info(
                        "centernet features of {} images in {} s ({} s per image; cached under {})",
                        n,
                        String.format(Locale.ROOT, "%.1f", seconds),
                        String.format(Locale.ROOT, "%.3f", seconds / Math.max(1, n)),
                        Recipes.cacheDirectory().resolve("features"));
            }
            if (options.frozenEncoder() && !centernet) {
                // The encoder is frozen: its features are computed once and the decoder trains on
                // them.
                split =
                        new Split(
                                frozenFeatures(options, "train", split.train()),
                                frozenFeatures(options, "dev", split.dev()),
                                split.skipped());
            }
            Recipes.require(
                    split.train().size() > 0 && split.dev().size() > 0,
                    "need training and dev images, received: "
                            + split.train().size()
                            + " training and "
                            + split.dev().size()
                            + " dev images");
            return split;
        }

        static Split embedded(CaptionModel.ImageSource loader) throws IOException {
            List<CaptionDataGenerator.Scene> scenes =
                    CaptionDataGenerator.generate(
                            CaptionDataGenerator.DEFAULT_SIZE, CaptionDataGenerator.DEFAULT_SEED);
            return new Split(scenes(scenes, "train", loader), scenes(scenes, "dev", loader), 0);
        }

        /**
         * Splits a corpus: dev images from the {@code dev} corpus, else the corpus's {@code dev}
         * split, else a seeded {@code devFraction} of its (training) images.
         */
        static Split fromCorpus(CaptionOptions options, CaptionModel.ImageSource loader)
                throws IOException {
            TrainingOptions training = options.training();
            boolean skip = training.skipBadRows();
            CaptionCorpus corpus =
                    CaptionCorpusReader.read(training.data(), skip, training.format());
            List<CaptionedImage> trainable =
                    corpus.hasSplits() ? corpus.split("train") : corpus.images();
            if (training.dev() != null) {
                CaptionCorpus devCorpus =
                        CaptionCorpusReader.read(training.dev(), skip, training.format());
                Images dev = load(devCorpus, devCorpus.images(), loader, skip);
                return new Split(
                        load(corpus, trainable, loader, skip),
                        dev,
                        corpus.skippedRows() + devCorpus.skippedRows());
            }
            if (corpus.hasSplits() && !corpus.split("dev").isEmpty()) {
                Images dev = load(corpus, corpus.split("dev"), loader, skip);
                return new Split(load(corpus, trainable, loader, skip), dev, corpus.skippedRows());
            }
            List<CaptionedImage> all = new ArrayList<>(trainable);
            Collections.shuffle(all, new Random(training.seed()));
            int devSize = Math.max(1, (int) Math.round(all.size() * options.devFraction()));
            Images dev = load(corpus, all.subList(0, devSize), loader, skip);
            return new Split(
                    load(corpus, all.subList(devSize, all.size()), loader, skip),
                    dev,
                    corpus.skippedRows());
        }

        Provenance provenance(
                TrainingOptions training, String source, String dataHash, int captions) {
            return Provenance.now(
                    CaptionModel.TASK, training.seed(), source, dataHash, captions, dev.size());
        }
    }

    /**
     * The vocabulary stage: the caption vocabulary, and every training caption as ids beside the
     * row of its image.
     */
    private record Encoded(Vocabulary vocabulary, List<int[]> captions, int[] imageRows) {

        static Encoded of(Images train, int minCount) {
            Vocabulary.Builder counts = Vocabulary.builder();
            train.captions().forEach(cs -> cs.forEach(c -> counts.add(CaptionModel.tokenize(c))));
            Vocabulary vocabulary = counts.build(minCount, Integer.MAX_VALUE);
            List<int[]> captions = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                for (String c : train.captions().get(i)) {
                    captions.add(vocabulary.encode(CaptionModel.tokenize(c)));
                    rows.add(i);
                }
            }
            return new Encoded(
                    vocabulary, captions, rows.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * The batching stage: caption-image pairs bucketed by caption length; teacher-forced caption
     * targets with the images as the extra input.
     */
    private static BucketingIterator<Integer> batches(
            Encoded encoded, Images train, ImageCaptionBuilder network, TrainingOptions training) {
        Seq2SeqBatcher batcher =
                Seq2SeqBatcher.builder()
                        .setTargetVocabularySize(encoded.vocabulary().size())
                        .optMaxTargetLength(training.maxLength())
                        .optSparseLabels(true)
                        .build();
        List<int[]> captions = encoded.captions();
        return new BucketingIterator<>(
                range(captions.size()),
                training.batchSize(),
                i -> Math.min(captions.get(i).length + 1, training.maxLength()),
                ids -> {
                    int[] rows = ids.stream().mapToInt(i -> encoded.imageRows()[i]).toArray();
                    INDArray[] images = network.imageInputs(pick(train.pixels(), rows));
                    return batcher.targets(ids.stream().map(captions::get).toList())
                            .withExtraInputs(images, new INDArray[images.length]);
                },
                encoded.vocabulary().size(),
                true,
                training.seed());
    }

    /**
     * The model-selection metric on the first {@code selectionSize} dev images, greedy decoding:
     * CIDEr-D for the attending centernet captioner (as captioning papers select), BLEU-4 for the
     * others (as before the attention model).
     */
    private static DevMetric devMetric(CaptionOptions options, Vocabulary vocabulary, Images dev) {
        Images selection =
                dev.size() <= options.selectionSize()
                        ? dev
                        : dev.subset(range(options.selectionSize()));
        List<List<String>> references = normalized(selection.captions());
        boolean cider = options.attention();
        return DevMetric.of(
                cider ? "dev_cider_greedy" : "dev_bleu4_greedy",
                net -> {
                    CaptionModel m = new CaptionModel(net, vocabulary, options, null);
                    List<String> hyps = text(m.caption(selection.pixels(), greedy(options), false));
                    return cider
                            ? CiderD.corpus(tokens(hyps), referenceTokens(references)).score()
                            : CaptionBaselines.BLEU.corpus(hyps, references).cumulative(4);
                });
    }

    /** The baselines stage: the trained model with the baselines fitted on the training images. */
    private static CaptionModel withBaselines(CaptionModel trained, Images train) {
        CaptionBaselines baselines =
                CaptionBaselines.fit(normalized(train.captions()), trained.encode(train.pixels()));
        return trained.withBaselines(baselines);
    }

    /**
     * Scores a saved model on a corpus: its {@code test} split when it marks one, else every image
     * with captions.
     *
     * @param modelFile the bundle
     * @param data the corpus
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @param skipBadRows count and skip malformed rows and unreadable images
     * @return metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l} 0-100 and {@code cider} on the
     *     COCO scale 0-10, with beam search, greedy, exact match, baselines) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException for a malformed line or, without {@code skipBadRows}, an
     *     unreadable image
     * @throws IllegalArgumentException when the beam width is below 1
     */
    public static RecipeResult evaluate(
            Path modelFile, Path data, Integer beamWidth, boolean skipBadRows) throws IOException {
        return evaluate(CaptionModel.load(modelFile), data, null, beamWidth, skipBadRows);
    }

    /**
     * Scores a model on a corpus of a given shape: its {@code test} split when it marks one, else
     * every image with captions.
     *
     * @param model the model
     * @param data the corpus: a directory, a COCO JSON, a CSV/TSV table or a JSON-lines file
     * @param format the shape of a table or JSON-lines file (image and caption columns, delimiter,
     *     header); {@code null} = the shape the model was trained on, saved in its options
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @param skipBadRows count and skip malformed rows and unreadable images
     * @return metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l} 0-100 and {@code cider} on the
     *     COCO scale 0-10, with beam search, greedy, exact match, baselines) and the report
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException for a malformed line or, without {@code skipBadRows}, an
     *     unreadable image
     * @throws IllegalArgumentException when the beam width is below 1
     */
    public static RecipeResult evaluate(
            CaptionModel model,
            Path data,
            DataFormat format,
            Integer beamWidth,
            boolean skipBadRows)
            throws IOException {
        CaptionOptions options = model.options();
        DataFormat shape = format == null ? options.training().format() : format;
        CaptionCorpus corpus = CaptionCorpusReader.read(data, skipBadRows, shape);
        List<CaptionedImage> chosen =
                corpus.split("test").isEmpty() ? corpus.images() : corpus.split("test");
        Images loaded = load(corpus, chosen, CaptionModel.imageSource(options), skipBadRows);
        Images images =
                new Images(loaded.names(), model.inputs(loaded.pixels()), loaded.captions());
        int beam = beamWidth != null ? beamWidth : options.beamWidth();
        Recipes.require(beam >= 1, "beam must be >= 1, received: beam=" + beam);
        Evaluation e = evaluate(model, images, beam);
        Map<String, Double> metrics = new LinkedHashMap<>(e.metrics());
        metrics.put("skipped_rows", (double) corpus.skippedRows());
        String which = corpus.split("test").isEmpty() ? "all images" : "test split";
        return new RecipeResult(
                null,
                metrics,
                data + " (" + which + "): " + images.size() + " images\n" + e.report());
    }

    /**
     * Scores a model on captioned pictures already in memory, as {@link #evaluate(Path, Path,
     * Integer, boolean)} does for a corpus (every scene, whatever its split).
     *
     * @param model the model
     * @param scenes the pictures with their reference captions
     * @param source what heads the report (a file name, or a description)
     * @param beamWidth beam width, or {@code null} for the model's setting
     * @return metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l}, {@code cider}, greedy,
     *     baselines) and the report
     * @throws IOException when an encoder's weights cannot be read
     * @throws IllegalArgumentException when there is no scene or the beam width is below 1
     */
    public static RecipeResult evaluate(
            CaptionModel model,
            List<CaptionDataGenerator.Scene> scenes,
            String source,
            Integer beamWidth)
            throws IOException {
        CaptionOptions options = model.options();
        Recipes.require(!scenes.isEmpty(), "scenes must not be empty, received: 0 scenes");
        List<CaptionDataGenerator.Scene> all =
                scenes.stream()
                        .map(
                                sc ->
                                        new CaptionDataGenerator.Scene(
                                                sc.name(), sc.image(), sc.captions(), "test"))
                        .toList();
        Images loaded = scenes(all, "test", CaptionModel.imageSource(options));
        Images images =
                new Images(loaded.names(), model.inputs(loaded.pixels()), loaded.captions());
        int beam = beamWidth != null ? beamWidth : options.beamWidth();
        Recipes.require(beam >= 1, "beam must be >= 1, received: beam=" + beam);
        Evaluation e = evaluate(model, images, beam);
        return new RecipeResult(
                null, e.metrics(), source + ": " + images.size() + " images\n" + e.report());
    }

    /**
     * Captions image files with a saved model.
     *
     * @param modelFile the bundle
     * @param images the image files
     * @param beamWidth beam width (1: greedy)
     * @return one caption per image
     * @throws IOException when the bundle or an image cannot be read
     * @throws MalformedDataException for a missing or unreadable image
     * @throws IllegalArgumentException when {@code beamWidth} is below 1
     */
    public static List<Caption> predict(Path modelFile, List<Path> images, int beamWidth)
            throws IOException {
        return predict(CaptionModel.load(modelFile), images, beamWidth);
    }

    /**
     * Captions image files with a loaded model, read and resized as its encoder expects.
     *
     * @param model the model
     * @param images the image files
     * @param beamWidth the beam width (1: greedy)
     * @return one caption per image, in order
     * @throws IOException when an image cannot be read
     */
    public static List<Caption> predict(CaptionModel model, List<Path> images, int beamWidth)
            throws IOException {
        CaptionModel.ImageSource loader = CaptionModel.imageSource(model.options());
        List<INDArray> pixels = new ArrayList<>();
        for (Path p : images) {
            pixels.add(loader.load(p));
        }
        return model.caption(
                model.inputs(Nd4j.concat(0, pixels.toArray(new INDArray[0]))),
                beam(model.options(), beamWidth),
                beamWidth > 1);
    }

    /**
     * Replaces pixels by the frozen zoo encoder's features (not centernet's: those are read per
     * image, see {@link CaptionModel#imageSource}), cached in the run directory under a key of the
     * encoder, its weights file's SHA-256 and the image names, so a resumed or repeated run does
     * not run the encoder again.
     */
    private static Images frozenFeatures(CaptionOptions options, String split, Images images)
            throws IOException {
        if (images.size() == 0) {
            return images;
        }
        String key =
                sha256(
                        options.encoder()
                                + "|"
                                + Provenance.sha256(options.encoderWeights())
                                + "|"
                                + String.join("\n", images.names()));
        Path cache =
                options.training()
                        .runDirectory()
                        .resolve("features-" + split + "-" + key.substring(0, 16) + ".bin");
        if (Files.isRegularFile(cache)) {
            try (DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
                INDArray features = Nd4j.read(in);
                if (features.size(0) == images.size()) {
                    LOG.info(
                            "{} features of {} {} images read from {}",
                            options.encoder(),
                            images.size(),
                            split,
                            cache);
                    return new Images(images.names(), features, images.captions());
                }
            }
        }
        LOG.info("computing {} features of {} {} images", options.encoder(), images.size(), split);
        INDArray features =
                ZooEncoder.load(options.encoder(), options.encoderWeights())
                        .features(images.pixels());
        Files.createDirectories(cache.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(features, out);
        }
        AtomicFiles.write(cache, bytes.toByteArray());
        return new Images(images.names(), features, images.captions());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The generated scenes need fewer epochs than the default. */
    private static CaptionOptions withEmbeddedDefaults(CaptionOptions options) {
        TrainingOptions training = options.training();
        if (training.data() != null || training.epochs() != CaptionOptions.DEFAULT_EPOCHS) {
            return options;
        }
        LOG.info("embedded data: {} epochs (set --epochs to change)", EMBEDDED_EPOCHS);
        return options.withTraining(t -> t.epochs(EMBEDDED_EPOCHS));
    }

    private static Images scenes(
            List<CaptionDataGenerator.Scene> scenes, String split, CaptionModel.ImageSource loader)
            throws IOException {
        List<String> names = new ArrayList<>();
        List<INDArray> pixels = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        for (CaptionDataGenerator.Scene s : scenes) {
            if (s.split().equals(split)) {
                names.add(s.name());
                pixels.add(loader.load(s.image()));
                captions.add(s.captions());
            }
        }
        if (pixels.isEmpty()) {
            return new Images(names, Nd4j.create(loader.emptyShape()), captions);
        }
        return new Images(names, Nd4j.concat(0, pixels.toArray(new INDArray[0])), captions);
    }

    /**
     * Loads the images of a corpus; a missing or unreadable one fails or, with skip, is counted.
     */
    static Images load(
            CaptionCorpus corpus,
            List<CaptionedImage> chosen,
            CaptionModel.ImageSource loader,
            boolean skipBadRows)
            throws IOException {
        List<String> names = new ArrayList<>();
        List<INDArray> pixels = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        int bad = 0;
        for (CaptionedImage image : chosen) {
            INDArray x;
            try {
                x = loader.load(corpus.path(image));
            } catch (MalformedDataException e) {
                if (!skipBadRows) {
                    throw e;
                }
                bad++;
                LOG.debug("{} (skipped)", e.getMessage());
                continue;
            }
            names.add(image.image());
            pixels.add(x);
            captions.add(image.captions());
        }
        if (bad > 0) {
            LOG.warn("skipped {} missing or unreadable images of {}", bad, corpus.source());
        }
        if (pixels.isEmpty()) {
            return new Images(names, Nd4j.create(loader.emptyShape()), captions);
        }
        return new Images(names, Nd4j.concat(0, pixels.toArray(new INDArray[0])), captions);
    }

    private static INDArray pick(INDArray pixels, int[] rows) {
        INDArray flat = pixels.reshape(pixels.size(0), -1);
        long[] shape = pixels.shape().clone();
        shape[0] = rows.length;
        return Nd4j.pullRows(flat, 1, rows).reshape(shape);
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Greedy decoding; a caption never holds padding or the unknown word. */
    private static SequenceDecoder greedy(CaptionOptions options) {
        return SequenceDecoder.builder()
                .optMaxLength(options.training().maxLength())
                .optSuppressedTokens(Vocabulary.PAD, Vocabulary.UNK)
                .build();
    }

    private static SequenceDecoder beam(CaptionOptions options, int beamWidth) {
        return CaptionModel.decoder(options, beamWidth);
    }

    private static List<String> text(List<Caption> captions) {
        return captions.stream().map(Caption::text).toList();
    }

    /** References as normalized token strings. */
    static List<List<String>> normalized(List<List<String>> captions) {
        return captions.stream()
                .map(
                        cs ->
                                cs.stream()
                                        .map(c -> String.join(" ", CaptionModel.tokenize(c)))
                                        .toList())
                .toList();
    }

    private record Evaluation(Map<String, Double> metrics, String report) {}

    private static Evaluation evaluate(CaptionModel model, Images images, int beamWidth) {
        CaptionOptions options = model.options();
        List<List<String>> references = normalized(images.captions());
        long t0 = System.nanoTime();
        List<String> beam =
                text(model.caption(images.pixels(), beam(options, beamWidth), beamWidth > 1));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> greedy = text(model.caption(images.pixels(), greedy(options), false));
        List<String> constant = Collections.nCopies(images.size(), model.baselines().constant());
        List<String> nearest = model.baselines().nearest(model.encode(images.pixels()));
        BleuScore beamBleu = CaptionBaselines.BLEU.corpus(beam, references);
        BleuScore greedyBleu = CaptionBaselines.BLEU.corpus(greedy, references);
        BleuScore constantBleu = CaptionBaselines.BLEU.corpus(constant, references);
        BleuScore nearestBleu = CaptionBaselines.BLEU.corpus(nearest, references);
        List<List<List<String>>> referenceTokens = referenceTokens(references);
        CaptionScores beamScores = CaptionScores.of(beam, referenceTokens);
        CaptionScores greedyScores = CaptionScores.of(greedy, referenceTokens);
        CaptionScores constantScores = CaptionScores.of(constant, referenceTokens);
        CaptionScores nearestScores = CaptionScores.of(nearest, referenceTokens);
        int exact = 0;
        for (int i = 0; i < images.size(); i++) {
            if (references.get(i).contains(beam.get(i))) {
                exact++;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int n = 1; n <= 4; n++) {
            metrics.put("bleu" + n, beamBleu.cumulative(n));
        }
        for (int n = 1; n <= 4; n++) {
            metrics.put("bleu" + n + "_greedy", greedyBleu.cumulative(n));
        }
        for (int n = 1; n <= 4; n++) {
            metrics.put("baseline_constant_bleu" + n, constantBleu.cumulative(n));
        }
        for (int n = 1; n <= 4; n++) {
            metrics.put("baseline_nearest_bleu" + n, nearestBleu.cumulative(n));
        }
        beamScores.put(metrics, "");
        greedyScores.put(metrics, "_greedy");
        constantScores.put(metrics, "baseline_constant_", "");
        nearestScores.put(metrics, "baseline_nearest_", "");
        metrics.put("exact_match", (double) exact / images.size());
        metrics.put("images", (double) images.size());
        metrics.put("beam_width", (double) beamWidth);
        metrics.put("images_per_second_beam", images.size() / seconds);
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "%-36s %7s %7s %7s %7s %7s %7s%n",
                        "corpus scores (all references)",
                        "BLEU-1",
                        "BLEU-2",
                        "BLEU-3",
                        "BLEU-4",
                        "CIDEr-D",
                        "ROUGE-L"));
        row(report, "model, beam " + beamWidth, beamBleu, beamScores);
        row(report, "model, greedy", greedyBleu, greedyScores);
        row(report, "baseline: best training caption", constantBleu, constantScores);
        row(report, "baseline: nearest training image", nearestBleu, nearestScores);
        report.append(
                "(BLEU and ROUGE-L x 100 as papers report them, CIDEr-D on the COCO evaluation's"
                        + " scale; CIDEr-D's n-gram weights come from these images' references)\n");
        report.append(
                String.format(
                        Locale.ROOT,
                        "exact match (beam = one of the references): %.4f%n",
                        (double) exact / images.size()));
        report.append("constant caption: ").append(model.baselines().constant()).append('\n');
        report.append("samples (image | model | first reference):\n");
        for (int i = 0; i < Math.min(5, images.size()); i++) {
            report.append("  ")
                    .append(images.names().get(i))
                    .append(" | ")
                    .append(beam.get(i))
                    .append(" | ")
                    .append(references.get(i).get(0))
                    .append('\n');
        }
        return new Evaluation(metrics, report.toString());
    }

    private static void row(StringBuilder report, String name, BleuScore s, CaptionScores c) {
        report.append(
                String.format(
                        Locale.ROOT,
                        "%-36s %7.2f %7.2f %7.2f %7.2f %7.3f %7.2f%n",
                        name,
                        s.cumulative(1),
                        s.cumulative(2),
                        s.cumulative(3),
                        s.cumulative(4),
                        c.cider(),
                        c.rougeL()));
    }

    /** Normalized captions (tokens joined by single spaces) split back into tokens. */
    private static List<List<String>> tokens(List<String> captions) {
        return captions.stream().map(CaptionRecipe::split).toList();
    }

    private static List<List<List<String>>> referenceTokens(List<List<String>> references) {
        return references.stream().map(CaptionRecipe::tokens).toList();
    }

    private static List<String> split(String caption) {
        String trimmed = caption.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * CIDEr-D and ROUGE-L of one system on the evaluated images: CIDEr-D on the COCO evaluation's
     * own scale (pycocoevalcap's number, 0-10, the scale the captioning targets are stated in),
     * ROUGE-L x 100 like the BLEU keys.
     */
    private record CaptionScores(double cider, double rougeL) {

        static CaptionScores of(List<String> candidates, List<List<List<String>>> references) {
            List<List<String>> candidateTokens = tokens(candidates);
            return new CaptionScores(
                    CiderD.corpus(candidateTokens, references).score(),
                    100 * RougeL.corpus(candidateTokens, references).score());
        }

        /** Puts {@code cider<suffix>} and {@code rouge_l<suffix>}. */
        void put(Map<String, Double> metrics, String suffix) {
            put(metrics, "", suffix);
        }

        /** Puts {@code <prefix>cider<suffix>} and {@code <prefix>rouge_l<suffix>}. */
        void put(Map<String, Double> metrics, String prefix, String suffix) {
            metrics.put(prefix + "cider" + suffix, cider);
            metrics.put(prefix + "rouge_l" + suffix, rougeL);
        }
    }
}
