package org.rnnkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps raw label values (e.g. review scores 1-5) to labels, parsed from a spec such as {@code
 * 1,2=neg;4,5=pos;3=skip} or {@code 1..2=neg;4..5=pos;3=skip}: entries are separated by {@code ;},
 * each lists values and inclusive numeric ranges ({@code lo..hi}) separated by commas, then {@code
 * =} and the label. The label {@code skip} drops the row (counted, not an error); the value {@code
 * *} matches anything not matched before. A value matches a raw value that equals it after trimming
 * or, when both are numbers, that is numerically equal ({@code 5} matches {@code 5.0}). A raw value
 * no entry matches is an error in the row.
 */
public final class LabelMap {

    /** The label that drops a row. */
    public static final String SKIP = "skip";

    private final String spec;
    private final List<Entry> entries;

    private LabelMap(String spec, List<Entry> entries) {
        this.spec = spec;
        this.entries = List.copyOf(entries);
    }

    private record Entry(String value, double lo, double hi, boolean any, String label) {
        boolean matches(String raw, double number) {
            if (any || value != null && value.equals(raw)) {
                return true;
            }
            return !Double.isNaN(number) && number >= lo && number <= hi;
        }
    }

    /**
     * Parses a spec.
     *
     * @param spec e.g. {@code 1,2=neg;4,5=pos;3=skip}
     * @return the map
     * @throws IllegalArgumentException naming {@code --label-map} and the entry that is not valid
     */
    public static LabelMap parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "--label-map expects entries like '1,2=neg;4,5=pos;3=skip', received an empty"
                            + " value");
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.lastIndexOf('=');
            String label = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (eq <= 0 || label.isEmpty()) {
                throw bad(spec, part, "expected VALUES=LABEL");
            }
            for (String value : part.substring(0, eq).split(",")) {
                entries.add(entry(spec, part, value.trim(), label));
            }
        }
        if (entries.isEmpty()) {
            throw bad(spec, spec, "expected at least one VALUES=LABEL entry");
        }
        if (entries.stream().allMatch(e -> e.label.equalsIgnoreCase(SKIP))) {
            throw bad(spec, spec, "every entry is 'skip', so no row would be kept");
        }
        return new LabelMap(spec, entries);
    }

    private static Entry entry(String spec, String part, String value, String label) {
        if (value.isEmpty()) {
            throw bad(spec, part, "expected a value before '='");
        }
        if (value.equals("*")) {
            return new Entry(null, Double.NaN, Double.NaN, true, label);
        }
        int dots = value.indexOf("..");
        if (dots >= 0) {
            double lo = number(value.substring(0, dots));
            double hi = number(value.substring(dots + 2));
            if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
                throw bad(
                        spec,
                        part,
                        "expected a numeric range LO..HI with LO <= HI, found '" + value + "'");
            }
            return new Entry(null, lo, hi, false, label);
        }
        double n = number(value);
        return new Entry(value, n, n, false, label);
    }

    private static IllegalArgumentException bad(String spec, String part, String problem) {
        return new IllegalArgumentException(
                "--label-map '" + spec + "': in '" + part.trim() + "': " + problem);
    }

    private static double number(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Maps a raw value.
     *
     * @param raw the value read from the label column
     * @return the label, {@link #SKIP} when the row is to be dropped, or {@code null} when no entry
     *     matches
     */
    public String map(String raw) {
        String value = raw.trim();
        double number = number(value);
        for (Entry e : entries) {
            if (e.matches(value, number)) {
                return e.label.equalsIgnoreCase(SKIP) ? SKIP : e.label;
            }
        }
        return null;
    }

    /**
     * Returns the labels the map produces, in the order they first appear ({@code skip} excluded).
     *
     * @return the labels
     */
    public List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            String l = e.label;
            if (!l.toLowerCase(Locale.ROOT).equals(SKIP) && !out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    /**
     * Returns the spec this map was parsed from.
     *
     * @return the spec
     */
    @Override
    public String toString() {
        return spec;
    }
}
