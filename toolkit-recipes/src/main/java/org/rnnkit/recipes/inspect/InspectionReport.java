package org.rnnkit.recipes.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rnnkit.bundle.AtomicFiles;

/**
 * What a recipe would read from its data, before any training: named sections of figures (rows read
 * and skipped, labels, lengths, vocabulary, duplicates, dev overlap, suggestions), notes, and
 * charts. Rendered as text ({@link #text()}) for people and as JSON ({@link #json()}) for machines;
 * {@link #write(Path)} puts both and the charts in a directory.
 *
 * <p>Figures are numbers, strings, lists (shown one per line) or maps (shown as nested lines). The
 * JSON has the keys {@code task}, {@code source}, one object per section under {@code sections} and
 * the list {@code notes}.
 *
 * <p>Built once by an inspector through {@link #builder}, then immutable.
 */
public final class InspectionReport {

    /** The most entries of a map shown in the text report (the JSON has them all). */
    static final int MAX_TEXT_ENTRIES = 20;

    private final String task;
    private final String source;
    private final Map<String, Map<String, Object>> sections;
    private final List<String> notes;
    private final List<Chart> charts;

    private InspectionReport(Builder b) {
        this.task = b.task;
        this.source = b.source;
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        b.sections.forEach((k, v) -> s.put(k, java.util.Collections.unmodifiableMap(v)));
        this.sections = java.util.Collections.unmodifiableMap(s);
        this.notes = List.copyOf(b.notes);
        this.charts = List.copyOf(b.charts);
    }

    /**
     * Starts a report.
     *
     * @param task the recipe ({@code sentiment}, {@code postag}, ...)
     * @param source what was read: the data path, or {@code embedded}
     * @return a builder
     */
    public static Builder builder(String task, String source) {
        return new Builder(task, source);
    }

    /**
     * Starts a report on a recipe's training data: the source is the data path, or what the recipe
     * reads when there is none.
     *
     * @param task the recipe ({@code sentiment}, {@code postag}, ...)
     * @param data the data path, or {@code null} for the recipe's embedded data
     * @param embedded the source named when {@code data} is null, e.g. {@code embedded generated
     *     dates}
     * @return a builder
     */
    public static Builder builder(String task, Path data, String embedded) {
        return builder(task, data == null ? embedded : data.toString());
    }

    /**
     * Returns the recipe.
     *
     * @return the task name
     */
    public String task() {
        return task;
    }

    /**
     * Returns what was read.
     *
     * @return the data path, or {@code embedded}
     */
    public String source() {
        return source;
    }

    /**
     * Returns the sections in report order.
     *
     * @return section name to its figures (name to value), unmodifiable
     */
    public Map<String, Map<String, Object>> sections() {
        return sections;
    }

    /**
     * Returns one figure.
     *
     * @param section the section name
     * @param figure the figure name
     * @return its value
     * @throws IllegalArgumentException when the section or figure does not exist
     */
    public Object figure(String section, String figure) {
        Map<String, Object> s = sections.get(section);
        if (s == null || !s.containsKey(figure)) {
            throw new IllegalArgumentException(
                    "no figure '" + figure + "' in section '" + section + "' of " + sections);
        }
        return s.get(figure);
    }

    /**
     * Returns one numeric figure.
     *
     * @param section the section name
     * @param figure the figure name
     * @return its value as a double
     * @throws IllegalArgumentException when it does not exist or is not a number
     */
    public double number(String section, String figure) {
        Object v = figure(section, figure);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(
                    section + "." + figure + " is not a number, received: " + v);
        }
        return n.doubleValue();
    }

    /**
     * Returns the notes: what the figures mean and what is not measured.
     *
     * @return the notes
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * Returns the charts {@link #write} draws.
     *
     * @return the charts
     */
    public List<Chart> charts() {
        return charts;
    }

    /**
     * Renders the report as aligned text: a title line, then each section's figures, then notes.
     *
     * @return the text, ending with a line break
     */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(task).append(" inspect: ").append(source).append('\n');
        for (Map.Entry<String, Map<String, Object>> s : sections.entrySet()) {
            out.append('\n').append(s.getKey()).append('\n');
            appendFigures(out, s.getValue(), "  ");
        }
        if (!notes.isEmpty()) {
            out.append("\nnotes\n");
            notes.forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static void appendFigures(StringBuilder out, Map<String, Object> figures, String in) {
        int width = 0;
        for (String k : figures.keySet()) {
            width = Math.max(width, k.length());
        }
        int shown = 0;
        for (Map.Entry<String, Object> f : figures.entrySet()) {
            if (++shown > MAX_TEXT_ENTRIES && figures.size() > MAX_TEXT_ENTRIES + 1) {
                out.append(in)
                        .append("... ")
                        .append(figures.size() - MAX_TEXT_ENTRIES)
                        .append(" more (see --json)\n");
                return;
            }
            Object v = f.getValue();
            if (v instanceof Map<?, ?> m) {
                out.append(in).append(f.getKey()).append('\n');
                Map<String, Object> nested = new LinkedHashMap<>();
                m.forEach((k, x) -> nested.put(String.valueOf(k), x));
                appendFigures(out, nested, in + "  ");
            } else if (v instanceof Collection<?> c && !c.isEmpty()) {
                out.append(in).append(f.getKey()).append('\n');
                c.forEach(x -> out.append(in).append("  ").append(format(x)).append('\n'));
            } else {
                out.append(in)
                        .append(f.getKey())
                        .append(" ".repeat(width - f.getKey().length() + 2))
                        .append(format(v))
                        .append('\n');
            }
        }
    }

    private static String format(Object v) {
        if (v instanceof Collection<?> c && c.isEmpty()) {
            return "none";
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }

    /**
     * Renders the report as pretty-printed JSON.
     *
     * @return the JSON text
     */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("task", task);
        root.put("source", source);
        root.put("sections", sections);
        root.put("notes", notes);
        try {
            return new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code report.txt}, {@code report.json} and each chart ({@code lengths.png} for the
     * text recipes) into a directory, creating it when needed.
     *
     * @param directory the directory
     * @return the files written, in that order
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        Path txt = directory.resolve("report.txt");
        AtomicFiles.write(txt, text().getBytes(StandardCharsets.UTF_8));
        written.add(txt);
        Path json = directory.resolve("report.json");
        AtomicFiles.write(json, (json() + "\n").getBytes(StandardCharsets.UTF_8));
        written.add(json);
        for (Chart c : charts) {
            Path png = directory.resolve(c.file());
            AtomicFiles.write(png, c.png());
            written.add(png);
        }
        return written;
    }

    /** Collects a report's sections, notes and charts. */
    public static final class Builder {
        private final String task;
        private final String source;
        private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Chart> charts = new ArrayList<>();

        private Builder(String task, String source) {
            this.task = Objects.requireNonNull(task, "task");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Returns a section's figures to fill, creating the section at the end when new.
         *
         * @param name the section name
         * @return its mutable figures, in insertion order
         */
        public Map<String, Object> section(String name) {
            return sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
        }

        /**
         * Adds a note.
         *
         * @param note a sentence
         * @return this builder
         */
        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /**
         * Adds a chart.
         *
         * @param chart the chart
         * @return this builder
         */
        public Builder chart(Chart chart) {
            charts.add(Objects.requireNonNull(chart, "chart"));
            return this;
        }

        /**
         * Freezes the report.
         *
         * @return the report
         */
        public InspectionReport build() {
            return new InspectionReport(this);
        }
    }
}
