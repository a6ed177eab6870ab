package org.rnnkit.examples;

import java.nio.file.Path;
import java.util.Arrays;
import org.rnnkit.api.Forecaster;

/** Trains a forecaster on a generated series, forecasts, saves it, loads it and forecasts again. */
public final class ForecastExample {

    private ForecastExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code forecast.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        double[] values = new double[240]; // a cycle of 12 steps on a slow trend
        for (int t = 0; t < values.length; t++) {
            values[t] = 10 + 0.01 * t + 3 * Math.sin(2 * Math.PI * t / 12);
        }
        Forecaster forecaster =
                Forecaster.builder().lookback(24).horizon(3).season(12).epochs(5).build();
        System.out.println(forecaster.fit(values).report()); // backtest beside naive baselines
        System.out.println(Arrays.toString(forecaster.predict(values))); // the next 3 steps

        Path file = Path.of(args.length > 0 ? args[0] : "forecast.zip");
        forecaster.save(file); // the bundle `rnnkit forecast predict --model` reads
        System.out.println(Arrays.toString(Forecaster.load(file).predict(values)));
    }
}
