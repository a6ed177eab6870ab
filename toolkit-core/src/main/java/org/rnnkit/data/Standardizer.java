package org.rnnkit.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-column standardisation {@code (x - mean) / std}, fitted on a range of rows (the training
 * part) so that dev and test statistics never leak into the model. The standard deviation is the
 * population one (divided by {@code n}), as in scikit-learn's {@code StandardScaler}, which the ETT
 * benchmark code uses. A constant column gets std 1, so it maps to 0 instead of dividing by zero.
 *
 * <p>The record serialises to JSON with Jackson as {@code {"columns":[...],"mean":[...],
 * "std":[...]}} and reads back with {@code readValue(json, Standardizer.class)}.
 *
 * @param columns the column names, one per statistic
 * @param mean the per-column means, finite
 * @param std the per-column standard deviations, finite and {@code > 0}
 */
public record Standardizer(List<String> columns, double[] mean, double[] std) {

    private static final Logger LOG = LoggerFactory.getLogger(Standardizer.class);

    /**
     * Validates and copies the statistics.
     *
     * @param columns see {@link #columns()}
     * @param mean see {@link #mean()}
     * @param std see {@link #std()}
     * @throws IllegalArgumentException when the lengths differ, there are no columns, a mean is not
     *     finite or a std is not finite and positive
     * @throws NullPointerException when an argument is null
     */
    public Standardizer {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        mean = Objects.requireNonNull(mean, "mean").clone();
        std = Objects.requireNonNull(std, "std").clone();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns must not be empty, received: columns=[]");
        }
        if (mean.length != columns.size() || std.length != columns.size()) {
            throw new IllegalArgumentException(
                    "mean and std must have one entry per column ("
                            + columns.size()
                            + "), received: mean.length="
                            + mean.length
                            + ", std.length="
                            + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException(
                        "mean must be finite, received: mean[" + c + "]=" + mean[c]);
            }
            if (!(Double.isFinite(std[c]) && std[c] > 0)) {
                throw new IllegalArgumentException(
                        "std must be finite and > 0, received: std[" + c + "]=" + std[c]);
            }
        }
    }

    /**
     * Fits on rows {@code [from, to)} of a series.
     *
     * @param series the series
     * @param from the first row, at least 0
     * @param to the first row after the range, {@code from < to <= series.rows()}
     * @return the fitted standardizer, with the series' column names
     * @throws IllegalArgumentException when the range is empty or outside the series
     */
    public static Standardizer fit(TimeSeries series, int from, int to) {
        Objects.requireNonNull(series, "series");
        checkRange(from, to, series.rows());
        int n = series.columns().size();
        double[][] rows = new double[to - from][n];
        for (int r = from; r < to; r++) {
            for (int c = 0; c < n; c++) {
                rows[r - from][c] = series.value(r, c);
            }
        }
        return fit(series.columns(), rows, 0, rows.length);
    }

    /**
     * Fits on rows {@code [from, to)} of a table.
     *
     * @param columns the column names
     * @param values the table, {@code [rows][columns.size()]}
     * @param from the first row, at least 0
     * @param to the first row after the range, {@code from < to <= values.length}
     * @return the fitted standardizer
     * @throws IllegalArgumentException when the range is empty or outside the table, a row has the
     *     wrong width or a value in the range is not finite
     */
    public static Standardizer fit(List<String> columns, double[][] values, int from, int to) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        checkRange(from, to, values.length);
        int n = columns.size();
        int count = to - from;
        double[] mean = new double[n];
        for (int r = from; r < to; r++) {
            TimeSeries.checkRow(values[r], r, n, null);
            for (int c = 0; c < n; c++) {
                mean[c] += values[r][c];
            }
        }
        for (int c = 0; c < n; c++) {
            mean[c] /= count;
        }
        // Two passes: the sum of squared deviations is exact where E[x^2] - E[x]^2 would cancel.
        double[] std = new double[n];
        for (int r = from; r < to; r++) {
            for (int c = 0; c < n; c++) {
                double d = values[r][c] - mean[c];
                std[c] += d * d;
            }
        }
        for (int c = 0; c < n; c++) {
            std[c] = Math.sqrt(std[c] / count);
            if (std[c] == 0) {
                LOG.warn(
                        "column '{}' is constant ({}) on rows [{}, {}): using std 1",
                        columns.get(c),
                        mean[c],
                        from,
                        to);
                std[c] = 1;
            }
        }
        return new Standardizer(columns, mean, std);
    }

    /**
     * Returns a copy of the means.
     *
     * @return one mean per column
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns a copy of the standard deviations.
     *
     * @return one positive std per column
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Standardises one value.
     *
     * @param value the raw value
     * @param column the column index
     * @return {@code (value - mean[column]) / std[column]}
     * @throws IllegalArgumentException when the column is out of range
     */
    public double transform(double value, int column) {
        checkColumn(column);
        return (value - mean[column]) / std[column];
    }

    /**
     * Undoes {@link #transform(double, int)}.
     *
     * @param value the standardised value
     * @param column the column index
     * @return {@code value * std[column] + mean[column]}
     * @throws IllegalArgumentException when the column is out of range
     */
    public double inverse(double value, int column) {
        checkColumn(column);
        return value * std[column] + mean[column];
    }

    /**
     * Standardises a table.
     *
     * @param values the raw table, {@code [rows][columns]}
     * @return a new standardised table of the same shape
     * @throws IllegalArgumentException when a row does not have one value per column
     */
    public double[][] transform(double[][] values) {
        return map(values, false);
    }

    /**
     * Undoes {@link #transform(double[][])}.
     *
     * @param values the standardised table, {@code [rows][columns]}
     * @return a new table in the original units
     * @throws IllegalArgumentException when a row does not have one value per column
     */
    public double[][] inverse(double[][] values) {
        return map(values, true);
    }

    private double[][] map(double[][] values, boolean inverse) {
        Objects.requireNonNull(values, "values");
        double[][] out = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            TimeSeries.checkWidth(values[r], mean.length, r);
            out[r] = new double[mean.length];
            for (int c = 0; c < mean.length; c++) {
                out[r][c] =
                        inverse
                                ? values[r][c] * std[c] + mean[c]
                                : (values[r][c] - mean[c]) / std[c];
            }
        }
        return out;
    }

    private void checkColumn(int column) {
        if (column < 0 || column >= mean.length) {
            throw new IllegalArgumentException(
                    "column must be in [0, " + mean.length + "), received: column=" + column);
        }
    }

    private static void checkRange(int from, int to, int rows) {
        if (from < 0 || to > rows || from >= to) {
            throw new IllegalArgumentException(
                    "rows [from, to) must be a non-empty range within [0, "
                            + rows
                            + "), received: from="
                            + from
                            + ", to="
                            + to);
        }
    }

    /**
     * Compares columns and statistics by value.
     *
     * @param o the other object
     * @return whether both standardise identically
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other
                && columns.equals(other.columns)
                && Arrays.equals(mean, other.mean)
                && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    /**
     * Shows the statistics.
     *
     * @return for example {@code Standardizer[columns=[OT], mean=[3.0], std=[1.5]]}
     */
    @Override
    public String toString() {
        return "Standardizer[columns="
                + columns
                + ", mean="
                + Arrays.toString(mean)
                + ", std="
                + Arrays.toString(std)
                + "]";
    }
}
