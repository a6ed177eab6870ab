package org.rnnkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns forecast windows of a (transformed) multivariate series into batches.
 *
 * <p>A window with origin {@code o} reads the input rows {@code [o - lookback, o)} and forecasts
 * the target rows {@code [o, o + horizon)} (see {@link ForecastWindows}). The batch holds
 *
 * <ul>
 *   <li>features {@code [batch, inputs + calendar, lookback]}: every input column of the row, then
 *       the row's calendar features;
 *   <li>for the encoder-decoder layout, an extra input {@code [batch, calendar + 1, horizon]}: the
 *       calendar features of each forecast row (known in advance) and the step index {@code (k + 1)
 *       / horizon};
 *   <li>optionally (for a linear autoregressive component), a last extra input {@code [batch,
 *       targets * lookback]}: the target columns of the window, flattened;
 *   <li>labels, when the targets are known: {@code [batch, horizon * targets]} (index {@code k *
 *       targets + j}) for the direct layout, {@code [batch, targets, horizon]} for the
 *       encoder-decoder layout.
 * </ul>
 *
 * <p>Labels are residuals: {@code y[o + k]} minus a simple {@link Reference} forecast (by default
 * the last observed value), so that a network whose output is zero reproduces that forecast and
 * learns what it adds to it. {@link #toForecast} undoes this. Windows have one length, so the masks
 * are all ones.
 */
public final class WindowBatcher {

    private final double[][] values;
    private final double[][] calendar;
    private final int[] targets;
    private final Layout layout;
    private final int lookback;
    private final int horizon;
    private final boolean sequenceLabels;
    private final boolean relativeInputs;
    private final boolean window;

    /**
     * The simple forecast that the network corrects: labels are {@code y[o + k] - reference(o, k)},
     * so a network whose output is zero reproduces the reference. All three read only rows before
     * the origin.
     */
    public enum Reference {
        /** The last observed value, {@code y[o - 1]}. */
        NAIVE,
        /** The value one season earlier, {@code y[o + k - m (k / m + 1)]}. */
        SEASONAL_NAIVE,
        /**
         * Seasonal naive plus the last year-over-year change per season passed, {@code y[o + k - m
         * (k / m + 1)] + (k / m + 1) (y[o - 1] - y[o - 1 - m])}; on log-transformed values this is
         * seasonal naive scaled by the growth.
         */
        SEASONAL_GROWTH;

        /**
         * Parses a name: {@code naive}, {@code seasonal} (or {@code seasonal-naive}) or {@code
         * seasonal-growth}.
         *
         * @param name the name, case-insensitive
         * @return the reference
         * @throws IllegalArgumentException for another name
         */
        public static Reference parse(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "naive" -> NAIVE;
                case "seasonal", "seasonal-naive" -> SEASONAL_NAIVE;
                case "seasonal-growth", "growth" -> SEASONAL_GROWTH;
                default ->
                        throw new IllegalArgumentException(
                                "reference must be naive, seasonal or seasonal-growth, received: "
                                        + name);
            };
        }

        /** The rows before an origin this reference reads. */
        int history(int season) {
            return switch (this) {
                case NAIVE -> 1;
                case SEASONAL_NAIVE -> season;
                case SEASONAL_GROWTH -> season + 1;
            };
        }
    }

    /**
     * How windows become network inputs and labels.
     *
     * @param lookback input steps per window, at least 1
     * @param horizon forecast steps per window, at least 1
     * @param sequenceLabels {@code true} for the encoder-decoder layout, {@code false} for direct
     * @param relativeInputs {@code true} to feed each column as its difference to the window's
     *     first row, so the network sees shapes, not levels (robust to level shifts between the
     *     training and the test period); the first row is known when a window starts, so a stream
     *     that reads the window step by step gets the same inputs
     * @param window {@code true} to add the flattened target columns of the window as a last input
     *     {@code [batch, targets * lookback]} (for a linear autoregressive component; index {@code
     *     j * lookback + s})
     * @param reference the forecast the labels are relative to
     * @param season the season length for the seasonal references (ignored by {@code NAIVE})
     */
    public record Layout(
            int lookback,
            int horizon,
            boolean sequenceLabels,
            boolean relativeInputs,
            boolean window,
            Reference reference,
            int season) {

        /**
         * Validates the layout.
         *
         * @throws IllegalArgumentException when a size is out of range, or a seasonal reference
         *     reads further back than the lookback
         */
        public Layout {
            Objects.requireNonNull(reference, "reference");
            Arguments.atLeast("lookback", lookback, 1);
            Arguments.atLeast("horizon", horizon, 1);
            if (reference != Reference.NAIVE && season < 2) {
                throw new IllegalArgumentException(
                        "a seasonal reference needs season >= 2, received: season=" + season);
            }
            if (reference.history(season) > lookback) {
                throw new IllegalArgumentException(
                        "reference "
                                + reference
                                + " reads "
                                + reference.history(season)
                                + " rows back, more than lookback="
                                + lookback);
            }
        }

        /**
         * The plain layout: direct labels relative to the last value, levels as inputs.
         *
         * @param lookback input steps
         * @param horizon forecast steps
         * @return the layout
         */
        public static Layout direct(int lookback, int horizon) {
            return new Layout(lookback, horizon, false, false, false, Reference.NAIVE, 1);
        }
    }

    /**
     * Creates the batcher.
     *
     * @param values the series, {@code [row][column]}, already standardized; not copied
     * @param calendar calendar features per row, {@code [row][feature]} (may have 0 features), or
     *     {@code null} for none; may have more rows than {@code values}: the encoder-decoder reads
     *     the calendar of the forecast rows, also past the end of the series
     * @param targets the column indices forecast
     * @param layout window sizes, input and label form
     * @throws IllegalArgumentException when a target index is not a column or the calendar is short
     */
    public WindowBatcher(double[][] values, double[][] calendar, int[] targets, Layout layout) {
        this.values = Objects.requireNonNull(values, "values");
        this.calendar = calendar;
        this.targets = Objects.requireNonNull(targets, "targets").clone();
        if (values.length == 0) {
            throw new IllegalArgumentException("values must have rows, received: 0 rows");
        }
        if (this.targets.length == 0) {
            throw new IllegalArgumentException("targets must not be empty");
        }
        for (int t : this.targets) {
            if (t < 0 || t >= values[0].length) {
                throw new IllegalArgumentException(
                        "target column "
                                + t
                                + " is not one of the "
                                + values[0].length
                                + " columns");
            }
        }
        if (calendar != null && calendar.length < values.length) {
            throw new IllegalArgumentException(
                    "calendar must have a row for every value row, received: "
                            + calendar.length
                            + " rows for "
                            + values.length);
        }
        this.layout = Objects.requireNonNull(layout, "layout");
        this.lookback = layout.lookback();
        this.horizon = layout.horizon();
        this.sequenceLabels = layout.sequenceLabels();
        this.relativeInputs = layout.relativeInputs();
        this.window = layout.window();
    }

    /**
     * Returns the layout.
     *
     * @return the layout
     */
    public Layout layout() {
        return layout;
    }

    /** The reference forecast of target column {@code c} for row {@code o + k}. */
    private double reference(int o, int k, int c) {
        int m = layout.season();
        return switch (layout.reference()) {
            case NAIVE -> values[o - 1][c];
            case SEASONAL_NAIVE -> values[o + k - m * (k / m + 1)][c];
            case SEASONAL_GROWTH ->
                    values[o + k - m * (k / m + 1)][c]
                            + (k / m + 1) * (values[o - 1][c] - values[o - 1 - m][c]);
        };
    }

    /**
     * Returns the features per history step.
     *
     * @return input columns plus calendar features
     */
    public int inputSize() {
        return values[0].length + calendarSize();
    }

    /**
     * Returns the features per horizon step of the encoder-decoder's future input.
     *
     * @return calendar features plus the step index
     */
    public int futureSize() {
        return calendarSize() + 1;
    }

    private int calendarSize() {
        return calendar == null ? 0 : calendar[0].length;
    }

    /**
     * Builds the batch of the given origins.
     *
     * @param origins window origins; each needs {@code origin - lookback >= 0}, and with labels
     *     {@code origin + horizon <= rows}
     * @param withLabels whether to include the labels (the targets must be known)
     * @return the batch
     * @throws IllegalArgumentException when a window reaches outside the series
     */
    public SequenceBatch batch(int[] origins, boolean withLabels) {
        int b = origins.length;
        int f = inputSize();
        float[] x = new float[b * f * lookback];
        for (int i = 0; i < b; i++) {
            int o = origins[i];
            check(o, withLabels);
            fillHistory(x, i, o - lookback, o, o - lookback);
        }
        INDArray features = Nd4j.create(x, new long[] {b, f, lookback}, DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, b, lookback);
        INDArray labels = withLabels ? labels(origins) : null;
        SequenceBatch batch = new SequenceBatch(features, labels, mask, null, (long) b * lookback);
        List<INDArray> extra = new ArrayList<>();
        List<INDArray> extraMasks = new ArrayList<>();
        if (sequenceLabels) {
            extra.add(future(origins));
            extraMasks.add(Nd4j.ones(DataType.FLOAT, b, horizon));
        }
        if (window) {
            int[] starts = new int[b];
            for (int i = 0; i < b; i++) {
                starts[i] = origins[i] - lookback;
            }
            extra.add(window(origins, starts));
            extraMasks.add(null);
        }
        return extra.isEmpty()
                ? batch
                : batch.withExtraInputs(
                        extra.toArray(new INDArray[0]), extraMasks.toArray(new INDArray[0]));
    }

    /**
     * Builds the inputs for reading rows {@code [from, to)} of one window step by step (stateful
     * inference with {@code rnnTimeStep}): the history features of those rows, and for the
     * encoder-decoder layout the future input of a forecast made at {@code to}.
     *
     * @param from the first row of the chunk
     * @param to the row after the chunk (the forecast origin if the window ends here)
     * @param windowStart the window's first row (the reference of relative inputs)
     * @return the network inputs: {@code [1, inputSize, to - from]}, then for the encoder-decoder
     *     {@code [1, futureSize, horizon]}, then with a window input {@code [1, targets *
     *     lookback]} (the last {@code lookback} rows before {@code to})
     * @throws IllegalArgumentException when the rows are out of range
     */
    public INDArray[] chunk(int from, int to, int windowStart) {
        if (windowStart < 0 || from < windowStart || to <= from || to > values.length) {
            throw new IllegalArgumentException(
                    "expected 0 <= windowStart <= from < to <= "
                            + values.length
                            + ", received: windowStart="
                            + windowStart
                            + ", from="
                            + from
                            + ", to="
                            + to);
        }
        int f = inputSize();
        float[] x = new float[f * (to - from)];
        fillHistory(x, 0, from, to, windowStart);
        INDArray history = Nd4j.create(x, new long[] {1, f, to - from}, DataType.FLOAT);
        List<INDArray> inputs = new ArrayList<>(List.of(history));
        if (sequenceLabels) {
            if (calendarSize() > 0 && to + horizon > calendar.length) {
                throw new IllegalArgumentException(
                        "the forecast from row "
                                + to
                                + " needs calendar rows up to "
                                + (to + horizon - 1)
                                + ", there are "
                                + calendar.length);
            }
            inputs.add(future(new int[] {to}));
        }
        if (window) {
            inputs.add(window(new int[] {to}, new int[] {windowStart}));
        }
        return inputs.toArray(new INDArray[0]);
    }

    /**
     * The flattened target columns of the {@code lookback} rows before each origin, relative to the
     * window's first row when inputs are relative. Rows before {@code windowStart} (a stream that
     * has read fewer rows than the lookback) repeat that row.
     */
    private INDArray window(int[] origins, int[] windowStarts) {
        int b = origins.length;
        int n = targets.length;
        float[] w = new float[b * n * lookback];
        for (int i = 0; i < b; i++) {
            int start = windowStarts[i];
            for (int j = 0; j < n; j++) {
                int c = targets[j];
                for (int s = 0; s < lookback; s++) {
                    int row = Math.max(start, origins[i] - lookback + s);
                    double v = values[row][c];
                    if (relativeInputs) {
                        v -= values[start][c];
                    }
                    w[(i * n + j) * lookback + s] = (float) v;
                }
            }
        }
        return Nd4j.create(w, new long[] {b, (long) n * lookback}, DataType.FLOAT);
    }

    /** Writes rows [from, to) as window {@code i} of {@code x} ([window][feature][step]). */
    private void fillHistory(float[] x, int i, int from, int to, int windowStart) {
        int f = inputSize();
        int cols = values[0].length;
        int cal = calendarSize();
        int steps = to - from;
        for (int s = 0; s < steps; s++) {
            int row = from + s;
            for (int c = 0; c < cols; c++) {
                double v = values[row][c];
                if (relativeInputs) {
                    v -= values[windowStart][c];
                }
                x[(i * f + c) * steps + s] = (float) v;
            }
            for (int c = 0; c < cal; c++) {
                x[(i * f + cols + c) * steps + s] = (float) calendar[row][c];
            }
        }
    }

    private INDArray future(int[] origins) {
        int b = origins.length;
        int g = futureSize();
        int cal = calendarSize();
        float[] future = new float[b * g * horizon];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < horizon; k++) {
                int row = origins[i] + k;
                for (int c = 0; c < cal; c++) {
                    future[(i * g + c) * horizon + k] = (float) calendar[row][c];
                }
                future[(i * g + cal) * horizon + k] = (k + 1f) / horizon;
            }
        }
        return Nd4j.create(future, new long[] {b, g, horizon}, DataType.FLOAT);
    }

    private void check(int origin, boolean withLabels) {
        if (origin - lookback < 0) {
            throw new IllegalArgumentException(
                    "window at origin "
                            + origin
                            + " needs "
                            + lookback
                            + " earlier rows, the series starts at row 0");
        }
        int needed =
                withLabels || (sequenceLabels && calendarSize() > 0) ? origin + horizon : origin;
        int rows = withLabels ? values.length : calendar == null ? values.length : calendar.length;
        if (needed > rows) {
            throw new IllegalArgumentException(
                    "window at origin "
                            + origin
                            + " needs rows up to "
                            + (needed - 1)
                            + ", the series has "
                            + rows
                            + " rows");
        }
    }

    private INDArray labels(int[] origins) {
        int b = origins.length;
        int n = targets.length;
        float[] y = new float[b * n * horizon];
        for (int i = 0; i < b; i++) {
            int o = origins[i];
            for (int k = 0; k < horizon; k++) {
                for (int j = 0; j < n; j++) {
                    double r = values[o + k][targets[j]] - reference(o, k, targets[j]);
                    int index = outputIndex(i, k, j, n);
                    y[index] = (float) r;
                }
            }
        }
        return sequenceLabels
                ? Nd4j.create(y, new long[] {b, n, horizon}, DataType.FLOAT)
                : Nd4j.create(y, new long[] {b, (long) horizon * n}, DataType.FLOAT);
    }

    /** Position of window i, step k, target j in labels and outputs of either layout. */
    private int outputIndex(int i, int k, int j, int n) {
        return sequenceLabels ? (i * n + j) * horizon + k : i * horizon * n + k * n + j;
    }

    /**
     * Turns the network's output for a batch back into forecasts on the batcher's scale.
     *
     * @param output the network output ({@code [batch, horizon * targets]} or {@code [batch,
     *     targets, horizon]})
     * @param origins the batch's origins
     * @return {@code [window][k][target]}: the forecast of target {@code j} for row {@code o + k}
     */
    public double[][][] toForecast(INDArray output, int[] origins) {
        int b = origins.length;
        int n = targets.length;
        float[] out = output.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[][][] f = new double[b][horizon][n];
        for (int i = 0; i < b; i++) {
            int o = origins[i];
            for (int k = 0; k < horizon; k++) {
                for (int j = 0; j < n; j++) {
                    int index = outputIndex(i, k, j, n);
                    f[i][k][j] = reference(o, k, targets[j]) + out[index];
                }
            }
        }
        return f;
    }
}
