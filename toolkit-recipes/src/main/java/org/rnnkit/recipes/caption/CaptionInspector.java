package org.rnnkit.recipes.caption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rnnkit.data.CaptionCorpus;
import org.rnnkit.data.CaptionCorpusReader;
import org.rnnkit.data.CaptionedImage;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.inspect.Chart;
import org.rnnkit.recipes.inspect.ExampleHashes;
import org.rnnkit.recipes.inspect.Figures;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.inspect.LengthHistogram;
import org.rnnkit.recipes.inspect.TokenCounts;

/**
 * {@code rnnkit caption inspect}: what {@code caption train} would read, before any training: the
 * corpus through {@link CaptionCorpusReader} (captions.txt, Flickr8k or COCO layout; malformed
 * lines counted and skipped), images per split, captions per image, caption lengths in words
 * (tokenized as the recipe does), the vocabulary of the training captions at the recipe's {@code
 * minCount}, duplicate captions, and image files that are missing. No image is decoded.
 *
 * <p>The caption reader holds the captions of the corpus in memory (not the images); the other
 * figures are bounded. Dev figures come from {@code training().dev()}, else the corpus's {@code
 * dev} split; without either the recipe draws a seeded random dev part, not measured here.
 */
public final class CaptionInspector {

    private static final int MISSING_LISTED = 5;

    private CaptionInspector() {}

    /**
     * Inspects the corpus the options point at ({@code training().data()}, or the embedded scenes
     * when null, and {@code training().dev()} when set).
     *
     * @param options the settings, built like those of {@code train}
     * @return the report
     * @throws IOException when a file cannot be read
     */
    public static InspectionReport inspect(CaptionOptions options) throws IOException {
        TrainingOptions training = options.training();
        InspectionReport.Builder report =
                InspectionReport.builder(
                        CaptionModel.TASK, training.data(), "embedded generated scenes");
        CaptionCorpus corpus = null;
        List<CaptionedImage> images = new ArrayList<>();
        if (training.data() == null) {
            for (CaptionDataGenerator.Scene s :
                    CaptionDataGenerator.generate(
                            CaptionDataGenerator.DEFAULT_SIZE, CaptionDataGenerator.DEFAULT_SEED)) {
                images.add(new CaptionedImage(s.name(), s.captions(), s.split()));
            }
        } else {
            corpus = CaptionCorpusReader.read(training.data(), true, training.format());
            images.addAll(corpus.images());
        }
        boolean splits = images.stream().anyMatch(i -> i.split() != null);
        List<CaptionedImage> trainImages =
                splits ? images.stream().filter(i -> "train".equals(i.split())).toList() : images;
        Side all = new Side(images);
        Side train = new Side(trainImages);

        Map<String, Object> rows = report.section("rows");
        rows.put("images", images.size());
        rows.put("captions", all.lengths.examples());
        rows.put("skipped (malformed)", corpus == null ? 0 : corpus.skippedRows());
        rows.put("layout", corpus == null ? "embedded" : corpus.format());
        Map<String, Long> perSplit = new TreeMap<>();
        images.forEach(i -> perSplit.merge(i.split() == null ? "none" : i.split(), 1L, Long::sum));
        rows.put("images per split", perSplit);
        if (corpus != null) {
            missingImages(report, corpus);
        }
        Figures.lengths(report, "captions per image", all.captionsPerImage);
        Figures.lengths(report, "caption lengths (words)", all.lengths);
        Set<String> vocabulary =
                Figures.vocabulary(
                        report,
                        splits ? "vocabulary (train split)" : "vocabulary",
                        train.words,
                        options.minCount(),
                        Integer.MAX_VALUE);
        Map<String, Object> duplicates = report.section("duplicates");
        duplicates.put("repeated captions (same words)", all.captions.duplicates());
        duplicates.put("images with a repeated caption", all.imagesWithRepeats);

        List<CaptionedImage> devImages = null;
        if (training.dev() != null) {
            devImages = CaptionCorpusReader.read(training.dev(), true, training.format()).images();
        } else if (splits) {
            devImages = images.stream().filter(i -> "dev".equals(i.split())).toList();
        }
        if (devImages != null && !devImages.isEmpty()) {
            Side dev = new Side(devImages);
            Figures.dev(report, vocabulary, dev.words, train.captions, dev.captions);
            Set<String> trainNames = new java.util.HashSet<>();
            trainImages.forEach(i -> trainNames.add(i.image()));
            report.section("dev")
                    .put(
                            "images also in train",
                            devImages.stream().filter(i -> trainNames.contains(i.image())).count());
        } else {
            report.note(
                    "dev figures need --dev or a corpus with a dev split: without them train"
                            + " holds out a seeded "
                            + Math.round(100 * options.devFraction())
                            + "% of the images.");
        }
        int keep = Math.max(1, train.lengths.keepLength(Figures.KEPT_TOKENS)) + 1;
        Map<String, Object> s = report.section("suggested");
        s.put("--max-length", keep);
        s.put("--batch-size", Figures.batchSize(training.batchSize(), training.maxLength(), keep));
        s.put(
                "recipe defaults",
                "--max-length " + training.maxLength() + " --batch-size " + training.batchSize());
        report.chart(
                Chart.lengths(
                        "caption: caption lengths",
                        "words",
                        Map.of("captions", all.lengths),
                        keep));
        report.note(
                "--max-length counts caption words plus the end-of-caption token; it keeps "
                        + Math.round(100 * Figures.KEPT_TOKENS)
                        + "% of the training caption words.");
        return report.build();
    }

    private static void missingImages(InspectionReport.Builder report, CaptionCorpus corpus) {
        long missing = 0;
        List<String> first = new ArrayList<>();
        for (CaptionedImage i : corpus.images()) {
            Path p = corpus.path(i);
            if (!Files.isRegularFile(p)) {
                missing++;
                if (first.size() < MISSING_LISTED) {
                    first.add(p.toString());
                }
            }
        }
        Map<String, Object> rows = report.section("rows");
        rows.put("missing image files", missing);
        rows.put("first missing", first);
    }

    /** The bounded figures of a list of images. */
    private static final class Side {
        private final LengthHistogram lengths = new LengthHistogram();
        private final LengthHistogram captionsPerImage = new LengthHistogram();
        private final TokenCounts words = new TokenCounts();
        private final ExampleHashes captions = new ExampleHashes();
        private long imagesWithRepeats;

        Side(List<CaptionedImage> images) {
            for (CaptionedImage i : images) {
                captionsPerImage.add(i.captions().size());
                Set<String> seen = new java.util.HashSet<>();
                boolean repeats = false;
                for (String c : i.captions()) {
                    List<String> t = CaptionModel.tokenize(c);
                    lengths.add(t.size());
                    words.add(t);
                    String normal = String.join(" ", t);
                    captions.add(ExampleHashes.hash(normal));
                    repeats |= !seen.add(normal);
                }
                if (repeats) {
                    imagesWithRepeats++;
                }
            }
        }
    }
}
