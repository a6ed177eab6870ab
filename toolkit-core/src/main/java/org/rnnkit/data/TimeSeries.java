package org.rnnkit.data;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable multivariate time series: numeric columns over rows, with optional timestamps.
 * Values are stored as {@code [row][column]}; rows are time steps in increasing time order.
 *
 * <p>Timestamps are present when the series was read from a file whose time column holds dates (see
 * {@link TimeSeriesCsvReader}). They drive {@link #step()} and {@link #nextTime(int)}, which label
 * forecasts beyond the last row. Data on a calendar grid (monthly, quarterly, yearly: every
 * timestamp a fixed number of calendar months after the previous one) is extended by calendar
 * months, since such steps vary between 28 and 31 days.
 *
 * <p>Arrays are copied on the way in and out, so an instance cannot be changed after construction.
 */
public final class TimeSeries {

    private final List<String> columns;
    private final Map<String, Integer> index;
    private final double[][] values;
    private final LocalDateTime[] times;
    private final String timeColumn;
    private final int filledValues;

    /**
     * Creates a series, copying the arrays.
     *
     * @param columns the names of the numeric columns, unique, at least one
     * @param values the values, {@code [rows][columns.size()]}, finite, at least one row
     * @param times one timestamp per row, strictly increasing, or {@code null} when the series has
     *     no timestamps
     * @param timeColumn the name of the time (or row label) column in the source, or {@code null}
     *     when there was none
     * @param filledValues how many values were missing in the source and filled in, at least 0
     * @throws IllegalArgumentException when the shapes disagree, a name repeats, a value is not
     *     finite, the times do not increase strictly or {@code filledValues} is negative
     * @throws NullPointerException when {@code columns} or {@code values} is null
     */
    public TimeSeries(
            List<String> columns,
            double[][] values,
            LocalDateTime[] times,
            String timeColumn,
            int filledValues) {
        this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        Objects.requireNonNull(values, "values");
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException(
                    "columns must not be empty, received: columns=" + columns);
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < this.columns.size(); c++) {
            if (byName.put(this.columns.get(c), c) != null) {
                throw new IllegalArgumentException(
                        "columns must be unique, received: columns="
                                + columns
                                + " (repeated: '"
                                + this.columns.get(c)
                                + "')");
            }
        }
        this.index = Map.copyOf(byName);
        if (values.length == 0) {
            throw new IllegalArgumentException("values must have at least one row, received: 0");
        }
        this.values = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            checkRow(values[r], r, this.columns);
            this.values[r] = values[r].clone();
        }
        if (times != null) {
            if (times.length != values.length) {
                throw new IllegalArgumentException(
                        "times must have one entry per row ("
                                + values.length
                                + "), received: "
                                + times.length);
            }
            for (int r = 0; r < times.length; r++) {
                Objects.requireNonNull(times[r], "times[" + r + "]");
                if (r > 0 && !times[r].isAfter(times[r - 1])) {
                    throw new IllegalArgumentException(
                            "times must increase strictly, received: times["
                                    + (r - 1)
                                    + "]="
                                    + times[r - 1]
                                    + ", times["
                                    + r
                                    + "]="
                                    + times[r]);
                }
            }
            this.times = times.clone();
        } else {
            this.times = null;
        }
        Arguments.atLeast("filledValues", filledValues, 0);
        this.timeColumn = timeColumn;
        this.filledValues = filledValues;
    }

    /**
     * Returns the names of the numeric columns.
     *
     * @return an unmodifiable list, in the order of the value columns
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns a copy of the values.
     *
     * @return a fresh {@code [rows][columns]} array
     */
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /**
     * Returns one value without copying the table.
     *
     * @param row the row, in {@code [0, rows())}
     * @param column the column index, in {@code [0, columns().size())}
     * @return the value
     * @throws IllegalArgumentException when the row or column is out of range
     */
    public double value(int row, int column) {
        checkRow(row);
        if (column < 0 || column >= columns.size()) {
            throw new IllegalArgumentException(
                    "column must be in [0, " + columns.size() + "), received: column=" + column);
        }
        return values[row][column];
    }

    /**
     * Returns the timestamps.
     *
     * @return one timestamp per row, or empty when the series has none
     */
    public Optional<List<LocalDateTime>> times() {
        return times == null ? Optional.empty() : Optional.of(List.of(times));
    }

    /**
     * Returns the name of the time (or row label) column of the source.
     *
     * @return the name, or empty when the source had no such column
     */
    public Optional<String> timeColumn() {
        return Optional.ofNullable(timeColumn);
    }

    /**
     * Returns how many missing values of the source were filled in.
     *
     * @return the count, 0 when nothing was missing
     */
    public int filledValues() {
        return filledValues;
    }

    /**
     * Returns the number of rows (time steps).
     *
     * @return at least 1
     */
    public int rows() {
        return values.length;
    }

    /**
     * Finds a column by name.
     *
     * @param name the column name
     * @return its index in {@link #columns()}
     * @throws IllegalArgumentException when there is no such column; the message lists the
     *     available columns
     */
    public int columnIndex(String name) {
        Objects.requireNonNull(name, "name");
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException(
                    "column must be one of "
                            + columns
                            + ", received: column='"
                            + name
                            + "'"
                            + (name.equals(timeColumn) ? " (the time column is not numeric)" : ""));
        }
        return c;
    }

    /**
     * Returns a copy of one column.
     *
     * @param name the column name
     * @return a fresh array of {@link #rows()} values
     * @throws IllegalArgumentException when there is no such column
     */
    public double[] column(String name) {
        int c = columnIndex(name);
        double[] out = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            out[r] = values[r][c];
        }
        return out;
    }

    /**
     * Returns the most common difference between consecutive timestamps (ties go to the shorter
     * difference). For monthly data this is a number of days (usually 31); use {@link
     * #nextTime(int)} to step by calendar months.
     *
     * @return the step, or empty when the series has no timestamps or only one row
     */
    public Optional<Duration> step() {
        if (times == null || times.length < 2) {
            return Optional.empty();
        }
        Map<Duration, Integer> counts = new HashMap<>();
        for (int r = 1; r < times.length; r++) {
            counts.merge(Duration.between(times[r - 1], times[r]), 1, Integer::sum);
        }
        Duration best = null;
        int bestCount = 0;
        for (Map.Entry<Duration, Integer> e : counts.entrySet()) {
            int n = e.getValue();
            if (n > bestCount || (n == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = n;
            }
        }
        return Optional.of(best);
    }

    /**
     * Returns the timestamp of a row.
     *
     * @param row the row, in {@code [0, rows())}
     * @return its timestamp
     * @throws IllegalStateException when the series has no timestamps
     * @throws IllegalArgumentException when the row is out of range
     */
    public LocalDateTime time(int row) {
        requireTimes("time(row)");
        checkRow(row);
        return times[row];
    }

    /**
     * Returns the timestamp {@code k} steps after the last row, for labelling forecasts. On a
     * calendar grid (every timestamp the same number of calendar months after the previous one, for
     * example the 1st of consecutive months or January 1st of consecutive years) it adds {@code k}
     * times that many months, so {@code 1960-12-01} is followed by {@code 1961-01-01}; otherwise it
     * adds {@code k} times {@link #step()}.
     *
     * @param k how many steps after the last row, at least 1
     * @return the timestamp
     * @throws IllegalArgumentException when {@code k < 1}
     * @throws IllegalStateException when the series has no timestamps or fewer than two rows
     */
    public LocalDateTime nextTime(int k) {
        Arguments.atLeast("k", k, 1);
        requireTimes("nextTime(k)");
        if (times.length < 2) {
            throw new IllegalStateException(
                    "nextTime(k) needs at least two timestamps to infer the step, the series has 1");
        }
        LocalDateTime last = times[times.length - 1];
        long months = calendarMonths();
        if (months > 0) {
            return last.plusMonths(months * k);
        }
        return last.plus(step().orElseThrow().multipliedBy(k));
    }

    /**
     * Detects a calendar grid.
     *
     * @return the number of months between consecutive timestamps, or 0 when they are not on a
     *     calendar grid
     */
    private long calendarMonths() {
        LocalDateTime first = times[0];
        // Days up to 28 exist in every month, so plusMonths never clamps them.
        if (first.getDayOfMonth() > 28) {
            return 0;
        }
        long months = ChronoUnit.MONTHS.between(first, times[1]);
        if (months < 1) {
            return 0;
        }
        for (int r = 1; r < times.length; r++) {
            if (!times[r].equals(times[r - 1].plusMonths(months))) {
                return 0;
            }
        }
        return months;
    }

    private void requireTimes(String method) {
        if (times == null) {
            throw new IllegalStateException(
                    method
                            + " needs timestamps, but "
                            + (timeColumn == null
                                    ? "the series has no time column"
                                    : "time column '" + timeColumn + "' does not hold dates"));
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= values.length) {
            throw new IllegalArgumentException(
                    "row must be in [0, " + values.length + "), received: row=" + row);
        }
    }

    /**
     * Compares columns, values, timestamps, time column and fill count.
     *
     * @param o the other object
     * @return whether both describe the same series
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TimeSeries other)) {
            return false;
        }
        return columns.equals(other.columns)
                && Arrays.deepEquals(values, other.values)
                && Arrays.equals(times, other.times)
                && Objects.equals(timeColumn, other.timeColumn)
                && filledValues == other.filledValues;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                columns,
                Arrays.deepHashCode(values),
                Arrays.hashCode(times),
                timeColumn,
                filledValues);
    }

    /**
     * Summarises the series without its values.
     *
     * @return for example {@code TimeSeries[rows=144, columns=[Passengers], time=Month
     *     1949-01-01T00:00..1960-12-01T00:00, filledValues=0]}
     */
    @Override
    public String toString() {
        String time =
                timeColumn == null
                        ? "none"
                        : times == null
                                ? timeColumn + " (labels)"
                                : timeColumn + " " + times[0] + ".." + times[times.length - 1];
        return "TimeSeries[rows="
                + values.length
                + ", columns="
                + columns
                + ", time="
                + time
                + ", filledValues="
                + filledValues
                + "]";
    }

    /**
     * Checks that row {@code r} of a value table has {@code width} entries.
     *
     * @throws IllegalArgumentException naming the row, the width and what it has
     */
    static void checkWidth(double[] row, int width, int r) {
        if (row == null || row.length != width) {
            throw new IllegalArgumentException(
                    "values["
                            + r
                            + "] must have "
                            + width
                            + " columns, received: "
                            + (row == null ? "null" : row.length));
        }
    }

    /**
     * Checks row {@code r} of a value table: one entry per column, every one finite.
     *
     * @param columns the column names: their count is the width, and the message names the column
     *     of an entry that is not finite
     * @throws IllegalArgumentException naming the row, and the entry that is not finite
     */
    static void checkRow(double[] row, int r, List<String> columns) {
        checkRow(row, r, columns.size(), columns);
    }

    /**
     * Checks row {@code r} of a value table: {@code width} entries, every one finite.
     *
     * @param names the column names for the message, or {@code null} to name only the position
     * @throws IllegalArgumentException naming the row, and the entry that is not finite
     */
    static void checkRow(double[] row, int r, int width, List<String> names) {
        checkWidth(row, width, r);
        for (int c = 0; c < width; c++) {
            if (!Double.isFinite(row[c])) {
                throw new IllegalArgumentException(
                        "values must be finite, received: values["
                                + r
                                + "]["
                                + c
                                + "]="
                                + row[c]
                                + (names == null ? "" : " (column '" + names.get(c) + "')"));
            }
        }
    }
}
