package org.rnnkit.recipes.sentiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.datavec.api.records.Record;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextRecordReader;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.inspect.Chart;
import org.rnnkit.recipes.inspect.ExampleHashes;
import org.rnnkit.recipes.inspect.Figures;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.inspect.LengthHistogram;
import org.rnnkit.recipes.inspect.TokenCounts;
import org.rnnkit.text.Tokenizer;

/**
 * {@code rnnkit sentiment inspect}: what {@code sentiment train} would read, before any training.
 * One streaming pass over the labelled-text reader with the same {@link DataFormat} as training
 * (columns, delimiter, header, label map), keeping only bounded state: label counts, a length
 * histogram, token counts (bounded by the vocabulary) and 8 bytes per row for duplicates. Texts are
 * tokenized as the recipe does ({@link Tokenizer#standard()}); the vocabulary figures use the
 * recipe's {@code minCount} and {@code maxVocabulary}.
 *
 * <p>Malformed rows are counted and the first five listed instead of failing. Dev figures (OOV
 * rate, overlap) need {@code training().dev()}: the recipe's default dev part is a seeded
 * stratified split of the training data, which cannot be drawn without holding all of it.
 */
public final class SentimentInspector {

    private SentimentInspector() {}

    /**
     * Inspects the data the options point at ({@code training().data()}, or the embedded reviews
     * when null, and {@code training().dev()} when set).
     *
     * @param options the settings, built like those of {@code train}
     * @return the report
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file cannot be read at all (no
     *     header, unknown column)
     */
    public static InspectionReport inspect(SentimentOptions options) throws IOException {
        TrainingOptions training = options.training();
        DataFormat format = training.format();
        InspectionReport.Builder report =
                InspectionReport.builder(
                        SentimentModel.TASK, training.data(), "embedded generated reviews");
        Side train = new Side();
        if (training.data() == null) {
            for (LabeledText e : SentimentDataGenerator.defaultDataset().examples()) {
                train.add(e.label(), e.text());
            }
        } else {
            train.read(training.data(), format);
        }
        long rare = train.rareLabelRows(format.minLabelCount());
        Figures.rows(report, train.rows, train.skipped, train.problems);
        report.section("rows").put("dropped (label map, rare labels)", train.dropped + rare);
        Figures.distribution(report, "labels", train.labels);
        Figures.lengths(report, "lengths (tokens)", train.lengths);
        Set<String> vocabulary =
                Figures.vocabulary(
                        report,
                        "vocabulary",
                        train.tokens,
                        options.minCount(),
                        options.maxVocabulary());
        Figures.duplicates(report, "duplicates", train.examples, train.texts);
        if (training.dev() != null) {
            Side dev = new Side();
            dev.read(training.dev(), format);
            Figures.dev(report, vocabulary, dev.tokens, train.texts, dev.texts);
            Figures.devRows(report, dev.skipped, dev.problems);
            Map<String, Object> s = report.section("dev");
            s.put(
                    "labels not in train",
                    dev.labels.keySet().stream()
                            .filter(l -> !train.labels.containsKey(l))
                            .toList());
            s.put("repeated examples", dev.examples.duplicates());
        } else {
            Figures.noDev(
                    report,
                    "a seeded stratified",
                    options.devFraction(),
                    "--data, so repeated inputs above can fall on both sides");
        }
        int maxLength =
                Figures.suggest(report, train.lengths, training.maxLength(), training.batchSize());
        Map<String, LengthHistogram> lines = new LinkedHashMap<>();
        lines.put("texts", train.lengths);
        report.chart(Chart.lengths("sentiment: text lengths", "tokens", lines, maxLength));
        if (rare > 0) {
            report.note(
                    rare
                            + " rows have labels with fewer than --min-label-count "
                            + format.minLabelCount()
                            + " examples; train drops them, the figures above still count them.");
        }
        report.note(
                "lengths in tokens of the recipe's tokenizer (lower case, punctuation apart);"
                        + " train keeps the last --max-length tokens of longer texts.");
        return report.build();
    }

    /** The bounded figures of one file. */
    private static final class Side {
        private final Tokenizer tokenizer = Tokenizer.standard();
        private final Map<String, Long> labels = new TreeMap<>();
        private final LengthHistogram lengths = new LengthHistogram();
        private final TokenCounts tokens = new TokenCounts();
        private final ExampleHashes examples = new ExampleHashes();
        private final ExampleHashes texts = new ExampleHashes();
        private long rows;
        private long skipped;
        private long dropped;
        private List<String> problems = List.of();

        void add(String label, String text) {
            List<String> t = tokenizer.tokenize(text);
            rows++;
            labels.merge(label, 1L, Long::sum);
            lengths.add(t.size());
            tokens.add(t);
            texts.add(ExampleHashes.hash(text));
            examples.add(ExampleHashes.hash(label, text));
        }

        void read(Path path, DataFormat format) throws IOException {
            try (LabeledTextRecordReader reader = new LabeledTextRecordReader(true, format)) {
                reader.initialize(path);
                while (reader.hasNext()) {
                    Record r = reader.nextRecord();
                    add(r.getRecord().get(0).toString(), r.getRecord().get(1).toString());
                }
                skipped = reader.skippedRows();
                dropped = reader.droppedRows();
                problems = reader.firstProblems();
            }
        }

        long rareLabelRows(int minLabelCount) {
            return labels.values().stream().filter(c -> c < minLabelCount).mapToLong(c -> c).sum();
        }
    }
}
