package org.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a comma-separated time series with a header row into a {@link TimeSeries}. Rows are read
 * through DataVec's {@link CSVRecordReader} (delimiter {@code ,}, quote {@code "}), so quoted
 * fields such as {@code "1949-01",112} work; files whose name ends in {@code .gz} are gunzipped.
 *
 * <p>The layout:
 *
 * <ul>
 *   <li>Line 1 is the header; column names are unquoted and trimmed.
 *   <li>The time column (by default the first column) is read as timestamps when its first value
 *       has one of the forms {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-ddTHH:mm:ss}, {@code
 *       yyyy-MM-dd HH:mm}, {@code yyyy-MM-ddTHH:mm}, {@code yyyy-MM-dd}, {@code yyyy-MM} (the 1st
 *       of the month) or {@code yyyy} (exactly four digits, January 1st). Every later value must
 *       then have the same form and the times must increase strictly. Otherwise the column is a
 *       plain row label and the series has no timestamps.
 *   <li>The value columns (by default every column except the time column) hold numbers. An empty
 *       field, {@code NA}, {@code NaN} or {@code null} (any case) is a missing value, handled by
 *       the {@link FillMethod}; anything else that is not a decimal number is an error.
 *   <li>Blank lines are skipped; every other line must have as many fields as the header.
 * </ul>
 *
 * <p>Every problem throws {@link MalformedDataException} naming the file, the 1-based line (the
 * header is line 1) and the column. Filled values are counted in {@link TimeSeries#filledValues()}
 * and logged at INFO, never filled silently.
 */
public final class TimeSeriesCsvReader {

    private static final Logger LOG = LoggerFactory.getLogger(TimeSeriesCsvReader.class);

    /** A plain decimal number: no hex, no {@code Infinity}, no {@code d}/{@code f} suffix. */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Set<String> MISSING = Set.of("", "na", "nan", "null");

    /** How missing values are handled. */
    public enum FillMethod {
        /** A missing value is an error. */
        NONE,
        /**
         * A missing value takes the last earlier value of its column; a missing value in the first
         * data row is an error.
         */
        FORWARD,
        /**
         * A run of missing values is filled linearly (by row position) between the known values on
         * either side; a run at the start or end of the series is an error.
         */
        INTERPOLATE
    }

    /** The recognised time formats, tried in this order on the first value. */
    private enum TimeFormat {
        DATE_TIME_SECONDS("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "uuuu-MM-dd HH:mm:ss"),
        ISO_SECONDS("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}", "uuuu-MM-dd'T'HH:mm:ss"),
        DATE_TIME_MINUTES("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}", "uuuu-MM-dd HH:mm"),
        ISO_MINUTES("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}", "uuuu-MM-dd'T'HH:mm"),
        DATE("\\d{4}-\\d{2}-\\d{2}", "uuuu-MM-dd"),
        MONTH("\\d{4}-\\d{2}", "uuuu-MM"),
        YEAR("\\d{4}", "uuuu");

        private final Pattern shape;
        private final String pattern;
        private final DateTimeFormatter formatter;

        TimeFormat(String shape, String pattern) {
            this.shape = Pattern.compile(shape);
            this.pattern = pattern.replace("uuuu", "yyyy").replace("'T'", "T");
            this.formatter =
                    DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
                            .withResolverStyle(ResolverStyle.STRICT);
        }

        /** Parses a value, or returns {@code null} when it does not have this form. */
        LocalDateTime parse(String text) {
            if (!shape.matcher(text).matches()) {
                return null;
            }
            try {
                return switch (this) {
                    case DATE -> LocalDate.parse(text, formatter).atStartOfDay();
                    case MONTH -> YearMonth.parse(text, formatter).atDay(1).atStartOfDay();
                    case YEAR -> LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay();
                    default -> LocalDateTime.parse(text, formatter);
                };
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        static TimeFormat detect(String text) {
            for (TimeFormat f : values()) {
                if (f.parse(text) != null) {
                    return f;
                }
            }
            return null;
        }
    }

    private final String timeColumn;
    private final boolean noTimeColumn;
    private final List<String> columns;
    private final FillMethod fillMethod;

    private TimeSeriesCsvReader(Builder b) {
        this.timeColumn = b.timeColumn;
        this.noTimeColumn = b.noTimeColumn;
        this.columns = b.columns;
        this.fillMethod = b.fillMethod;
    }

    /**
     * Starts a reader configuration: time column = first column, all other columns kept, missing
     * values are errors.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a whole file.
     *
     * @param file a CSV file with a header row, optionally gzipped ({@code .gz})
     * @return the series, with {@link TimeSeries#filledValues()} counting the filled values
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException when the header, a field, a time or a missing value is not as
     *     described in the class documentation
     */
    public TimeSeries read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> header = readHeader(file);
        int timeIndex = resolveTimeColumn(file, header);
        int[] selected = resolveColumns(file, header, timeIndex);
        List<String> names = new ArrayList<>(selected.length);
        for (int c : selected) {
            names.add(header.get(c));
        }

        List<double[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<LocalDateTime> times = timeIndex >= 0 ? new ArrayList<>() : null;
        TimeFormat format = null;
        long line = 1;
        try (InputStream in = open(file);
                CSVRecordReader reader = new CSVRecordReader(1, ',', '"')) {
            reader.initialize(new InputStreamInputSplit(in));
            while (true) {
                Record record;
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                    record = reader.nextRecord();
                } catch (RuntimeException e) {
                    throw new MalformedDataException(
                            file, line + 1, "could not parse the CSV line: " + e.getMessage(), e);
                }
                line = lineOf(record, line);
                List<Writable> fields = record.getRecord();
                if (fields.size() == 1 && fields.get(0).toString().isBlank()) {
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new MalformedDataException(
                            file,
                            line,
                            "expected "
                                    + header.size()
                                    + " fields as in the header, found "
                                    + fields.size());
                }
                if (times != null) {
                    String raw = fields.get(timeIndex).toString().trim();
                    if (rows.isEmpty()) {
                        format = TimeFormat.detect(raw);
                        if (format == null) {
                            LOG.info(
                                    "{}: time column '{}' does not hold dates (first value '{}'),"
                                            + " reading it as row labels",
                                    file,
                                    header.get(timeIndex),
                                    raw);
                            times = null;
                        }
                    }
                    if (times != null) {
                        times.add(parseTime(file, line, header.get(timeIndex), format, raw, times));
                    }
                }
                double[] row = new double[selected.length];
                for (int i = 0; i < selected.length; i++) {
                    row[i] = parseValue(file, line, names.get(i), fields.get(selected[i]));
                }
                rows.add(row);
                lines.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + file);
        }
        if (rows.isEmpty()) {
            throw new MalformedDataException(
                    file, 0, "expected at least one data row after the header, found none");
        }
        double[][] values = rows.toArray(new double[0][]);
        int filled = fill(file, values, lines, names);
        return new TimeSeries(
                names,
                values,
                times == null ? null : times.toArray(new LocalDateTime[0]),
                timeIndex >= 0 ? header.get(timeIndex) : null,
                filled);
    }

    private static long lineOf(Record record, long previous) {
        RecordMetaData meta = record.getMetaData();
        if (meta instanceof RecordMetaDataLine m) {
            // DataVec counts lines from 0, header included.
            return m.getLineNumber() + 1L;
        }
        return previous + 1;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (ZipException | EOFException e) {
                in.close();
                throw new MalformedDataException(
                        file, 0, "expected a gzip file (name ends in .gz): " + e.getMessage(), e);
            }
        }
        return in;
    }

    private static List<String> readHeader(Path file) throws IOException {
        String first;
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            first = r.readLine();
        }
        if (first == null || first.isBlank()) {
            throw new MalformedDataException(
                    file, 1, "expected a header row of column names, found an empty line");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : CsvLine.split(first)) {
            String n = name.trim();
            if (!seen.add(n)) {
                throw new MalformedDataException(
                        file,
                        1,
                        "expected unique column names in the header, found '" + n + "' twice");
            }
            names.add(n);
        }
        return names;
    }

    private int resolveTimeColumn(Path file, List<String> header) {
        if (noTimeColumn) {
            return -1;
        }
        if (timeColumn == null) {
            return 0;
        }
        int i = header.indexOf(timeColumn);
        if (i < 0) {
            throw new MalformedDataException(
                    file,
                    1,
                    "expected time column '" + timeColumn + "' in the header, found " + header);
        }
        return i;
    }

    private int[] resolveColumns(Path file, List<String> header, int timeIndex) {
        List<Integer> out = new ArrayList<>();
        if (columns == null) {
            for (int c = 0; c < header.size(); c++) {
                if (c != timeIndex) {
                    out.add(c);
                }
            }
            if (out.isEmpty()) {
                throw new MalformedDataException(
                        file,
                        1,
                        "expected at least one value column besides time column '"
                                + header.get(timeIndex)
                                + "', found "
                                + header);
            }
        } else {
            for (String name : columns) {
                int c = header.indexOf(name);
                if (c < 0) {
                    throw new MalformedDataException(
                            file,
                            1,
                            "expected column '" + name + "' in the header, found " + header);
                }
                if (c == timeIndex) {
                    throw new MalformedDataException(
                            file,
                            1,
                            "column '"
                                    + name
                                    + "' is the time column and cannot be a value column");
                }
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static LocalDateTime parseTime(
            Path file,
            long line,
            String column,
            TimeFormat format,
            String raw,
            List<LocalDateTime> earlier) {
        LocalDateTime t = format.parse(raw);
        if (t == null) {
            throw new MalformedDataException(
                    file,
                    line,
                    "column '"
                            + column
                            + "': expected a time of the form "
                            + format.pattern
                            + " (as in the first row), found '"
                            + raw
                            + "'");
        }
        if (!earlier.isEmpty()) {
            LocalDateTime previous = earlier.get(earlier.size() - 1);
            if (!t.isAfter(previous)) {
                throw new MalformedDataException(
                        file,
                        line,
                        "column '"
                                + column
                                + "': expected times to increase strictly, found "
                                + raw
                                + " after "
                                + previous);
            }
        }
        return t;
    }

    private double parseValue(Path file, long line, String column, Writable field) {
        String raw = field.toString().trim();
        if (MISSING.contains(raw.toLowerCase(Locale.ROOT))) {
            if (fillMethod == FillMethod.NONE) {
                throw new MalformedDataException(
                        file,
                        line,
                        "column '"
                                + column
                                + "': expected a number, found a missing value ('"
                                + raw
                                + "'); choose fill method FORWARD or INTERPOLATE to fill it");
            }
            return Double.NaN;
        }
        if (!NUMBER.matcher(raw).matches()) {
            throw new MalformedDataException(
                    file, line, "column '" + column + "': expected a number, found '" + raw + "'");
        }
        double v = Double.parseDouble(raw);
        if (!Double.isFinite(v)) {
            throw new MalformedDataException(
                    file,
                    line,
                    "column '" + column + "': expected a finite number, found '" + raw + "'");
        }
        return v;
    }

    /** Fills the NaN entries in place and returns how many were filled. */
    private int fill(Path file, double[][] values, List<Long> lines, List<String> names) {
        if (fillMethod == FillMethod.NONE) {
            return 0;
        }
        Map<String, Integer> perColumn = new LinkedHashMap<>();
        int total = 0;
        for (int c = 0; c < names.size(); c++) {
            int n =
                    fillMethod == FillMethod.FORWARD
                            ? forwardFill(file, values, lines, names.get(c), c)
                            : interpolate(file, values, lines, names.get(c), c);
            if (n > 0) {
                perColumn.put(names.get(c), n);
                total += n;
            }
        }
        if (total > 0) {
            LOG.info(
                    "{}: filled {} missing values by {} (per column: {})",
                    file,
                    total,
                    fillMethod,
                    perColumn);
        }
        return total;
    }

    private static int forwardFill(
            Path file, double[][] values, List<Long> lines, String name, int c) {
        int filled = 0;
        for (int r = 0; r < values.length; r++) {
            if (Double.isNaN(values[r][c])) {
                if (r == 0) {
                    throw new MalformedDataException(
                            file,
                            lines.get(0),
                            "column '"
                                    + name
                                    + "': missing value in the first data row cannot be"
                                    + " forward-filled");
                }
                values[r][c] = values[r - 1][c];
                filled++;
            }
        }
        return filled;
    }

    private static int interpolate(
            Path file, double[][] values, List<Long> lines, String name, int c) {
        int filled = 0;
        int r = 0;
        while (r < values.length) {
            if (!Double.isNaN(values[r][c])) {
                r++;
                continue;
            }
            int gapStart = r;
            while (r < values.length && Double.isNaN(values[r][c])) {
                r++;
            }
            if (gapStart == 0) {
                throw new MalformedDataException(
                        file,
                        lines.get(gapStart),
                        "column '"
                                + name
                                + "': missing value at the start of the series cannot be"
                                + " interpolated (no earlier value)");
            }
            if (r == values.length) {
                throw new MalformedDataException(
                        file,
                        lines.get(gapStart),
                        "column '"
                                + name
                                + "': missing value at the end of the series cannot be"
                                + " interpolated (no later value)");
            }
            int before = gapStart - 1;
            double a = values[before][c];
            double b = values[r][c];
            for (int g = gapStart; g < r; g++) {
                values[g][c] = a + (b - a) * (g - before) / (r - before);
                filled++;
            }
        }
        return filled;
    }

    /**
     * Shows the settings that differ from the defaults.
     *
     * @return for example {@code TimeSeriesCsvReader[timeColumn=date, fillMethod=FORWARD]}
     */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (noTimeColumn) {
            parts.add("timeColumn=none");
        } else if (timeColumn != null) {
            parts.add("timeColumn=" + timeColumn);
        }
        if (columns != null) {
            parts.add("columns=" + columns);
        }
        if (fillMethod != FillMethod.NONE) {
            parts.add("fillMethod=" + fillMethod);
        }
        return "TimeSeriesCsvReader" + parts;
    }

    /** Configures a {@link TimeSeriesCsvReader}; every setting is optional. */
    public static final class Builder {

        private String timeColumn;
        private boolean noTimeColumn;
        private List<String> columns;
        private FillMethod fillMethod = FillMethod.NONE;

        private Builder() {}

        /**
         * Names the time column (default: the first column).
         *
         * @param name the header name of the time column
         * @return this builder
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder optTimeColumn(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException(
                        "timeColumn must not be blank, received: timeColumn='" + name + "'");
            }
            this.timeColumn = name;
            this.noTimeColumn = false;
            return this;
        }

        /**
         * Declares that the file has no time column: every column is a value column (unless {@link
         * #optColumns(List)} selects some) and the series has no timestamps.
         *
         * @return this builder
         */
        public Builder optNoTimeColumn() {
            this.timeColumn = null;
            this.noTimeColumn = true;
            return this;
        }

        /**
         * Selects the value columns (targets and covariates), in the order they should have in the
         * series (default: every column except the time column, in file order). Other columns are
         * not parsed.
         *
         * @param names the header names, unique, at least one
         * @return this builder
         * @throws IllegalArgumentException when the list is empty or repeats a name
         */
        public Builder optColumns(List<String> names) {
            List<String> copy = List.copyOf(Objects.requireNonNull(names, "names"));
            if (copy.isEmpty()) {
                throw new IllegalArgumentException(
                        "columns must not be empty, received: columns=" + copy);
            }
            if (new HashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException(
                        "columns must be unique, received: columns=" + copy);
            }
            this.columns = copy;
            return this;
        }

        /**
         * Chooses how missing values are handled (default {@link FillMethod#NONE}: an error).
         *
         * @param method the fill method
         * @return this builder
         */
        public Builder optFillMethod(FillMethod method) {
            this.fillMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         */
        public TimeSeriesCsvReader build() {
            return new TimeSeriesCsvReader(this);
        }
    }
}
