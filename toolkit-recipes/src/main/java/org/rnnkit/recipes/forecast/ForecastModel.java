package org.rnnkit.recipes.forecast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.CalendarFeatures;
import org.rnnkit.data.SequenceBatch;
import org.rnnkit.data.Standardizer;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSeriesCsvReader;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.data.WindowBatcher;
import org.rnnkit.data.WindowBatcher.Layout;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.ForecasterBuilder.Topology;
import org.rnnkit.model.Graphs;
import org.rnnkit.recipes.OptionsJson;
import org.rnnkit.recipes.Recipes;

/**
 * A trained forecaster: the network plus everything needed to turn a CSV into its inputs and its
 * outputs back into values in the original units (columns, window sizes, transforms, the normalizer
 * fitted on the training part).
 */
public final class ForecastModel {

    /** The bundle task name. */
    public static final String TASK = "forecast";

    static final String SPEC = "forecast.json";

    private static final String COLUMNS = "columns";

    /** Windows per network call. */
    private static final int BATCH = 256;

    /**
     * The model's data settings, stored in the bundle.
     *
     * @param targets the forecast columns
     * @param covariates the extra input columns
     * @param timeColumn the time column, or {@code null} for the first column
     * @param fill the missing-value policy
     * @param lookback input steps
     * @param horizon forecast steps
     * @param topology direct or encoder-decoder
     * @param calendar the calendar features added to the inputs
     * @param season the season length used by the baselines and MASE (1: none)
     * @param logTransform whether targets are modelled as logarithms
     * @param relativeInputs whether inputs are differences to the window's first row
     * @param autoregressive whether the network has a linear autoregressive component
     * @param reference the simple forecast the network corrects
     * @param standardizer the normalizer of the (transformed) input columns, fitted on train rows
     * @param split the split ratios
     * @param splitRows the split row counts, or {@code null}
     */
    public record Spec(
            List<String> targets,
            List<String> covariates,
            String timeColumn,
            FillMethod fill,
            int lookback,
            int horizon,
            Topology topology,
            CalendarFeatures calendar,
            int season,
            boolean logTransform,
            boolean relativeInputs,
            boolean autoregressive,
            Reference reference,
            Standardizer standardizer,
            String split,
            String splitRows) {

        /**
         * Copies the lists.
         *
         * @throws NullPointerException for a missing required value
         */
        public Spec {
            targets = List.copyOf(targets);
            covariates = List.copyOf(covariates);
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(calendar, "calendar");
            Objects.requireNonNull(standardizer, "standardizer");
            Objects.requireNonNull(reference, "reference");
        }

        /**
         * Returns the window layout of the network.
         *
         * @return the layout
         */
        public Layout layout() {
            return new Layout(
                    lookback,
                    horizon,
                    topology == Topology.ENCODER_DECODER,
                    relativeInputs,
                    autoregressive,
                    reference,
                    season);
        }

        /**
         * Returns the input columns in the model's order: targets, then covariates.
         *
         * @return the columns
         */
        public List<String> columns() {
            List<String> all = new ArrayList<>(targets);
            all.addAll(covariates);
            return all;
        }

        /**
         * Reads a CSV with this model's columns, time column and missing-value policy.
         *
         * @param file the CSV
         * @return the series, columns in the model's order
         * @throws IOException when the file cannot be read
         */
        public TimeSeries read(Path file) throws IOException {
            TimeSeriesCsvReader.Builder b =
                    TimeSeriesCsvReader.builder().optColumns(columns()).optFillMethod(fill);
            if (timeColumn != null) {
                b.optTimeColumn(timeColumn);
            }
            return b.build().read(file);
        }
    }

    private final ComputationGraph network;
    private final Spec spec;
    private final ForecastOptions options;
    private final ModelBundle bundle;

    /**
     * Wraps a network with its data settings.
     *
     * @param network the graph
     * @param spec the data settings
     * @param options the settings it was (or is being) trained with
     * @param bundle the bundle it was loaded from, or {@code null} for a model still in training
     */
    ForecastModel(
            ComputationGraph network, Spec spec, ForecastOptions options, ModelBundle bundle) {
        this.network = Objects.requireNonNull(network, "network");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
        this.bundle = bundle;
    }

