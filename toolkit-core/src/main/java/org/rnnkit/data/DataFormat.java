package org.rnnkit.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a user's delimited file is shaped: its delimiter, whether it has a header row, which columns
 * hold which role (text, label, source, target, token, tag, image, caption), how raw label values
 * become labels, and the least examples a label needs. {@link #DEFAULT} reads the files rnnkit
 * writes itself (delimiter from the file name, a header row, the recipe's default column names).
 *
 * <p>Columns are given by header name (case-insensitive) or by 1-based index ({@code "3"}); a
 * header name that is itself a number wins over the index. A file without a header ({@code header =
 * false}) needs indices.
 *
 * @param delimiter one character, or {@code tab}/{@code comma}/{@code semicolon}/{@code pipe};
 *     {@code null} = from the file name ({@code .csv} comma, {@code .tsv} tab, otherwise sniffed
 *     from the first line)
 * @param header whether the first row names the columns
 * @param columns role -> column references, in order (several text columns are joined by a
 *     newline); roles not given use the recipe's defaults
 * @param labelMap raw label values to labels, as parsed by {@link LabelMap#parse}; {@code null} =
 *     labels are used as read
 * @param minLabelCount labels with fewer examples are dropped (and counted); 1 keeps all
 */
public record DataFormat(
        String delimiter,
        boolean header,
        Map<String, List<String>> columns,
        String labelMap,
        int minLabelCount)
        implements java.io.Serializable {

    /** Role of the text column(s) of a classification file. */
    public static final String TEXT = "text";

    /** Role of the label column of a classification file. */
    public static final String LABEL = "label";

    /** Role of the source-sentence column of a parallel-text (translation) file. */
    public static final String SOURCE = "source";

    /** Role of the target-sentence column of a parallel-text (translation) file. */
    public static final String TARGET = "target";

    /** Role of the token (word form) column of a tagged-sentence file. */
    public static final String TOKEN = "token";

    /** Role of the tag column of a tagged-sentence file. */
    public static final String TAG = "tag";

    /** Role of the image-file column (or JSON field) of a caption table. */
    public static final String IMAGE = "image";

    /** Role of the caption column (or JSON field) of a caption table. */
    public static final String CAPTION = "caption";

    /** The shape rnnkit's own files have. */
    public static final DataFormat DEFAULT = new DataFormat(null, true, Map.of(), null, 1);

    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException naming the option whose value is not valid
     */
    public DataFormat {
        columns = columns == null ? Map.of() : copy(columns);
        if (delimiter != null) {
            delimiterChar(delimiter);
        }
        if (labelMap != null) {
            LabelMap.parse(labelMap);
        }
        if (minLabelCount < 1) {
            throw new IllegalArgumentException(
                    "--min-label-count must be >= 1, received: " + minLabelCount);
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> columns) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        columns.forEach(
                (role, refs) -> {
                    if (refs == null || refs.isEmpty()) {
                        return;
                    }
                    for (String ref : refs) {
                        if (ref == null || ref.isBlank()) {
                            throw new IllegalArgumentException(
                                    "--"
                                            + role
                                            + "-column must name a column or give its"
                                            + " 1-based index, received an empty value");
                        }
                        if (isIndex(ref) && Integer.parseInt(ref.trim()) < 1) {
                            throw new IllegalArgumentException(
                                    "--" + role + "-column " + ref + ": column indices start at 1");
                        }
                    }
                    out.put(role, List.copyOf(refs));
                });
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Returns a copy with one role's columns set.
     *
     * @param role the role, e.g. {@link #TEXT}
     * @param refs the column names or 1-based indices; empty = the recipe's default
     * @return the copy
     */
    public DataFormat withColumns(String role, List<String> refs) {
        TreeMap<String, List<String>> next = new TreeMap<>(columns);
        next.put(role, refs);
        return new DataFormat(delimiter, header, next, labelMap, minLabelCount);
    }

    /**
     * Checks that each role names at most one column (readers whose roles take one column each).
     *
     * @param roles the roles
     * @throws IllegalArgumentException naming the role's flag ({@code --ROLE-column}) when it names
     *     more than one column
     */
    void requireOneColumn(String... roles) {
        for (String role : roles) {
            if (columns(role).size() > 1) {
                throw new IllegalArgumentException(
                        "--" + role + "-column takes one column, received: " + columns(role));
            }
        }
    }

    /**
     * Returns the columns given for a role.
     *
     * @param role the role
     * @return the references, empty when the recipe's default applies
     */
    public List<String> columns(String role) {
        return columns.getOrDefault(role, List.of());
    }

    /**
     * Returns the parsed label map.
     *
     * @return the map, or {@code null} when labels are used as read
     */
    public LabelMap parsedLabelMap() {
        return labelMap == null ? null : LabelMap.parse(labelMap);
    }

    /**
     * Returns the delimiter character for a file: the given one, or the one its name implies.
     *
     * @param file the file (its name decides when no delimiter was given)
     * @param firstLine the file's first line, for sniffing; may be null
     * @return the delimiter
     */
    public char delimiterFor(Path file, String firstLine) {
        if (delimiter != null) {
            return delimiterChar(delimiter);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return ',';
        }
        if (name.endsWith(".tsv")) {
            return '\t';
        }
        boolean comma = firstLine != null && !firstLine.contains("\t") && firstLine.contains(",");
        return comma ? ',' : '\t';
    }

    /**
     * Parses a delimiter option value.
     *
     * @param value one character, an escape {@code \t}, or a name: {@code tab}, {@code comma},
     *     {@code semicolon}, {@code pipe}, {@code space}
     * @return the character
     * @throws IllegalArgumentException naming {@code --delimiter} and the value
     */
    public static char delimiterChar(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> {
                return '\t';
            }
            case "comma" -> {
                return ',';
            }
            case "semicolon" -> {
                return ';';
            }
            case "pipe" -> {
                return '|';
            }
            case "space" -> {
                return ' ';
            }
            default -> {
                if (value.length() == 1 && value.charAt(0) != '"' && value.charAt(0) != '\n') {
                    return value.charAt(0);
                }
                throw new IllegalArgumentException(
                        "--delimiter expects one character or tab|comma|semicolon|pipe|space,"
                                + " received: '"
                                + value
                                + "'");
            }
        }
    }

    /**
     * Finds a column in a header (or by index when the file has none).
     *
     * @param ref a header name (case-insensitive) or a 1-based index
     * @param header the header fields, or {@code null} when the file has no header
     * @param role the role, which names the option in errors ({@code --ROLE-column})
     * @param file the file, for errors
     * @return the 0-based column index
     * @throws MalformedDataException naming the option and the value when the column is not there
     */
    public static int resolve(String ref, List<String> header, String role, Path file) {
        String wanted = ref.trim();
        if (header != null) {
            for (int i = 0; i < header.size(); i++) {
                if (clean(header.get(i)).equalsIgnoreCase(wanted)) {
                    return i;
                }
            }
        }
        if (isIndex(wanted)) {
            int index = Integer.parseInt(wanted) - 1;
            if (header != null && index >= header.size()) {
                throw new MalformedDataException(
                        file,
                        1,
                        "--"
                                + role
                                + "-column "
                                + ref
                                + ": the header has only "
                                + header.size()
                                + " columns "
                                + header);
            }
            return index;
        }
        throw new MalformedDataException(
                file,
                1,
                header == null
                        ? "--"
                                + role
                                + "-column "
                                + ref
                                + ": the file has no header (--no-header), so give the column's"
                                + " 1-based index"
                        : "--"
                                + role
                                + "-column "
                                + ref
                                + ": no such column; the header has "
                                + header);
    }

    /**
     * Trims a header field and drops a byte-order mark.
     *
     * @param field the raw header field
     * @return the name
     */
    public static String clean(String field) {
        String s = field.startsWith("\ufeff") ? field.substring(1) : field;
        return s.trim();
    }

    private static boolean isIndex(String ref) {
        String s = ref.trim();
        if (s.isEmpty() || s.length() > 6) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
