package org.rnnkit.recipes.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.eval.ForecastMetrics;

/**
 * The scores of one forecaster (the network or a baseline) over all targets of a backtest: MSE,
 * MAE, RMSE, sMAPE and MASE in original units and MSE and MAE on the standardized scale, each
 * averaged over the targets (one target: its own values).
 */
final class ForecastScores {

    private final ForecastMetrics[] original;
    private final ForecastMetrics[] standardized;
    private final double[] std;

    /**
     * Starts empty scores.
     *
     * @param horizon forecast steps per window
     * @param scale per target, the in-sample seasonal naive error that scales MASE
     * @param std per target, the training part's standard deviation (the standardized scale)
     */
    ForecastScores(int horizon, double[] scale, double[] std) {
        this.original = new ForecastMetrics[scale.length];
        this.standardized = new ForecastMetrics[scale.length];
        this.std = std;
        for (int j = 0; j < scale.length; j++) {
            original[j] = new ForecastMetrics(horizon, scale[j]);
            standardized[j] = new ForecastMetrics(horizon, scale[j] / std[j]);
        }
    }

    /**
     * Adds one window's forecast of one target.
     *
     * @param target the target index
     * @param forecast the forecast in original units, one value per step
     * @param truth the actual values
     * @param mean the training part's mean of the target (the standardized scale)
     */
    void add(int target, double[] forecast, double[] truth, double mean) {
        original[target].add(forecast, truth);
        double[] fz = new double[forecast.length];
        double[] tz = new double[truth.length];
        for (int k = 0; k < fz.length; k++) {
            fz[k] = (forecast[k] - mean) / std[target];
            tz[k] = (truth[k] - mean) / std[target];
        }
        standardized[target].add(fz, tz);
    }

    /**
     * Returns the RMSE of one horizon step in original units, averaged over the targets.
     *
     * @param step the 0-based step
     * @return the RMSE
     */
    double rmse(int step) {
        double sum = 0;
        for (ForecastMetrics m : original) {
            sum += m.rmse(step);
        }
        return sum / original.length;
    }

    /**
     * Returns the scores as metrics.
     *
     * @param prefix put before each name, for example {@code "naive_"}
     * @return {@code mse_standardized}, {@code mae_standardized}, {@code mse}, {@code mae}, {@code
     *     rmse}, {@code smape} and {@code mase}, prefixed
     */
    Map<String, Double> toMetrics(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "mse_standardized", average(standardized, "mse"));
        out.put(prefix + "mae_standardized", average(standardized, "mae"));
        for (String key : List.of("mse", "mae", "rmse", "smape", "mase")) {
            out.put(prefix + key, average(original, key));
        }
        return out;
    }

    /**
     * Returns the scores as one row of the report's table.
     *
     * @param name the forecaster's name, first column
     * @return the row, line end included
     */
    String row(String name) {
        return String.format(
                Locale.ROOT,
                "%-26s %10.5f %10.5f %11.5g %11.5g %11.5g %8.3f %7.4f%n",
                name,
                average(standardized, "mse"),
                average(standardized, "mae"),
                average(original, "mse"),
                average(original, "mae"),
                average(original, "rmse"),
                average(original, "smape"),
                average(original, "mase"));
    }

    private static double average(ForecastMetrics[] metrics, String key) {
        double sum = 0;
        for (ForecastMetrics m : metrics) {
            sum += m.toMetrics("").get(key);
        }
        return sum / metrics.length;
    }
}
