package org.rnnkit.recipes.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.data.ForecastWindows;
import org.rnnkit.data.Standardizer;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.eval.ForecastBaseline;
import org.rnnkit.eval.ForecastMetrics;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;
import org.rnnkit.recipes.forecast.ForecastModel.Spec;
import org.rnnkit.train.DevMetric;

/**
 * The evaluation stage of the forecaster: a rolling-origin backtest over one part of the split. The
 * network and the baselines that apply (naive, seasonal naive, drift and mean, and seasonal naive
 * scaled by the last seasonal growth for positive series) forecast the same windows; MAE, MSE and
 * RMSE in original units, MSE and MAE on the standardized scale (the ETT literature's numbers),
 * sMAPE and MASE (scaled by the in-sample seasonal naive error) are reported for each, and the RMSE
 * per horizon step.
 *
 * @param metrics the network's scores ({@code mse_standardized}, ..., {@code windows}) and each
 *     baseline's with its prefix ({@code naive_mse}, ...)
 * @param report the table of all forecasters and the per-step RMSE
 */
record ForecastBacktest(Map<String, Double> metrics, String report) {

    /**
     * Scores a model on the windows of one part.
     *
     * @param model the model
     * @param prepared the series in the model's space
     * @param split the split the part belongs to
     * @param part the part whose rows the forecasts cover
     * @param stride steps between window origins
     * @return the scores and the report
     * @throws IllegalArgumentException when the part holds no window
     */
    static ForecastBacktest run(
            ForecastModel model, Prepared prepared, TimeSplit split, Part part, int stride) {
        Spec spec = model.spec();
        int h = spec.horizon();
        int season = Math.max(1, spec.season());
        int[] origins = ForecastWindows.origins(split, part, spec.lookback(), h, stride);
        double[][][] forecast = model.forecast(prepared, origins);
        Truth truth = Truth.of(prepared, split.trainEnd(), season);
        ForecastScores rnn = truth.emptyScores(h);
        Map<ForecastBaseline, ForecastScores> baselines = new EnumMap<>(ForecastBaseline.class);
        for (ForecastBaseline b : baselines(spec.season(), truth.positive())) {
            baselines.put(b, truth.emptyScores(h));
        }
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            for (int j = 0; j < truth.y().length; j++) {
                double[] actual = Arrays.copyOfRange(truth.y()[j], o, o + h);
                double[] f = new double[h];
                for (int k = 0; k < h; k++) {
                    f[k] = forecast[i][k][j];
                }
                rnn.add(j, f, actual, truth.mean()[j]);
                double[] history = Arrays.copyOf(truth.y()[j], o);
                for (Map.Entry<ForecastBaseline, ForecastScores> b : baselines.entrySet()) {
                    double[] baseline = b.getKey().forecast(history, h, season);
                    b.getValue().add(j, baseline, actual, truth.mean()[j]);
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(rnn.toMetrics(""));
        metrics.put("windows", (double) origins.length);
        baselines.forEach((b, scores) -> metrics.putAll(scores.toMetrics(b.key() + "_")));
        String header =
                String.format(
                        Locale.ROOT,
                        "%s part: rows %d-%d, %d windows (origins every %d step%s), lookback %d,"
                                + " horizon %d, season %d%n",
                        part.name().toLowerCase(Locale.ROOT),
                        split.start(part),
                        split.end(part) - 1,
                        origins.length,
                        stride,
                        stride == 1 ? "" : "s",
                        spec.lookback(),
                        h,
                        spec.season());
        return new ForecastBacktest(metrics, header + table(spec, rnn, baselines));
    }

    /**
     * Returns the dev metric that selects the epoch: the dev windows' MSE on the standardized
     * (model) scale, negated; without dev windows, the epoch count (the last epoch is kept).
     *
     * @param data the prepared data
     * @param options the settings, handed to the model under evaluation
     * @return the metric
     */
    static DevMetric devMetric(ForecastData data, ForecastOptions options) {
        if (!data.hasDev()) {
            int[] epochs = {0};
            return DevMetric.of("epoch", net -> ++epochs[0]);
        }
        Spec spec = data.spec();
        int[] origins =
                ForecastWindows.origins(data.split(), Part.DEV, spec.lookback(), spec.horizon(), 1);
        double[][] values = data.prepared().values();
        return DevMetric.of(
                "dev_mse_negated",
                net -> {
                    double[][][] z =
                            new ForecastModel(net, spec, options, null)
                                    .forecastStandardized(data.prepared(), origins);
                    double sum = 0;
                    long count = 0;
                    for (int i = 0; i < origins.length; i++) {
                        for (int k = 0; k < spec.horizon(); k++) {
                            for (int j = 0; j < spec.targets().size(); j++) {
                                double e = z[i][k][j] - values[origins[i] + k][j];
                                sum += e * e;
                                count++;
                            }
                        }
                    }
                    return -sum / count;
                });
    }

    /**
     * The targets' actual values and what the scores need from the training part.
     *
     * @param y per target, the original values of every row
     * @param mean per target, the training part's mean
     * @param std per target, the training part's standard deviation
     * @param scale per target, the in-sample seasonal naive error (MASE's scale)
     * @param positive whether every training value of every target is positive
     */
    private record Truth(
            double[][] y, double[] mean, double[] std, double[] scale, boolean positive) {

        static Truth of(Prepared prepared, int trainEnd, int season) {
            int n = prepared.spec().targets().size();
            double[][] y = new double[n][];
            double[] mean = new double[n];
            double[] std = new double[n];
            double[] scale = new double[n];
            boolean positive = true;
            for (int j = 0; j < n; j++) {
                y[j] = prepared.original(j);
                double[] train = Arrays.copyOf(y[j], trainEnd);
                Standardizer s = Standardizer.fit(List.of("y"), column(train), 0, train.length);
                mean[j] = s.mean()[0];
                std[j] = s.std()[0];
                scale[j] =
                        train.length > season
                                ? ForecastMetrics.seasonalNaiveScale(train, season)
                                : Double.NaN;
                for (double v : train) {
                    positive &= v > 0;
                }
            }
            return new Truth(y, mean, std, scale, positive);
        }

        ForecastScores emptyScores(int horizon) {
            return new ForecastScores(horizon, scale, std);
        }

        private static double[][] column(double[] values) {
            double[][] out = new double[values.length][1];
            for (int i = 0; i < values.length; i++) {
                out[i][0] = values[i];
            }
            return out;
        }
    }

    /** The baselines that apply to a series with the given season and training values. */
    private static List<ForecastBaseline> baselines(int season, boolean positive) {
        List<ForecastBaseline> out = new ArrayList<>();
        for (ForecastBaseline b : ForecastBaseline.values()) {
            boolean seasonal =
                    b == ForecastBaseline.SEASONAL_NAIVE || b == ForecastBaseline.SEASONAL_GROWTH;
            if (seasonal && season <= 1) {
                continue;
            }
            if (b == ForecastBaseline.SEASONAL_GROWTH && !positive) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    private static String table(
            Spec spec, ForecastScores rnn, Map<ForecastBaseline, ForecastScores> baselines) {
        StringBuilder report = new StringBuilder();
        report.append(
                String.format(
                        Locale.ROOT,
                        "%-26s %10s %10s %11s %11s %11s %8s %7s%n",
                        "forecast",
                        "MSE (std)",
                        "MAE (std)",
                        "MSE",
                        "MAE",
                        "RMSE",
                        "sMAPE %",
                        "MASE"));
        String name = spec.topology() == Topology.DIRECT ? "RNN (direct)" : "RNN (encoder-decoder)";
        report.append(rnn.row(name));
        baselines.forEach((b, scores) -> report.append(scores.row(b.displayName())));
        int h = spec.horizon();
        if (h == 1) {
            return report.toString();
        }
        report.append("\nRMSE per horizon step\n");
        report.append(String.format(Locale.ROOT, "%6s %12s", "step", "RNN"));
        for (ForecastBaseline b : baselines.keySet()) {
            report.append(String.format(Locale.ROOT, " %12s", b.key()));
        }
        report.append('\n');
        for (int step : reportedSteps(h)) {
            report.append(String.format(Locale.ROOT, "%6d %12.5g", step, rnn.rmse(step - 1)));
            for (ForecastScores s : baselines.values()) {
                report.append(String.format(Locale.ROOT, " %12.5g", s.rmse(step - 1)));
            }
            report.append('\n');
        }
        return report.toString();
    }

    /**
     * Returns the horizon steps the per-step table shows.
     *
     * @param h the horizon
     * @return every step up to 12, then a roughly geometric selection ending at the horizon
     */
    static List<Integer> reportedSteps(int h) {
        List<Integer> steps = new ArrayList<>();
        for (int k = 1; k <= Math.min(h, 12); k++) {
            steps.add(k);
        }
        for (int k = 24; k < h; k *= 2) {
            steps.add(k);
        }
        if (h > 12) {
            steps.add(h);
        }
        return steps;
    }
}