    /**
     * Loads a model saved by {@link ForecastRecipe#train(ForecastOptions)}.
     *
     * @param file the bundle
     * @return the model
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static ForecastModel load(Path file) throws IOException {
        ModelBundle bundle = Recipes.loadBundle(file, TASK);
        if (!bundle.attachments().containsKey(SPEC)) {
            throw new BundleFormatException(file, "corrupt forecast bundle: no " + SPEC, null);
        }
        Spec spec = ModelBundle.json().readValue(bundle.attachment(SPEC), Spec.class);
        return new ForecastModel(
                bundle.network(), spec, readOptions(bundle.options(), file), bundle);
    }

    /**
     * Reads the options of a bundle with {@link OptionsJson#read}. Version 1 (rnnkit 8340b8e and
     * earlier) held the column settings at the top level: they move into {@code columns} first,
     * over {@link ForecastColumns#defaults()}.
     *
     * @param json the {@code options.json} content
     * @param file the bundle, named in messages
     * @return the options
     * @throws BundleFormatException when the content does not hold valid options
     */
    static ForecastOptions readOptions(ObjectNode json, Path file) throws BundleFormatException {
        ObjectNode copy = json.deepCopy();
        if (!copy.has(OptionsJson.VERSION_KEY) && !copy.has(COLUMNS)) {
            ObjectNode columns = ModelBundle.json().valueToTree(ForecastColumns.defaults());
            List<String> names = new ArrayList<>();
            columns.fieldNames().forEachRemaining(names::add);
            columns.setAll(json.deepCopy().retain(names));
            copy.remove(names);
            copy.set(COLUMNS, columns);
        }
        return OptionsJson.read(
                copy, ForecastOptions.class, ForecastOptions.defaults(), Map.of(), file);
    }

