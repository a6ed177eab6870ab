package org.rnnkit.recipes.translate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.ParallelPair;
import org.rnnkit.data.ParallelTextReader;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.inspect.Chart;
import org.rnnkit.recipes.inspect.ExampleHashes;
import org.rnnkit.recipes.inspect.Figures;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.inspect.LengthHistogram;
import org.rnnkit.recipes.inspect.ReadProblems;
import org.rnnkit.recipes.inspect.TokenCounts;

/**
 * {@code rnnkit translate inspect}: what {@code translate train} would read, before any training.
 * One streaming pass over {@link ParallelTextReader} (the recipe's {@code reverse}), tokenizing
 * both sides as the recipe does ({@link TranslateModel#tokenize}), keeping source and target length
 * histograms, a histogram of the target/source length ratio (in hundredths), token counts per side
 * (one table with {@code sharedVocabulary}) and 8 bytes per pair for duplicates.
 *
 * <p>The reader throws on a malformed line and {@code translate train} stops there; inspect records
 * the problem (the first five listed) and reads on. Blank lines are skipped by the reader and
 * counted. Dev figures need {@code training().dev()}; overlap is by source sentence, the unit the
 * recipe's default split keeps apart.
 */
public final class TranslateInspector {

    /** Ratios are counted in hundredths, up to this many (a ratio of 100). */
    private static final int MAX_RATIO_HUNDREDTHS = 10_000;

    private TranslateInspector() {}

    /**
     * Inspects the pairs the options point at ({@code training().data()}, or the embedded dates
     * when null, and {@code training().dev()} when set).
     *
     * @param options the settings, built like those of {@code train}
     * @return the report
     * @throws IOException when a file cannot be read
     */
    public static InspectionReport inspect(TranslateOptions options) throws IOException {
        TrainingOptions training = options.training();
        InspectionReport.Builder report =
                InspectionReport.builder(
                        TranslateModel.TASK, training.data(), "embedded generated dates");
        Side train = new Side(options);
        if (training.data() == null) {
            TranslateDataGenerator.defaultDataset().forEach(train::add);
        } else {
            train.read(training.data());
        }
        Figures.rows(report, train.pairs(), train.problems.count(), train.problems.first());
        report.section("rows").put("blank lines (skipped)", train.blank);
        Figures.lengths(report, "source lengths (tokens)", train.sourceLengths);
        Figures.lengths(report, "target lengths (tokens)", train.targetLengths);
        Map<String, Object> ratio = report.section("length ratio (target / source)");
        for (double q : new double[] {0.05, 0.5, 0.95}) {
            ratio.put(
                    "p" + Math.round(100 * q),
                    train.ratios.examples() == 0 ? 0.0 : train.ratios.percentile(q) / 100.0);
        }
        ratio.put("mean", Figures.round(train.ratios.mean() / 100));
        Set<String> sourceVocabulary;
        Set<String> targetVocabulary;
        int min = options.minCount();
        int max = options.maxVocabulary();
        if (options.sharedVocabulary()) {
            sourceVocabulary =
                    Figures.vocabulary(report, "vocabulary (shared)", train.source, min, max);
            targetVocabulary = sourceVocabulary;
        } else {
            sourceVocabulary =
                    Figures.vocabulary(report, "source vocabulary", train.source, min, max);
            targetVocabulary =
                    Figures.vocabulary(report, "target vocabulary", train.target, min, max);
        }
        Figures.duplicates(report, "duplicates", train.examples, train.inputs);
        if (training.dev() != null) {
            Side dev = new Side(options);
            dev.read(training.dev());
            Figures.dev(report, sourceVocabulary, dev.source, train.inputs, dev.inputs);
            Map<String, Object> s = report.section("dev");
            s.put(
                    "target OOV rate (tokens)",
                    Figures.round(1 - dev.target.coverage(targetVocabulary)));
            s.put("pairs also in train", train.examples.overlap(dev.examples));
            Figures.devRows(report, dev.problems.count(), dev.problems.first());
        } else {
            Figures.noDev(
                    report,
                    "a seeded",
                    options.devFraction(),
                    "the source sentences (all pairs of a source on one side)");
        }
        int maxLength =
                Figures.suggest(
                        report, train.sourceLengths, training.maxLength(), training.batchSize());
        report.section("suggested")
                .put(
                        "--max-target-length",
                        Math.max(1, train.targetLengths.keepLength(Figures.KEPT_TOKENS)) + 1);
        Object defaults = report.section("suggested").remove("recipe defaults");
        report.section("suggested")
                .put(
                        "recipe defaults",
                        defaults + " --max-target-length " + options.maxTargetLength());
        Map<String, LengthHistogram> lines = new LinkedHashMap<>();
        lines.put("source", train.sourceLengths);
        lines.put("target", train.targetLengths);
        report.chart(Chart.lengths("translate: sentence lengths", "tokens", lines, maxLength));
        report.note(
                "--max-length counts source tokens; --max-target-length counts target tokens"
                        + " plus the end-of-sentence token.");
        Figures.stopsAtMalformed(report, TranslateModel.TASK, train.problems.count());
        return report.build();
    }

    /** The bounded figures of one file. */
    private static final class Side {
        private final TranslateOptions options;
        private final LengthHistogram sourceLengths = new LengthHistogram();
        private final LengthHistogram targetLengths = new LengthHistogram();
        private final LengthHistogram ratios = new LengthHistogram();
        private final TokenCounts source = new TokenCounts();
        private final TokenCounts target;
        private final ExampleHashes examples = new ExampleHashes();
        private final ExampleHashes inputs = new ExampleHashes();
        private final ReadProblems problems = new ReadProblems();
        private long blank;

        Side(TranslateOptions options) {
            this.options = options;
            this.target = options.sharedVocabulary() ? source : new TokenCounts();
        }

        long pairs() {
            return sourceLengths.examples();
        }

        void add(ParallelPair p) {
            List<String> s = TranslateModel.tokenize(p.source(), options);
            List<String> t = TranslateModel.tokenize(p.target(), options);
            sourceLengths.add(s.size());
            targetLengths.add(t.size());
            if (!s.isEmpty()) {
                ratios.add(
                        (int)
                                Math.min(
                                        MAX_RATIO_HUNDREDTHS,
                                        Math.round(100.0 * t.size() / s.size())));
            }
            source.add(s);
            target.add(t);
            inputs.add(ExampleHashes.hash(p.source()));
            examples.add(ExampleHashes.hash(p.source(), p.target()));
        }

        void read(Path file) throws IOException {
            try (ParallelTextReader reader =
                    new ParallelTextReader(options.reverse(), options.training().format())) {
                reader.initialize(file);
                while (true) {
                    try {
                        if (!reader.hasNext()) {
                            break;
                        }
                        add(reader.nextPair());
                    } catch (MalformedDataException e) {
                        if (!problems.record(e)) {
                            break;
                        }
                    }
                }
                blank = reader.skippedBlankLines();
            }
        }
    }
}
