package org.rnnkit.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates point forecast errors over forecast windows, overall and per horizon step, in the
 * original units of the series.
 *
 * <p>Each call to {@link #add(double[], double[])} takes one forecast window of {@code horizon}
 * values; index {@code k} is the forecast {@code k + 1} steps ahead of the origin. The metrics are:
 *
 * <ul>
 *   <li>MAE, mean of {@code |f - y|};
 *   <li>MSE, mean of {@code (f - y)^2}, and RMSE, its square root;
 *   <li>sMAPE in percent on a 0 to 200 scale, mean of {@code 200 |f - y| / (|f| + |y|)}, where a
 *       term with {@code |f| + |y| == 0} counts as 0 (Makridakis 1993, as used in the M3 and M4
 *       competitions);
 *   <li>MASE, MAE divided by the in-sample MAE of the seasonal naive forecast on the training part
 *       (Hyndman and Koehler 2006, "Another look at measures of forecast accuracy"), see {@link
 *       #seasonalNaiveScale(double[], int)}.
 * </ul>
 *
 * <p>Instances are mutable and not thread-safe.
 */
public final class ForecastMetrics {

    private final int horizon;
    private final double maseScale;
    private final double[] absErrorSum;
    private final double[] squaredErrorSum;
    private double smapeSum;
    private long windows;

    /**
     * Creates an empty accumulator.
     *
     * @param horizon the number of steps in each forecast window
     * @param maseScale the MASE denominator, usually {@link #seasonalNaiveScale(double[], int)} of
     *     the training part; 0, NaN or infinite make {@link #mase()} NaN
     * @throws IllegalArgumentException when {@code horizon <= 0} or {@code maseScale < 0}
     */
    public ForecastMetrics(int horizon, double maseScale) {
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon must be > 0, received: horizon=" + horizon);
        }
        if (maseScale < 0) {
            throw new IllegalArgumentException(
                    "maseScale must be >= 0, received: maseScale=" + maseScale);
        }
        this.horizon = horizon;
        this.maseScale = maseScale;
        this.absErrorSum = new double[horizon];
        this.squaredErrorSum = new double[horizon];
    }

    /**
     * Returns the MASE denominator of Hyndman and Koehler (2006): the mean absolute difference
     * between each training value and the value one season earlier, {@code mean |y[t] - y[t -
     * season]|} over {@code t = season .. n - 1}. A season of 1 gives the naive (random-walk)
     * scale.
     *
     * @param train the training part of the series, in original units
     * @param season the seasonal period, 1 for the non-seasonal naive scale
     * @return the scale, 0 when the training series repeats exactly every season
     * @throws IllegalArgumentException when {@code season <= 0}, when {@code train.length <=
     *     season}, or when a training value is not finite
     */
    public static double seasonalNaiveScale(double[] train, int season) {
        Objects.requireNonNull(train, "train");
        if (season <= 0) {
            throw new IllegalArgumentException("season must be > 0, received: season=" + season);
        }
        if (train.length <= season) {
            throw new IllegalArgumentException(
                    "train.length must be > season, received: train.length="
                            + train.length
                            + ", season="
                            + season);
        }
        requireFinite("train", train);
        double sum = 0;
        for (int t = season; t < train.length; t++) {
            sum += Math.abs(train[t] - train[t - season]);
        }
        return sum / (train.length - season);
    }

    /**
     * Adds one forecast window and the values that actually occurred.
     *
     * @param forecast the forecasts, {@code [horizon]}, index {@code k} = {@code k + 1} steps ahead
     * @param truth the observed values, {@code [horizon]}, aligned with {@code forecast}
     * @throws IllegalArgumentException when either array does not have length {@code horizon} or
     *     holds a value that is not finite; nothing is accumulated then
     */
    public void add(double[] forecast, double[] truth) {
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(truth, "truth");
        requireLength("forecast", forecast);
        requireLength("truth", truth);
        requireFinite("forecast", forecast);
        requireFinite("truth", truth);
        for (int k = 0; k < horizon; k++) {
            double error = forecast[k] - truth[k];
            double absError = Math.abs(error);
            absErrorSum[k] += absError;
            squaredErrorSum[k] += error * error;
            double denominator = Math.abs(forecast[k]) + Math.abs(truth[k]);
            if (denominator > 0) {
                smapeSum += 200.0 * absError / denominator;
            }
        }
        windows++;
    }

    /**
     * Returns the number of steps in each forecast window.
     *
     * @return the horizon
     */
    public int horizon() {
        return horizon;
    }

    /**
     * Returns the MASE denominator given at construction.
     *
     * @return the scale
     */
    public double maseScale() {
        return maseScale;
    }

    /**
     * Returns the number of forecast windows added.
     *
     * @return the window count
     */
    public long windows() {
        return windows;
    }

    /**
     * Returns the number of (forecast, truth) pairs added, that is windows times horizon.
     *
     * @return the pair count
     */
    public long count() {
        return windows * horizon;
    }

    /**
     * Returns the mean absolute error over all steps.
     *
     * @return MAE in original units
     * @throws IllegalStateException when nothing has been added
     */
    public double mae() {
        requireData();
        return sum(absErrorSum) / count();
    }

    /**
     * Returns the mean squared error over all steps.
     *
     * @return MSE in squared original units
     * @throws IllegalStateException when nothing has been added
     */
    public double mse() {
        requireData();
        return sum(squaredErrorSum) / count();
    }

    /**
     * Returns the root mean squared error over all steps.
     *
     * @return RMSE in original units
     * @throws IllegalStateException when nothing has been added
     */
    public double rmse() {
        return Math.sqrt(mse());
    }

    /**
     * Returns the symmetric mean absolute percentage error over all steps.
     *
     * @return sMAPE in percent, between 0 and 200
     * @throws IllegalStateException when nothing has been added
     */
    public double smape() {
        requireData();
        return smapeSum / count();
    }

    /**
     * Returns the mean absolute scaled error, {@link #mae()} divided by {@link #maseScale()}.
     *
     * @return MASE, below 1 when the forecasts beat the in-sample seasonal naive forecast; NaN when
     *     the scale is 0 or not finite
     * @throws IllegalStateException when nothing has been added
     */
    public double mase() {
        double mae = mae();
        if (maseScale == 0 || !Double.isFinite(maseScale)) {
            return Double.NaN;
        }
        return mae / maseScale;
    }

    /**
     * Returns the mean absolute error of one horizon step.
     *
     * @param step the 0-based step, {@code step + 1} steps ahead
     * @return MAE of that step in original units
     * @throws IllegalArgumentException when {@code step} is not in {@code [0, horizon)}
     * @throws IllegalStateException when nothing has been added
     */
    public double mae(int step) {
        requireStep(step);
        requireData();
        return absErrorSum[step] / windows;
    }

    /**
     * Returns the mean squared error of one horizon step.
     *
     * @param step the 0-based step, {@code step + 1} steps ahead
     * @return MSE of that step in squared original units
     * @throws IllegalArgumentException when {@code step} is not in {@code [0, horizon)}
     * @throws IllegalStateException when nothing has been added
     */
    public double mse(int step) {
        requireStep(step);
        requireData();
        return squaredErrorSum[step] / windows;
    }

    /**
     * Returns the root mean squared error of one horizon step.
     *
     * @param step the 0-based step, {@code step + 1} steps ahead
     * @return RMSE of that step in original units
     * @throws IllegalArgumentException when {@code step} is not in {@code [0, horizon)}
     * @throws IllegalStateException when nothing has been added
     */
    public double rmse(int step) {
        return Math.sqrt(mse(step));
    }

    /**
     * Returns the overall metrics keyed by {@code prefix} plus {@code mae}, {@code mse}, {@code
     * rmse}, {@code smape} and {@code mase}, in that order.
     *
     * @param prefix prepended to each key, for example {@code "test_"}; may be empty
     * @return an unmodifiable, ordered map
     * @throws IllegalStateException when nothing has been added
     */
    public Map<String, Double> toMetrics(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "mae", mae());
        metrics.put(prefix + "mse", mse());
        metrics.put(prefix + "rmse", rmse());
        metrics.put(prefix + "smape", smape());
        metrics.put(prefix + "mase", mase());
        return Collections.unmodifiableMap(metrics);
    }

    private void requireLength(String name, double[] values) {
        if (values.length != horizon) {
            throw new IllegalArgumentException(
                    name
                            + ".length must be horizon="
                            + horizon
                            + ", received: "
                            + name
                            + ".length="
                            + values.length);
        }
    }

    private static void requireFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name
                                + " values must be finite, received: "
                                + name
                                + "["
                                + i
                                + "]="
                                + values[i]);
            }
        }
    }

    private void requireStep(int step) {
        if (step < 0 || step >= horizon) {
            throw new IllegalArgumentException(
                    "step must be in [0, " + horizon + "), received: step=" + step);
        }
    }

    private void requireData() {
        if (windows == 0) {
            throw new IllegalStateException("no forecasts added yet, call add(forecast, truth)");
        }
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }
}
