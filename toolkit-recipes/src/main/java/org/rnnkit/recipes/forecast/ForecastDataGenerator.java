package org.rnnkit.recipes.forecast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.rnnkit.bundle.AtomicFiles;

/**
 * The embedded default data of the forecaster: an hourly electricity-load-like series with a trend,
 * a daily and a weekly season, a slowly drifting level, autocorrelated noise and a temperature
 * covariate that drives part of the load. Seeded: the same seed gives the same series.
 *
 * <pre>
 * load(t) = 100 + 0.01 t + 12 day(t) + 6 week(t) + 0.6 (temperature(t) - 15) + level(t) + noise(t)
 * </pre>
 *
 * where {@code day} and {@code week} are fixed smooth daily and weekly profiles, {@code level} a
 * random walk with small steps, and {@code noise} AR(1) with coefficient 0.8. A naive forecast
 * misses the daily swing and a seasonal naive one the noise that persists for hours, so a recurrent
 * network that learns both beats them.
 */
public final class ForecastDataGenerator {

    /** The seed of the embedded series. */
    public static final long DEFAULT_SEED = 20261122L;

    /** Rows of the embedded series: 20 weeks of hours. */
    public static final int DEFAULT_ROWS = 24 * 7 * 20;

    /** The column the embedded recipe forecasts. */
    public static final String TARGET = "load";

    /** The covariate column of the generated series. */
    public static final String COVARIATE = "temperature";

    /** First time stamp of the generated series. */
    public static final LocalDateTime START = LocalDateTime.of(2025, 1, 6, 0, 0);

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private ForecastDataGenerator() {}

    /**
     * Generates the series as CSV text with the header {@code time,load,temperature}.
     *
     * @param rows how many hours
     * @param seed the seed
     * @return the CSV
     * @throws IllegalArgumentException when {@code rows < 2}
     */
    public static String csv(int rows, long seed) {
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be >= 2, received: rows=" + rows);
        }
        Random r = new Random(seed);
        StringBuilder out = new StringBuilder(rows * 40).append("time,load,temperature\n");
        double level = 0;
        double noise = 0;
        double weather = 0;
        for (int t = 0; t < rows; t++) {
            int hour = t % 24;
            int weekday = (t / 24) % 7;
            weather = 0.97 * weather + 0.5 * r.nextGaussian();
            double temperature = 15 + 6 * Math.sin(2 * Math.PI * (hour - 9) / 24.0) + weather;
            level += 0.05 * r.nextGaussian();
            noise = 0.8 * noise + 1.2 * r.nextGaussian();
            double day =
                    Math.sin(2 * Math.PI * (hour - 6) / 24.0)
                            + 0.5 * Math.sin(4 * Math.PI * (hour - 3) / 24.0);
            double week = weekday >= 5 ? -1 : 0.3;
            double load =
                    100 + 0.01 * t + 12 * day + 6 * week + 0.6 * (temperature - 15) + level + noise;
            out.append(FORMAT.format(START.plusHours(t)))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.3f", load))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.2f", temperature))
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Writes the series to a CSV file (atomically).
     *
     * @param file the file
     * @param rows how many hours
     * @param seed the seed
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, int rows, long seed) throws IOException {
        AtomicFiles.write(file, csv(rows, seed).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the embedded series to a temporary file, for the readers that need a path.
     *
     * @return the file (deleted on exit)
     * @throws IOException when the file cannot be written
     */
    static Path embedded() throws IOException {
        Path file = Files.createTempFile("rnnkit-forecast-", ".csv");
        file.toFile().deleteOnExit();
        write(file, DEFAULT_ROWS, DEFAULT_SEED);
        return file;
    }
}
