package org.rnnkit.recipes.inspect;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of an inspection report, drawn as PNG with XChart like the training loss plot.
 *
 * @param file the file name in the report directory, e.g. {@code lengths.png}
 * @param title the title
 * @param xTitle the x axis title
 * @param yTitle the y axis title
 * @param series the lines
 */
public record Chart(String file, String title, String xTitle, String yTitle, List<Series> series) {

    /** Bins of a length histogram drawn at most; longer ranges are grouped into wider bins. */
    static final int MAX_BINS = 120;

    /**
     * One line of a chart.
     *
     * @param name the legend entry
     * @param x the x values
     * @param y the y values, as many as {@code x}
     */
    public record Series(String name, double[] x, double[] y) {

        /**
         * Validates the series.
         *
         * @throws IllegalArgumentException when {@code x} and {@code y} differ in length
         */
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "x and y must have the same length, received: "
                                + x.length
                                + " and "
                                + y.length);
            }
        }
    }

    /**
     * Validates and copies the chart.
     *
     * @throws NullPointerException for a null component
     */
    public Chart {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
    }

    /**
     * Returns the length histogram chart ({@code lengths.png}): examples per length bin, one line
     * per histogram, and a vertical line at the suggested {@code --max-length}.
     *
     * @param title the title
     * @param unit what a length counts, e.g. {@code tokens}
     * @param histograms legend entry to histogram, e.g. {@code source} and {@code target}
     * @param suggestedMaxLength the cut-off to mark, or 0 for none
     * @return the chart
     */
    public static Chart lengths(
            String title,
            String unit,
            Map<String, LengthHistogram> histograms,
            int suggestedMaxLength) {
        int max = 1;
        for (LengthHistogram h : histograms.values()) {
            max = Math.max(max, h.max());
        }
        int width = Math.max(1, (max + MAX_BINS) / MAX_BINS);
        List<Series> lines = new ArrayList<>();
        double top = 1;
        for (Map.Entry<String, LengthHistogram> e : histograms.entrySet()) {
            int bins = max / width + 1;
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int b = 0; b < bins; b++) {
                x[b] = b * width;
                for (int len = b * width; len < (b + 1) * width; len++) {
                    y[b] += e.getValue().count(len);
                }
                top = Math.max(top, y[b]);
            }
            lines.add(new Series(e.getKey(), x, y));
        }
        if (suggestedMaxLength > 0) {
            lines.add(
                    new Series(
                            "suggested --max-length " + suggestedMaxLength,
                            new double[] {suggestedMaxLength, suggestedMaxLength},
                            new double[] {0, top}));
        }
        String yTitle = width == 1 ? "examples" : "examples per " + width + " " + unit;
        return new Chart("lengths.png", title, "length (" + unit + ")", yTitle, lines);
    }

    /**
     * Draws the chart.
     *
     * @return PNG bytes
     * @throws IOException when the image cannot be encoded
     */
    public byte[] png() throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(800)
                        .height(450)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Series s : series) {
            XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
            line.setMarker(SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