    byte[] specJson() throws IOException {
        return ModelBundle.json().writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the settings the model was trained with.
     *
     * @return the options read from the bundle (older bundles upgraded)
     */
    public ForecastOptions options() {
        return options;
    }

    /**
     * Returns the data settings.
     *
     * @return the spec
     */
    public Spec spec() {
        return spec;
    }

    /**
     * Returns the network.
     *
     * @return the graph
     */
    public ComputationGraph network() {
        return network;
    }

    /**
     * Returns the bundle the model was loaded from.
     *
     * @return the bundle, or {@code null} for a model still in training
     */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Puts a series into the model's space: transformed and standardized values and calendar
     * features, with calendar rows for {@code extraRows} steps past the end.
     *
     * @param series the series, columns in the model's order
     * @param extraRows future steps that need calendar features
     * @return the prepared series
     * @throws IllegalArgumentException when a log-transformed target has a value {@code <= 0}
     */
    public Prepared prepare(TimeSeries series, int extraRows) {
        return Prepared.of(series, spec, extraRows);
    }

    /**
     * Forecasts from the given origins in one batch per {@value #BATCH} windows.
     *
     * @param data the prepared series
     * @param origins the window origins (each forecasts rows {@code [o, o + horizon)})
     * @return {@code [window][step][target]} in original units
     */
    public double[][][] forecast(Prepared data, int[] origins) {
        double[][][] z = forecastStandardized(data, origins);
        double[][][] out = new double[z.length][][];
        for (int i = 0; i < z.length; i++) {
            out[i] = data.toOriginal(z[i]);
        }
        return out;
    }

    /**
     * Forecasts on the model's scale (transformed and standardized), as the dev metric compares.
     *
     * @param data the prepared series
     * @param origins the window origins
     * @return {@code [window][step][target]} on the standardized scale
     */
    double[][][] forecastStandardized(Prepared data, int[] origins) {
        double[][][] out = new double[origins.length][][];
        for (int from = 0; from < origins.length; from += BATCH) {
            int[] chunk =
                    java.util.Arrays.copyOfRange(
                            origins, from, Math.min(origins.length, from + BATCH));
            try (SequenceBatch batch = data.batcher().batch(chunk, false)) {
                INDArray output = Graphs.output(network, batch.inputs(), batch.inputMasks())[0];
                System.arraycopy(
                        data.batcher().toForecast(output, chunk), 0, out, from, chunk.length);
            }
        }
        return out;
    }

    /**
     * Starts a stateful forecast: the network reads the history step by step (or in chunks) with
     * {@code rnnTimeStep}, keeping its recurrent state between calls, and can forecast after any
     * step without re-reading the past. Read exactly the {@code lookback} rows before an origin and
     * the forecast equals {@link #forecast} at that origin (the network was trained on windows of
     * that length, starting from a zero state).
     *
     * <p>Clears the network's stored state; one stream per model at a time.
     *
     * @param data the prepared series
     * @return the stream
     */
    public Stream stream(Prepared data) {
        return new Stream(data);
    }

    /** A stateful forecast over a prepared series; see {@link #stream(Prepared)}. */
    public final class Stream {
        private final Prepared data;
        private int next = -1;
        private int windowStart;
        private INDArray last;

        private Stream(Prepared data) {
            this.data = data;
            network.rnnClearPreviousState();
        }

        /**
         * Reads the rows {@code [from, to)}; the first call fixes where the stream starts, later
         * calls must continue where the previous one stopped.
         *
         * @param from the first row
         * @param to the row after the last one read, at most the series' rows
         * @throws IllegalArgumentException when the rows do not continue the stream
         */
        public void observe(int from, int to) {
            if (next >= 0 && from != next) {
                throw new IllegalArgumentException(
                        "stream continues at row " + next + ", received: from=" + from);
            }
            if (from < 0 || to <= from || to > data.rows()) {
                throw new IllegalArgumentException(
                        "rows must satisfy 0 <= from < to <= "
                                + data.rows()
                                + ", received: from="
                                + from
                                + ", to="
                                + to);
            }
            if (next < 0) {
                windowStart = from;
            }
            INDArray[] inputs = data.batcher().chunk(from, to, windowStart);
            if (spec.topology() == Topology.ENCODER_DECODER) {
                // The decoder starts afresh for every forecast; only the encoder keeps its state.
                for (Layer layer : network.getLayers()) {
                    if (layer instanceof RecurrentLayer r
                            && layer.conf().getLayer().getLayerName().startsWith("decoder")) {
                        r.rnnClearPreviousState();
                    }
                }
            }
            last = Graphs.rnnTimeStep(network, inputs)[0];
            next = to;
        }

        /**
         * Forecasts the {@code horizon} rows after the last row read.
         *
         * @return {@code [step][target]} in original units
         * @throws IllegalStateException before the first {@link #observe}
         */
        public double[][] forecast() {
            if (last == null) {
                throw new IllegalStateException("observe at least one row before forecasting");
            }
            return data.toOriginal(data.batcher().toForecast(last, new int[] {next})[0]);
        }
    }

    /**
     * A series in the model's space.
     *
     * @param series the series as read
     * @param values transformed, standardized values {@code [row][column]}
     * @param calendarRows calendar features {@code [row][feature]}, extending past the end
     * @param batcher window batches over the values
     * @param spec the model's settings
     */
    public record Prepared(
            TimeSeries series,
            double[][] values,
            double[][] calendarRows,
            WindowBatcher batcher,
            Spec spec) {

        static Prepared of(TimeSeries series, Spec spec, int extraRows) {
            double[][] raw = modelValues(series, spec.targets(), spec.logTransform());
            int n = spec.targets().size();
            double[][] z = spec.standardizer().transform(raw);
            int rows = series.rows() + extraRows;
            double[][] calendar = new double[rows][];
            for (int r = 0; r < rows; r++) {
                LocalDateTime time = null;
                if (spec.calendar() != CalendarFeatures.NONE
                        && spec.calendar() != CalendarFeatures.SEASON_PHASE) {
                    time =
                            r < series.rows()
                                    ? series.time(r)
                                    : series.nextTime(r - series.rows() + 1);
                }
                calendar[r] = spec.calendar().of(time, r, spec.season());
            }
            int[] targets = new int[n];
            for (int j = 0; j < n; j++) {
                targets[j] = j;
            }
            WindowBatcher batcher = new WindowBatcher(z, calendar, targets, spec.layout());
            return new Prepared(series, z, calendar, batcher, spec);
        }

        /**
         * Returns a series' values with the targets log-transformed when asked.
         *
         * @param series the series, targets first
         * @param targets the target names
         * @param log whether to take logarithms of the targets
         * @return a new table {@code [row][column]}
         * @throws IllegalArgumentException when a log-transformed target has a value {@code <= 0}
         */
        static double[][] modelValues(TimeSeries series, List<String> targets, boolean log) {
            double[][] raw = series.values();
            if (!log) {
                return raw;
            }
            for (int r = 0; r < raw.length; r++) {
                for (int j = 0; j < targets.size(); j++) {
                    if (!(raw[r][j] > 0)) {
                        throw new IllegalArgumentException(
                                "--log needs positive targets, received: "
                                        + targets.get(j)
                                        + "="
                                        + raw[r][j]
                                        + " in data row "
                                        + (r + 1));
                    }
                    raw[r][j] = Math.log(raw[r][j]);
                }
            }
            return raw;
        }

        /**
         * Returns the number of rows of the series.
         *
         * @return the rows
         */
        public int rows() {
            return values.length;
        }

        /**
         * Returns the original values of a target.
         *
         * @param target the target index
         * @return one value per row
         */
        public double[] original(int target) {
            return series.column(spec.targets().get(target));
        }

        /**
         * Undoes standardization and log transform of one window's forecast.
         *
         * @param z {@code [step][target]} on the standardized scale
         * @return {@code [step][target]} in original units
         */
        double[][] toOriginal(double[][] z) {
            double[][] out = new double[z.length][z[0].length];
            for (int k = 0; k < z.length; k++) {
                for (int j = 0; j < z[k].length; j++) {
                    double v = spec.standardizer().inverse(z[k][j], j);
                    out[k][j] = spec.logTransform() ? Math.exp(v) : v;
                }
            }
            return out;
        }
    }
}
