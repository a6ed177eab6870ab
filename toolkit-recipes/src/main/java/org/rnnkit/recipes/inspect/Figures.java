package org.rnnkit.recipes.inspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The figures every text recipe's inspection reports, written into a report's sections in the same
 * words for all recipes: rows, labels, lengths, vocabulary, duplicates, dev figures, suggestions.
 */
public final class Figures {

    /** The share of tokens the suggested {@code --max-length} keeps. */
    public static final double KEPT_TOKENS = 0.95;

    /** The smallest batch size ever suggested. */
    public static final int MIN_BATCH = 8;

    private Figures() {}

    /**
     * A count and its share of a total: JSON {@code {"count": n, "share": s}}, text {@code n (s%)}.
     *
     * @param count the count
     * @param share the count over the total, rounded to four decimals
     */
    public record Share(long count, double share) {

        /**
         * Creates the share of a total.
         *
         * @param count the count
         * @param total the total; 0 gives share 0
         */
        public Share(long count, long total) {
            this(count, round(total == 0 ? 0 : (double) count / total));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d (%.1f%%)", count, 100 * share);
        }
    }

    /**
     * Fills the {@code rows} section.
     *
     * @param report the report
     * @param read rows read as examples
     * @param skipped malformed rows (the first few listed in {@code problems})
     * @param problems the first malformed rows, each with file:line and why
     */
    public static void rows(
            InspectionReport.Builder report, long read, long skipped, List<String> problems) {
        Map<String, Object> s = report.section("rows");
        s.put("read", read);
        s.put("skipped (malformed)", skipped);
        s.put("first problems", problems);
    }

    /**
     * Adds the malformed rows of the dev file to the {@code dev} section, in the words of {@link
     * #rows}.
     *
     * @param report the report
     * @param skipped malformed dev rows (the first few listed in {@code problems})
     * @param problems the first malformed dev rows, each with file:line and why
     */
    public static void devRows(
            InspectionReport.Builder report, long skipped, List<String> problems) {
        Map<String, Object> s = report.section("dev");
        s.put("skipped (malformed)", skipped);
        s.put("first problems", problems);
    }

    /**
     * Notes that the dev figures need {@code --dev}, and what train holds out without it: {@code
     * ... holds out SPLIT N% of PART.}
     *
     * @param report the report
     * @param split how the dev part is drawn, e.g. {@code a seeded}
     * @param devFraction the recipe's dev fraction
     * @param part what the percentage is of, and any remark after it
     */
    public static void noDev(
            InspectionReport.Builder report, String split, double devFraction, String part) {
        report.note(
                "dev figures (OOV rate, train/dev overlap) need --dev: without it train holds out "
                        + split
                        + " "
                        + Math.round(100 * devFraction)
                        + "% of "
                        + part
                        + ".");
    }

    /**
     * Notes, when any line was malformed, that the recipe's {@code train} stops at the first one.
     *
     * @param report the report
     * @param task the recipe, e.g. {@code postag}
     * @param malformed how many malformed lines were read
     */
    public static void stopsAtMalformed(
            InspectionReport.Builder report, String task, long malformed) {
        if (malformed > 0) {
            report.note(
                    task
                            + " train stops at the first malformed line; fix the lines listed under"
                            + " rows first.");
        }
    }

    /**
     * Fills a distribution section (labels, tags): count per value, most frequent first, and the
     * majority share and imbalance (largest over smallest count).
     *
     * @param report the report
     * @param name the section name, e.g. {@code labels}
     * @param counts value to count
     */
    public static void distribution(
            InspectionReport.Builder report, String name, Map<String, Long> counts) {
        Map<String, Object> s = report.section(name);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long least = counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        s.put("distinct", counts.size());
        s.put("majority share", round(total == 0 ? 0 : (double) most / total));
        s.put("imbalance (largest / smallest)", round(least == 0 ? 0 : (double) most / least));
        Map<String, Object> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(
                        (a, b) ->
                                !a.getValue().equals(b.getValue())
                                        ? Long.compare(b.getValue(), a.getValue())
                                        : a.getKey().compareTo(b.getKey()))
                .forEach(e -> ordered.put(e.getKey(), new Share(e.getValue(), total)));
        s.put("counts", ordered);
    }

    /**
     * Fills a length section from a histogram: examples, tokens, min, percentiles, max, mean.
     *
     * @param report the report
     * @param name the section name, e.g. {@code lengths (tokens)}
     * @param lengths the histogram
     */
    public static void lengths(
            InspectionReport.Builder report, String name, LengthHistogram lengths) {
        report.section(name).putAll(lengths.summary());
    }

