package org.rnnkit.recipes.postag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.datavec.api.split.FileSplit;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.TaggedSentenceReader;
import org.rnnkit.data.Tagset;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.inspect.Chart;
import org.rnnkit.recipes.inspect.ExampleHashes;
import org.rnnkit.recipes.inspect.Figures;
import org.rnnkit.recipes.inspect.InspectionReport;
import org.rnnkit.recipes.inspect.LengthHistogram;
import org.rnnkit.recipes.inspect.ReadProblems;
import org.rnnkit.recipes.inspect.TokenCounts;

/**
 * {@code rnnkit postag inspect}: what {@code postag train} would read, before any training. One
 * streaming pass over {@link TaggedSentenceReader} (CoNLL-U or word/TAG, the recipe's tagset),
 * keeping the tag distribution, a sentence-length histogram (words), word counts lower-cased as the
 * recipe's encoder counts them, and 8 bytes per sentence for duplicates.
 *
 * <p>The reader throws on a malformed line, and {@code postag train} stops there; inspect records
 * the problem and reads on. In CoNLL-U the rest of a sentence broken at a token line fails with
 * "expected token id 1 in column 1" at each of its remaining lines: those count with the first as
 * one bad sentence. Dev figures need {@code training().dev()} (the default dev part is a seeded
 * split).
 */
public final class PostagInspector {

    private PostagInspector() {}

    /**
     * Inspects the data the options point at ({@code training().data()}, or the embedded sentences
     * when null, and {@code training().dev()} when set).
     *
     * @param options the settings, built like those of {@code train}
     * @return the report
     * @throws IOException when a file cannot be read
     */
    public static InspectionReport inspect(PostagOptions options) throws IOException {
        TrainingOptions training = options.training();
        InspectionReport.Builder report =
                InspectionReport.builder(
                        PostagModel.TASK, training.data(), "embedded generated sentences");
        Side train = new Side();
        if (training.data() == null) {
            PostagDataGenerator.defaultDataset().forEach(train::add);
        } else {
            train.read(training.data(), options.tagset(), training.format());
        }
        Figures.rows(report, train.sentences(), train.problems.count(), train.problems.first());
        report.section("rows").put("tagset", options.tagset().toString());
        Figures.distribution(report, "tags", train.tags);
        Figures.lengths(report, "lengths (words per sentence)", train.lengths);
        Set<String> vocabulary =
                Figures.vocabulary(
                        report, "vocabulary", train.words, options.minCount(), Integer.MAX_VALUE);
        Figures.duplicates(report, "duplicates", train.examples, train.inputs);
        if (training.dev() != null) {
            Side dev = new Side();
            dev.read(training.dev(), options.tagset(), training.format());
            Figures.dev(report, vocabulary, dev.words, train.inputs, dev.inputs);
            Figures.devRows(report, dev.problems.count(), dev.problems.first());
            report.section("dev")
                    .put(
                            "tags not in train",
                            dev.tags.keySet().stream()
                                    .filter(t -> !train.tags.containsKey(t))
                                    .toList());
        } else {
            Figures.noDev(report, "a seeded", options.devFraction(), "the sentences");
        }
        Map<String, Object> s = report.section("suggested");
        s.put("--max-length", "not used: postag tags whole sentences");
        s.put("--batch-size", training.batchSize());
        s.put("longest sentence (words)", train.lengths.max());
        report.chart(
                Chart.lengths(
                        "postag: sentence lengths",
                        "words",
                        Map.of("sentences", train.lengths),
                        0));
        Figures.stopsAtMalformed(report, PostagModel.TASK, train.problems.count());
        return report.build();
    }

    /** The bounded figures of one file. */
    private static final class Side {
        private final Map<String, Long> tags = new TreeMap<>();
        private final LengthHistogram lengths = new LengthHistogram();
        private final TokenCounts words = new TokenCounts();
        private final ExampleHashes examples = new ExampleHashes();
        private final ExampleHashes inputs = new ExampleHashes();
        private final ReadProblems problems = new ReadProblems();

        long sentences() {
            return lengths.examples();
        }

        void add(TaggedSentence s) {
            lengths.add(s.size());
            words.add(PostagEncoder.lower(s.words()));
            s.tags().forEach(t -> tags.merge(t, 1L, Long::sum));
            String text = String.join(" ", s.words());
            inputs.add(ExampleHashes.hash(text));
            examples.add(ExampleHashes.hash(text, String.join(" ", s.tags())));
        }

        void read(Path file, Tagset tagset, DataFormat format) throws IOException {
            try (TaggedSentenceReader reader = new TaggedSentenceReader(tagset, format)) {
                reader.initialize(new FileSplit(file.toFile()));
                boolean broken = false;
                while (true) {
                    try {
                        if (!reader.hasNext()) {
                            return;
                        }
                        add(reader.nextSentence());
                        broken = false;
                    } catch (MalformedDataException e) {
                        if (broken && e.getMessage().contains("expected token id 1 in column 1,")) {
                            continue;
                        }
                        broken = true;
                        if (!problems.record(e)) {
                            return;
                        }
                    }
                }
            }
        }
    }
}
