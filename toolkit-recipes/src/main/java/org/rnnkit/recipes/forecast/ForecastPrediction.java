package org.rnnkit.recipes.forecast;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;
import org.rnnkit.recipes.forecast.ForecastModel.Spec;

/**
 * The prediction stage of the forecaster: the forecast after the end of a series.
 *
 * @param header the column line ({@code time} and the targets)
 * @param times the time stamp (or step number) of each forecast step
 * @param values {@code [step][target]} in original units
 */
public record ForecastPrediction(String header, List<String> times, double[][] values) {

    /**
     * Forecasts the {@code horizon} steps after the end of a CSV. The network reads the last {@code
     * lookback} rows with its stored recurrent state: all but the last row at once, then the last
     * one as a single step (as new observations would arrive).
     *
     * @param model the model
     * @param data the history, with the model's columns
     * @return the forecast with time stamps (or step numbers when the series has no times)
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the history is shorter than the lookback
     */
    public static ForecastPrediction of(ForecastModel model, Path data) throws IOException {
        return of(model, model.spec().read(data), data.toString());
    }

    /**
     * Forecasts the {@code horizon} steps after the end of a series already in memory, as {@link
     * #of(ForecastModel, Path)} does for a CSV.
     *
     * @param model the model
     * @param history the history, with the model's columns (others are ignored)
     * @return the forecast with time stamps (or step numbers when the series has no times)
     * @throws IllegalArgumentException when a model column is missing or the history is shorter
     *     than the lookback
     */
    public static ForecastPrediction of(ForecastModel model, TimeSeries history) {
        return of(model, history, "the history");
    }

    private static ForecastPrediction of(ForecastModel model, TimeSeries history, String source) {
        Spec spec = model.spec();
        TimeSeries series = ForecastData.select(history, spec.targets(), spec.covariates());
        int n = series.rows();
        if (n < spec.lookback()) {
            throw new IllegalArgumentException(
                    "the model reads "
                            + spec.lookback()
                            + " rows of history, "
                            + source
                            + " has "
                            + n);
        }
        Prepared prepared = model.prepare(series, spec.horizon());
        ForecastModel.Stream stream = model.stream(prepared);
        if (spec.lookback() > 1) {
            stream.observe(n - spec.lookback(), n - 1);
        }
        stream.observe(n - 1, n);
        double[][] values = stream.forecast();
        List<String> times = new ArrayList<>();
        boolean hasTimes = series.times().isPresent();
        DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
        for (int k = 1; k <= spec.horizon(); k++) {
            times.add(hasTimes ? format.format(series.nextTime(k)) : "+" + k);
        }
        String header = series.timeColumn().orElse("step") + "," + String.join(",", spec.targets());
        return new ForecastPrediction(header, times, values);
    }

    /**
     * Formats one line per step: time and values, comma-separated.
     *
     * @return the lines
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>(times.size());
        for (int k = 0; k < times.size(); k++) {
            StringBuilder line = new StringBuilder(times.get(k));
            for (double v : values[k]) {
                line.append(',').append(String.format(Locale.ROOT, "%.6g", v));
            }
            out.add(line.toString());
        }
        return out;
    }
}
