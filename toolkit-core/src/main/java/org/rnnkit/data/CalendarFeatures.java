package org.rnnkit.data;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * Calendar features of a time step, as sine/cosine pairs so that the end of a cycle meets its start
 * (23:00 is next to 00:00, December next to January).
 *
 * <ul>
 *   <li>{@link #SUB_DAILY} (steps shorter than a day): hour of day and day of week, 4 features;
 *   <li>{@link #DAILY}: day of week and day of year, 4 features;
 *   <li>{@link #MONTHLY} (and longer steps): month of year, 2 features;
 *   <li>{@link #SEASON_PHASE} (no usable time stamps): the row's position in the season, {@code row
 *       mod season}, 2 features;
 *   <li>{@link #NONE}: no features.
 * </ul>
 *
 * <p>These are known in advance for every future step, so a forecaster may read them for the
 * horizon as well as for the history.
 */
public enum CalendarFeatures {
    /** No calendar features. */
    NONE(0),
    /** Position within the season by row index. */
    SEASON_PHASE(2),
    /** Hour of day and day of week. */
    SUB_DAILY(4),
    /** Day of week and day of year. */
    DAILY(4),
    /** Month of year. */
    MONTHLY(2);

    private final int size;

    CalendarFeatures(int size) {
        this.size = size;
    }

    /**
     * Returns the number of features per step.
     *
     * @return 0, 2 or 4
     */
    public int size() {
        return size;
    }

    /**
     * Chooses the features for a series.
     *
     * @param step the time step, or {@code null} when the series has no time stamps
     * @param season the season length in steps (0 or 1 when there is none)
     * @return the kind of features
     */
    public static CalendarFeatures detect(Duration step, int season) {
        if (step == null) {
            return season > 1 ? SEASON_PHASE : NONE;
        }
        if (step.compareTo(Duration.ofDays(1)) < 0) {
            return SUB_DAILY;
        }
        if (step.compareTo(Duration.ofDays(2)) < 0) {
            return DAILY;
        }
        if (step.compareTo(Duration.ofDays(27)) >= 0 && step.compareTo(Duration.ofDays(200)) < 0) {
            return MONTHLY;
        }
        return season > 1 ? SEASON_PHASE : NONE;
    }

    /**
     * Parses a name as written by {@link #toString()}, for example {@code sub_daily}.
     *
     * @param name the name, case-insensitive
     * @return the kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static CalendarFeatures parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "calendar features must be one of none, season_phase, sub_daily, daily,"
                            + " monthly, received: "
                            + name,
                    e);
        }
    }

    /**
     * Computes the features of one step.
     *
     * @param time the step's time stamp (ignored by {@link #SEASON_PHASE} and {@link #NONE})
     * @param row the step's row index (used by {@link #SEASON_PHASE})
     * @param season the season length (used by {@link #SEASON_PHASE})
     * @return {@link #size()} values in [-1, 1]
     * @throws NullPointerException when a time-based kind gets no time
     */
    public double[] of(LocalDateTime time, long row, int season) {
        return switch (this) {
            case NONE -> new double[0];
            case SEASON_PHASE -> cycle(Math.floorMod(row, (long) Math.max(1, season)), season);
            case SUB_DAILY -> {
                Objects.requireNonNull(time, "time");
                double hour = time.getHour() + time.getMinute() / 60.0;
                yield concat(cycle(hour, 24), cycle(time.getDayOfWeek().getValue() - 1, 7));
            }
            case DAILY -> {
                Objects.requireNonNull(time, "time");
                yield concat(
                        cycle(time.getDayOfWeek().getValue() - 1, 7),
                        cycle(time.getDayOfYear() - 1, 365.25));
            }
            case MONTHLY -> {
                Objects.requireNonNull(time, "time");
                yield cycle(time.getMonthValue() - 1, 12);
            }
        };
    }

    private static double[] cycle(double position, double period) {
        double angle = 2 * Math.PI * position / period;
        return new double[] {Math.sin(angle), Math.cos(angle)};
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
