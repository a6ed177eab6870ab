package org.rnnkit.recipes.forecast;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.DelimitedRows;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.inspect.Chart;
import org.rnnkit.recipes.inspect.InspectionReport;

/**
 * {@code rnnkit forecast inspect}: what {@code forecast train} would read, before any training.
 *
 * <p>Two passes over the CSV. The first streams its rows ({@link DelimitedRows}) and keeps per
 * column only counts and the smallest and largest value: rows, missing values ({@code NA}, {@code
 * NaN}, {@code null} or empty), values that are not numbers, constant columns, rows with the wrong
 * number of fields (the first five listed with their line). The second reads the series with the
 * recipe's own reader and settings (time column, columns, fill method), as {@code train} does, and
 * reports the time step, the irregular steps (gaps) and the values the fill method filled; when
 * that read fails, the report says why (train would fail the same way). That reader holds the
 * series in memory, as training does.
 */
public final class ForecastInspector {

    private static final Set<String> MISSING = Set.of("", "na", "nan", "null");
    private static final int GAPS_LISTED = 5;
    private static final int CHART_COLUMNS = 4;

    private ForecastInspector() {}

    /**
     * Inspects the CSV the options point at ({@code training().data()}, or the embedded series when
     * null).
     *
     * @param options the settings, built like those of {@code train}
     * @return the report
     * @throws IOException when the file cannot be read
     */
    public static InspectionReport inspect(ForecastOptions options) throws IOException {
        TrainingOptions training = options.training();
        ForecastOptions resolved = ForecastData.withEmbeddedColumns(options);
        Path file = training.data() != null ? training.data() : ForecastDataGenerator.embedded();
        InspectionReport.Builder report =
                InspectionReport.builder(
                        ForecastModel.TASK, training.data(), "embedded generated series");
        String timeColumn = resolved.columns().timeColumn();
        Columns columns = Columns.scan(file, timeColumn);
        Map<String, Object> rows = report.section("rows");
        rows.put("rows", columns.rows);
        rows.put("columns", columns.names.size());
        rows.put("time column", columns.names.get(columns.time));
        rows.put("skipped (wrong number of fields)", columns.badRows);
        rows.put("first problems", columns.problems);
        Map<String, Object> perColumn = report.section("columns");
        List<String> constant = new ArrayList<>();
        for (int c = 0; c < columns.names.size(); c++) {
            if (c == columns.time) {
                continue;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("missing", columns.missing[c]);
            f.put("not numbers", columns.notNumbers[c]);
            f.put("min", columns.numbers[c] == 0 ? null : columns.min[c]);
            f.put("max", columns.numbers[c] == 0 ? null : columns.max[c]);
            perColumn.put(columns.names.get(c), f);
            if (columns.numbers[c] > 0 && columns.min[c] == columns.max[c]) {
                constant.add(columns.names.get(c));
            }
        }
        report.section("constant columns").put("columns", constant);
        time(report, resolved, file);
        report.note(
                "missing values are handled by --fill ("
                        + resolved.columns().fill().name().toLowerCase(Locale.ROOT)
                        + "); with none, train fails at the first one.");
        return report.build();
    }

    /** Reads the series as train does and reports its time axis, or why the read fails. */
    private static void time(InspectionReport.Builder report, ForecastOptions options, Path file)
            throws IOException {
        Map<String, Object> s = report.section("time");
        TimeSeries series;
        try {
            series = ForecastData.readCsv(options.columns(), file);
        } catch (MalformedDataException | IllegalArgumentException e) {
            s.put("train would fail", e.getMessage());
            return;
        }
        s.put("filled values", series.filledValues());
        if (series.times().isEmpty() || series.rows() < 2) {
            s.put("timestamps", "none: the time column is a row label, gaps are not measured");
        } else {
            List<LocalDateTime> times = series.times().get();
            Duration step = series.step().orElseThrow();
            s.put("first", times.get(0).toString());
            s.put("last", times.get(times.size() - 1).toString());
            s.put("step", describe(step));
            long irregular = 0;
            long missingSteps = 0;
            List<String> first = new ArrayList<>();
            for (int r = 1; r < times.size(); r++) {
                LocalDateTime expected = next(times.get(r - 1), step);
                if (!times.get(r).equals(expected)) {
                    irregular++;
                    missingSteps += missingSteps(times.get(r - 1), times.get(r), step);
                    if (first.size() < GAPS_LISTED) {
                        first.add(
                                "row " + (r + 1) + ": " + times.get(r - 1) + " -> " + times.get(r));
                    }
                }
            }
            s.put("irregular steps (gaps)", irregular);
            s.put("timestamps missing in gaps", missingSteps);
            s.put("first gaps", first);
        }
        report.chart(chart(series));
    }

    /** The timestamp one step after {@code t}: calendar months for monthly and yearly steps. */
    static LocalDateTime next(LocalDateTime t, Duration step) {
        long days = step.toDays();
        if (step.equals(Duration.ofDays(days)) && days >= 28 && days <= 31) {
            return t.plusMonths(1);
        }
        if (step.equals(Duration.ofDays(days)) && (days == 365 || days == 366)) {
            return t.plusYears(1);
        }
        return t.plus(step);
    }

    private static long missingSteps(LocalDateTime from, LocalDateTime to, Duration step) {
        long n = 0;
        LocalDateTime t = next(from, step);
        while (t.isBefore(to) && n < Integer.MAX_VALUE) {
            n++;
            t = next(t, step);
        }
        return n;
    }

    private static String describe(Duration step) {
        long days = step.toDays();
        if (step.equals(Duration.ofDays(days)) && days >= 28 && days <= 31) {
            return "1 month";
        }
        if (step.equals(Duration.ofDays(days)) && (days == 365 || days == 366)) {
            return "1 year";
        }
        return step.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static Chart chart(TimeSeries series) {
        List<Chart.Series> lines = new ArrayList<>();
        double[] x = new double[series.rows()];
        for (int r = 0; r < x.length; r++) {
            x[r] = r;
        }
        List<String> names = series.columns();
        for (int c = 0; c < Math.min(CHART_COLUMNS, names.size()); c++) {
            lines.add(new Chart.Series(names.get(c), x, series.column(names.get(c))));
        }
        return new Chart(
                "series.png", "forecast: the series as train reads it", "row", "value", lines);
    }

    /** The streaming pass: per-column counts and ranges, without holding rows. */
    private static final class Columns {
        private List<String> names;
        private int time;
        private long rows;
        private long[] missing;
        private long[] notNumbers;
        private long[] numbers;
        private double[] min;
        private double[] max;
        private long badRows;
        private final List<String> problems = new ArrayList<>();

        static Columns scan(Path file, String timeColumn) throws IOException {
            Columns c = new Columns();
            DataFormat csv = new DataFormat(",", true, Map.of(), null, 1);
            try (DelimitedRows rows = DelimitedRows.open(file, csv)) {
                c.names = rows.header().stream().map(String::strip).toList();
                c.time = timeColumn == null ? 0 : Math.max(0, c.names.indexOf(timeColumn));
                int n = c.names.size();
                c.missing = new long[n];
                c.notNumbers = new long[n];
                c.numbers = new long[n];
                c.min = new double[n];
                c.max = new double[n];
                java.util.Arrays.fill(c.min, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(c.max, Double.NEGATIVE_INFINITY);
                while (rows.hasNext()) {
                    DelimitedRows.Row row = rows.next();
                    c.add(row, file);
                }
            }
            return c;
        }

        private void problem(Path file, long line, String what) {
            if (problems.size() < GAPS_LISTED) {
                problems.add(new MalformedDataException(file, line, what).getMessage());
            }
        }

        private void add(DelimitedRows.Row row, Path file) {
            List<String> fields = row.fields();
            if (fields.size() != names.size()) {
                badRows++;
                problem(
                        file,
                        row.line(),
                        "expected "
                                + names.size()
                                + " fields as in the header, found "
                                + fields.size());
                return;
            }
            rows++;
            for (int i = 0; i < fields.size(); i++) {
                if (i == time) {
                    continue;
                }
                String v = fields.get(i).strip();
                if (MISSING.contains(v.toLowerCase(Locale.ROOT))) {
                    missing[i]++;
                    continue;
                }
                try {
                    double d = Double.parseDouble(v);
                    numbers[i]++;
                    min[i] = Math.min(min[i], d);
                    max[i] = Math.max(max[i], d);
                } catch (NumberFormatException e) {
                    notNumbers[i]++;
                    if (notNumbers[i] == 1) {
                        problem(
                                file,
                                row.line(),
                                "expected a number in column "
                                        + names.get(i)
                                        + ", found '"
                                        + v
                                        + "'");
                    }
                }
            }
        }
    }
}