    /**
     * Fills a vocabulary section: the vocabulary a recipe would build at its minimum count and its
     * coverage of the training tokens.
     *
     * @param report the report
     * @param name the section name, e.g. {@code vocabulary}
     * @param tokens the training token counts
     * @param minCount the recipe's minimum count
     * @param maxSize the recipe's largest vocabulary (reserved ids included)
     * @return the tokens that get their own id
     */
    public static Set<String> vocabulary(
            InspectionReport.Builder report,
            String name,
            TokenCounts tokens,
            int minCount,
            int maxSize) {
        Set<String> vocabulary = tokens.vocabulary(minCount, maxSize);
        Map<String, Object> s = report.section(name);
        s.put("min count", minCount);
        s.put("distinct tokens", tokens.types());
        s.put("vocabulary size (with 4 reserved ids)", vocabulary.size() + 4);
        s.put("token coverage", round(tokens.coverage(vocabulary)));
        s.put("tokens mapped to <unk>", round(1 - tokens.coverage(vocabulary)));
        return vocabulary;
    }

    /**
     * Fills the {@code duplicates} figures of a set of examples.
     *
     * @param report the report
     * @param name the section name
     * @param examples fingerprints of whole examples (e.g. label and text)
     * @param inputs fingerprints of the inputs alone (e.g. the text), or {@code null}
     */
    public static void duplicates(
            InspectionReport.Builder report,
            String name,
            ExampleHashes examples,
            ExampleHashes inputs) {
        Map<String, Object> s = report.section(name);
        int whole = examples.duplicates();
        s.put("repeated examples", whole);
        if (inputs != null) {
            int sameInput = inputs.duplicates();
            s.put("repeated inputs", sameInput);
            s.put("repeated inputs with another output", sameInput - whole);
        }
    }

    /**
     * Fills the dev section: out-of-vocabulary rate of the dev tokens against the training
     * vocabulary, and dev examples whose input also occurs in training.
     *
     * @param report the report
     * @param vocabulary the training vocabulary ({@link #vocabulary})
     * @param dev the dev token counts
     * @param train the training inputs' fingerprints
     * @param devInputs the dev inputs' fingerprints
     */
    public static void dev(
            InspectionReport.Builder report,
            Set<String> vocabulary,
            TokenCounts dev,
            ExampleHashes train,
            ExampleHashes devInputs) {
        Map<String, Object> s = report.section("dev");
        s.put("examples", devInputs.size());
        s.put("tokens", dev.total());
        s.put("OOV rate (tokens)", round(1 - dev.coverage(vocabulary)));
        s.put("OOV distinct tokens", dev.typesOutside(vocabulary));
        int overlap = train.overlap(devInputs);
        s.put("inputs also in train", overlap);
        s.put(
                "share also in train",
                round(devInputs.size() == 0 ? 0 : (double) overlap / devInputs.size()));
    }

    /**
     * Fills the {@code suggested} section: {@code --max-length} keeps {@value #KEPT_TOKENS} of the
     * tokens ({@link LengthHistogram#keepLength}); {@code --batch-size} follows {@link #batchSize}.
     *
     * @param report the report
     * @param lengths the lengths the recipe truncates
     * @param defaultMaxLength the recipe's default {@code --max-length}
     * @param defaultBatch the recipe's default {@code --batch-size}
     * @return the suggested maximum length
     */
    public static int suggest(
            InspectionReport.Builder report,
            LengthHistogram lengths,
            int defaultMaxLength,
            int defaultBatch) {
        int maxLength = Math.max(1, lengths.keepLength(KEPT_TOKENS));
        Map<String, Object> s = report.section("suggested");
        s.put("--max-length", maxLength);
        s.put("--batch-size", batchSize(defaultBatch, defaultMaxLength, maxLength));
        s.put(
                "recipe defaults",
                "--max-length " + defaultMaxLength + " --batch-size " + defaultBatch);
        return maxLength;
    }

    /**
     * The suggested batch size: the recipe's default, unless the suggested maximum length is longer
     * than the recipe's default one; then the largest power of two that keeps {@code batch x
     * maxLength} within the default's token budget ({@code defaultBatch x defaultMaxLength}), and
     * at least {@value #MIN_BATCH}. Shorter sequences never raise the batch: the defaults' learning
     * rates were tuned with them.
     *
     * @param defaultBatch the recipe's default batch size
     * @param defaultMaxLength the recipe's default maximum length
     * @param maxLength the suggested maximum length
     * @return the batch size
     */
    public static int batchSize(int defaultBatch, int defaultMaxLength, int maxLength) {
        if (maxLength <= defaultMaxLength) {
            return defaultBatch;
        }
        long budget = (long) defaultBatch * defaultMaxLength;
        int batch = Integer.highestOneBit((int) Math.max(1, budget / maxLength));
        return Math.max(Math.min(MIN_BATCH, defaultBatch), Math.min(defaultBatch, batch));
    }

    /**
     * Rounds a share or ratio to four decimals for the report.
     *
     * @param x the value
     * @return the rounded value
     */
    public static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
