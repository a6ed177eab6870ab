package org.rnnkit.recipes.forecast;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.TimeSplit;
import org.rnnkit.data.TimeSplit.Part;
import org.rnnkit.recipes.forecast.ForecastModel.Prepared;
import org.rnnkit.recipes.forecast.ForecastModel.Spec;

/**
 * The report's picture: history, truth and forecast of the first target in the last test window.
 */
final class ForecastPlot {

    private ForecastPlot() {}

    /**
     * Writes the plot of the last test window as PNG (atomically).
     *
     * @param model the model
     * @param prepared the series in the model's space
     * @param split the split whose test part ends the window
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    static void lastTestWindow(ForecastModel model, Prepared prepared, TimeSplit split, Path file)
            throws IOException {
        Spec spec = model.spec();
        int h = spec.horizon();
        int origin = split.end(Part.TEST) - h;
        double[][] forecast = model.forecast(prepared, new int[] {origin})[0];
        double[] y = prepared.original(0);
        int from = Math.max(0, origin - Math.max(spec.lookback(), 2 * h));
        double[] historyX = new double[origin - from];
        double[] historyY = new double[origin - from];
        for (int r = from; r < origin; r++) {
            historyX[r - from] = r;
            historyY[r - from] = y[r];
        }
        double[] futureX = new double[h];
        double[] truth = new double[h];
        double[] predicted = new double[h];
        for (int k = 0; k < h; k++) {
            futureX[k] = origin + k;
            truth[k] = y[origin + k];
            predicted[k] = forecast[k][0];
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(1000)
                        .height(500)
                        .title("Last test window: " + spec.targets().get(0))
                        .xAxisTitle("row")
                        .yAxisTitle(spec.targets().get(0))
                        .build();
        chart.addSeries("history", historyX, historyY).setMarker(SeriesMarkers.NONE);
        chart.addSeries("truth", futureX, truth).setMarker(SeriesMarkers.NONE);
        chart.addSeries("forecast", futureX, predicted).setMarker(SeriesMarkers.NONE);
        AtomicFiles.write(
                file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
