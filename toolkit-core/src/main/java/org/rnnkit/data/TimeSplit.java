package org.rnnkit.data;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A chronological train/dev/test split of a series' rows: train is {@code [0, trainEnd)}, dev is
 * {@code [trainEnd, devEnd)} and test is {@code [devEnd, end)}. Rows from {@code end} on are not
 * used (the ETT protocol uses only the first 14,400 of ETTh1's 17,420 rows).
 *
 * <p>Train and test always have at least one row; dev may be empty.
 *
 * @param trainEnd the first row after the training part, at least 1
 * @param devEnd the first row after the dev part, at least {@code trainEnd}
 * @param end the first row after the test part, greater than {@code devEnd}
 */
public record TimeSplit(int trainEnd, int devEnd, int end) {

    /** Tolerance on the sum of the ratios. */
    private static final double RATIO_TOLERANCE = 1e-6;

    /**
     * Absorbs binary rounding of {@code rows * ratio}, so that 0.7 of 100 rows is 70, not 69 (the
     * product is 69.99999999999999 for some ratios).
     */
    private static final double FLOOR_EPSILON = 1e-9;

    /** The three parts of a split, in time order. */
    public enum Part {
        /** The rows a model is fitted on. */
        TRAIN,
        /** The rows used for early stopping and model selection; may be empty. */
        DEV,
        /** The held-out rows reported on. */
        TEST
    }

    /**
     * Validates the borders.
     *
     * @param trainEnd see {@link #trainEnd()}
     * @param devEnd see {@link #devEnd()}
     * @param end see {@link #end()}
     * @throws IllegalArgumentException unless {@code 0 < trainEnd <= devEnd < end}
     */
    public TimeSplit {
        Arguments.positive("trainEnd", trainEnd);
        if (devEnd < trainEnd) {
            throw new IllegalArgumentException(
                    "devEnd must be >= trainEnd, received: trainEnd="
                            + trainEnd
                            + ", devEnd="
                            + devEnd);
        }
        if (end <= devEnd) {
            throw new IllegalArgumentException(
                    "end must be > devEnd (test needs a row), received: devEnd="
                            + devEnd
                            + ", end="
                            + end);
        }
    }

    /**
     * Splits all rows by ratios. Row counts are rounded down: {@code trainEnd = floor(rows *
     * train)}, {@code devEnd = trainEnd + floor(rows * dev)}, and test takes the remaining rows up
     * to {@code end = rows}, so every row is used. For example 0.7/0.1/0.2 of 25 rows gives train
     * {@code [0, 17)}, dev {@code [17, 19)} and test {@code [19, 25)}.
     *
     * @param rows the number of rows in the series, at least 2
     * @param train the training ratio, {@code > 0}
     * @param dev the dev ratio, {@code >= 0}
     * @param test the test ratio, {@code > 0}
     * @return the split
     * @throws IllegalArgumentException when a ratio is out of range, the ratios do not sum to 1
     *     (within 1e-6), or the rounding leaves train or test without rows
     */
    public static TimeSplit ofRatios(int rows, double train, double dev, double test) {
        Arguments.atLeast("rows", rows, 2);
        if (!(train > 0 && train < 1)) {
            throw new IllegalArgumentException("train must be in (0, 1), received: train=" + train);
        }
        if (!(dev >= 0 && dev < 1)) {
            throw new IllegalArgumentException("dev must be in [0, 1), received: dev=" + dev);
        }
        if (!(test > 0 && test < 1)) {
            throw new IllegalArgumentException("test must be in (0, 1), received: test=" + test);
        }
        double sum = train + dev + test;
        if (Math.abs(sum - 1) > RATIO_TOLERANCE) {
            throw new IllegalArgumentException(
                    "train + dev + test must be 1, received: train="
                            + train
                            + ", dev="
                            + dev
                            + ", test="
                            + test
                            + " (sum "
                            + sum
                            + ")");
        }
        int trainRows = (int) Math.floor(rows * train + FLOOR_EPSILON);
        int devRows = (int) Math.floor(rows * dev + FLOOR_EPSILON);
        if (trainRows == 0) {
            throw new IllegalArgumentException(
                    "train must leave at least one training row, received: train="
                            + train
                            + " of rows="
                            + rows);
        }
        if (trainRows + devRows >= rows) {
            throw new IllegalArgumentException(
                    "test must leave at least one test row, received: test="
                            + test
                            + " of rows="
                            + rows);
        }
        return new TimeSplit(trainRows, trainRows + devRows, rows);
    }

    /**
     * Splits the first {@code train + dev + test} rows by counts; later rows are not used. The ETT
     * protocol for ETTh1/ETTh2 is {@code ofRows(rows, 8640, 2880, 2880)} (12/4/4 months of hourly
     * data).
     *
     * @param rows the number of rows in the series
     * @param train the training rows, {@code > 0}
     * @param dev the dev rows, {@code >= 0}
     * @param test the test rows, {@code > 0}
     * @return the split, with {@code end = train + dev + test}
     * @throws IllegalArgumentException when a count is out of range or the counts exceed {@code
     *     rows}
     */
    public static TimeSplit ofRows(int rows, int train, int dev, int test) {
        Arguments.positive("train", train);
        Arguments.atLeast("dev", dev, 0);
        Arguments.positive("test", test);
        long used = (long) train + dev + test;
        if (used > rows) {
            throw new IllegalArgumentException(
                    "train + dev + test must be <= rows, received: train="
                            + train
                            + ", dev="
                            + dev
                            + ", test="
                            + test
                            + " (sum "
                            + used
                            + "), rows="
                            + rows);
        }
        return new TimeSplit(train, train + dev, (int) used);
    }

    /**
     * Parses ratios such as {@code "0.7,0.1,0.2"} and applies {@link #ofRatios}.
     *
     * @param spec three comma-separated ratios train,dev,test
     * @param rows the number of rows in the series
     * @return the split
     * @throws IllegalArgumentException when the text is not three numbers or the ratios are invalid
     */
    public static TimeSplit parse(String spec, int rows) {
        double[] r = numbers(spec, "ratios", "0.7,0.1,0.2", Double::parseDouble);
        return ofRatios(rows, r[0], r[1], r[2]);
    }

    /**
     * Parses row counts such as {@code "8640,2880,2880"} and applies {@link #ofRows}.
     *
     * @param spec three comma-separated row counts train,dev,test
     * @param rows the number of rows in the series
     * @return the split
     * @throws IllegalArgumentException when the text is not three integers or the counts are
     *     invalid
     */
    public static TimeSplit parseRows(String spec, int rows) {
        double[] n = numbers(spec, "row counts", "8640,2880,2880", Integer::parseInt);
        return ofRows(rows, (int) n[0], (int) n[1], (int) n[2]);
    }

    /**
     * Splits {@code spec} into three numbers, reporting any problem with the same message.
     *
     * @param spec three comma-separated numbers
     * @param what what the numbers are, for the message
     * @param example a valid spec, for the message
     * @param number parses one trimmed part (integers come back exactly as doubles)
     * @return the three numbers
     * @throws IllegalArgumentException when there are not three parts or a part does not parse
     */
    private static double[] numbers(
            String spec, String what, String example, ToDoubleFunction<String> number) {
        Objects.requireNonNull(spec, "spec");
        String[] parts = spec.split(",", -1);
        if (parts.length != 3) {
            throw notThreeNumbers(spec, what, example, null);
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                values[i] = number.applyAsDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw notThreeNumbers(spec, what, example, e);
            }
        }
        return values;
    }

    private static IllegalArgumentException notThreeNumbers(
            String spec, String what, String example, NumberFormatException cause) {
        return new IllegalArgumentException(
                "split must be three comma-separated "
                        + what
                        + " train,dev,test such as "
                        + example
                        + ", received: split='"
                        + spec
                        + "'",
                cause);
    }

    /**
     * Returns the first row of a part.
     *
     * @param part the part
     * @return 0 for train, {@code trainEnd} for dev, {@code devEnd} for test
     */
    public int start(Part part) {
        return switch (Objects.requireNonNull(part, "part")) {
            case TRAIN -> 0;
            case DEV -> trainEnd;
            case TEST -> devEnd;
        };
    }

    /**
     * Returns the first row after a part.
     *
     * @param part the part
     * @return {@code trainEnd}, {@code devEnd} or {@code end}
     */
    public int end(Part part) {
        return switch (Objects.requireNonNull(part, "part")) {
            case TRAIN -> trainEnd;
            case DEV -> devEnd;
            case TEST -> end;
        };
    }

    /**
     * Returns the number of rows in a part.
     *
     * @param part the part
     * @return {@code end(part) - start(part)}; 0 only for an empty dev part
     */
    public int rows(Part part) {
        return end(part) - start(part);
    }
}
