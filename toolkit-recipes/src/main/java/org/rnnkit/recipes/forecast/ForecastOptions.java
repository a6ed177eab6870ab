package org.rnnkit.recipes.forecast;

import java.nio.file.Path;
import java.util.List;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;
import org.rnnkit.data.WindowBatcher.Reference;
import org.rnnkit.model.CellType;
import org.rnnkit.model.ForecasterBuilder.Topology;

/**
 * Settings of the forecasting recipe.
 *
 * @param data the CSV (header row), or {@code null} for the embedded generated series
 * @param out the bundle to write
 * @param timeColumn the time column's name, or {@code null} for the first column
 * @param targets the forecast columns; empty for the last column
 * @param covariates extra input columns (known up to the forecast origin); {@code ["all"]} for
 *     every other column
 * @param fill what to do with missing values: error (NONE), forward fill or interpolate
 * @param lookback input steps per window
 * @param horizon forecast steps per window
 * @param stride steps between consecutive training windows
 * @param split train/dev/test ratios in time order, used when {@code splitRows} is null
 * @param splitRows train/dev/test row counts, for example {@code 8640,2880,2880} (ETT), or {@code
 *     null}
 * @param topology direct multi-output or encoder-decoder
 * @param cell the recurrent cell
 * @param hiddenSize units per layer
 * @param numLayers stacked recurrent layers
 * @param dropout drop probability between layers
 * @param batchSize windows per batch
 * @param epochs the most epochs
 * @param patience epochs without dev improvement before stopping
 * @param learningRate Adam's initial step size
 * @param lrDecay the learning rate's factor per epoch
 * @param season the season length in steps for seasonal naive and MASE; 0 detects it from the time
 *     step (24 hourly, 7 daily, 12 monthly), 1 means none
 * @param backtestStride steps between the origins of the rolling-origin backtest over the test part
 *     (1: one window per test step, the ETT protocol)
 * @param calendar add calendar features (hour, weekday, month or season phase) to the inputs
 * @param relativeInputs feed each input column as its difference to the window's first row (robust
 *     to level shifts between training and test periods)
 * @param autoregressive add a linear autoregressive component over the window to the recurrent
 *     network's forecast (LSTNet's highway)
 * @param reference the simple forecast the network learns to correct: naive (last value), seasonal
 *     naive or seasonal naive plus the last seasonal change
 * @param logTransform model the logarithm of the targets (positive series with multiplicative
 *     seasonality)
 * @param seed the seed of initialisation and batch order
 * @param smoke a two-batch, one-epoch run (checks the pipeline)
 * @param resume continue from the run directory's checkpoint
 * @param progressBar draw a progress bar
 */
public record ForecastOptions(
        Path data,
        Path out,
        String timeColumn,
        List<String> targets,
        List<String> covariates,
        FillMethod fill,
        int lookback,
        int horizon,
        int stride,
        String split,
        String splitRows,
        Topology topology,
        CellType cell,
        int hiddenSize,
        int numLayers,
        double dropout,
        int batchSize,
        int epochs,
        int patience,
        double learningRate,
        double lrDecay,
        int season,
        int backtestStride,
        boolean calendar,
        boolean relativeInputs,
        boolean autoregressive,
        Reference reference,
        boolean logTransform,
        long seed,
        boolean smoke,
        boolean resume,
        boolean progressBar) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a value out of range, naming it
     */
    public ForecastOptions {
        targets = List.copyOf(targets);
        covariates = List.copyOf(covariates);
        java.util.Objects.requireNonNull(out, "out");
        java.util.Objects.requireNonNull(fill, "fill");
        java.util.Objects.requireNonNull(topology, "topology");
        java.util.Objects.requireNonNull(cell, "cell");
        java.util.Objects.requireNonNull(reference, "reference");
        java.util.Objects.requireNonNull(split, "split");
        require(lookback >= 1, "lookback must be >= 1, received: lookback=" + lookback);
        require(horizon >= 1, "horizon must be >= 1, received: horizon=" + horizon);
        require(stride >= 1, "stride must be >= 1, received: stride=" + stride);
        require(hiddenSize >= 1, "hiddenSize must be >= 1, received: hiddenSize=" + hiddenSize);
        require(numLayers >= 1, "numLayers must be >= 1, received: numLayers=" + numLayers);
        require(
                dropout >= 0 && dropout < 1,
                "dropout must be in [0, 1), received: dropout=" + dropout);
        require(batchSize >= 1, "batchSize must be >= 1, received: batchSize=" + batchSize);
        require(epochs >= 1, "epochs must be >= 1, received: epochs=" + epochs);
        require(patience >= 1, "patience must be >= 1, received: patience=" + patience);
        require(
                learningRate > 0,
                "learningRate must be > 0, received: learningRate=" + learningRate);
        require(
                lrDecay > 0 && lrDecay <= 1,
                "lrDecay must be in (0, 1], received: lrDecay=" + lrDecay);
        require(season >= 0, "season must be >= 0, received: season=" + season);
        require(
                backtestStride >= 1,
                "backtestStride must be >= 1, received: backtestStride=" + backtestStride);
        for (String c : covariates) {
            if (targets.contains(c)) {
                throw new IllegalArgumentException(
                        "column '" + c + "' is both a target and a covariate");
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Returns the run directory (checkpoints, metrics log, loss plot): {@code <out stem>-run/}.
     *
     * @return the directory
     */
    public Path runDirectory() {
        return org.rnnkit.recipes.Recipes.runDirectory(out);
    }

    /**
     * Starts from the defaults: the last column forecast 24 steps ahead from 96 steps of history
     * (inputs relative to the window's first row, no calendar features), one LSTM of 64 units plus
     * a linear autoregressive component in the direct topology, batches of 64, at most 40 epochs
     * with patience 6, Adam 1e-3 decaying by 0.95 per epoch, split 70/10/20 in time order.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.data = data;
        b.out = out;
        b.timeColumn = timeColumn;
        b.targets = targets;
        b.covariates = covariates;
        b.fill = fill;
        b.lookback = lookback;
        b.horizon = horizon;
        b.stride = stride;
        b.split = split;
        b.splitRows = splitRows;
        b.topology = topology;
        b.cell = cell;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.dropout = dropout;
        b.batchSize = batchSize;
        b.epochs = epochs;
        b.patience = patience;
        b.learningRate = learningRate;
        b.lrDecay = lrDecay;
        b.season = season;
        b.backtestStride = backtestStride;
        b.calendar = calendar;
        b.relativeInputs = relativeInputs;
        b.autoregressive = autoregressive;
        b.reference = reference;
        b.logTransform = logTransform;
        b.seed = seed;
        b.smoke = smoke;
        b.resume = resume;
        b.progressBar = progressBar;
        return b;
    }

    /** Builds {@link ForecastOptions}; a setter given {@code null} keeps the default. */
    public static final class Builder {
        private Path data = null;
        private Path out = Path.of("forecast.zip");
        private String timeColumn = null;
        private List<String> targets = List.of();
        private List<String> covariates = List.of();
        private FillMethod fill = FillMethod.NONE;
        private int lookback = 96;
        private int horizon = 24;
        private int stride = 1;
        private String split = "0.7,0.1,0.2";
        private String splitRows = null;
        private Topology topology = Topology.DIRECT;
        private CellType cell = CellType.LSTM;
        private int hiddenSize = 64;
        private int numLayers = 1;
        private double dropout = 0.0;
        private int batchSize = 64;
        private int epochs = 40;
        private int patience = 6;
        private double learningRate = 1e-3;
        private double lrDecay = 0.95;
        private int season = 0;
        private int backtestStride = 1;
        private boolean calendar = false;
        private boolean relativeInputs = true;
        private boolean autoregressive = true;
        private Reference reference = Reference.NAIVE;
        private boolean logTransform = false;
        private long seed = 42;
        private boolean smoke = false;
        private boolean resume = false;
        private boolean progressBar = false;

        private Builder() {}

        /**
         * Sets {@link ForecastOptions#data()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder data(Path v) {
            data = v;
            return this;
        }

        /**
         * Sets {@link ForecastOptions#out()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder out(Path v) {
            if (v != null) {
                out = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#timeColumn()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder timeColumn(String v) {
            timeColumn = v;
            return this;
        }

        /**
         * Sets {@link ForecastOptions#targets()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder targets(List<String> v) {
            if (v != null) {
                targets = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#covariates()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder covariates(List<String> v) {
            if (v != null) {
                covariates = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#fill()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder fill(FillMethod v) {
            if (v != null) {
                fill = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#lookback()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder lookback(Integer v) {
            if (v != null) {
                lookback = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#horizon()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder horizon(Integer v) {
            if (v != null) {
                horizon = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#stride()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder stride(Integer v) {
            if (v != null) {
                stride = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#split()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder split(String v) {
            if (v != null) {
                split = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#splitRows()}.
         *
         * @param v the value ({@code null} allowed)
         * @return this builder
         */
        public Builder splitRows(String v) {
            splitRows = v;
            return this;
        }

        /**
         * Sets {@link ForecastOptions#topology()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder topology(Topology v) {
            if (v != null) {
                topology = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#cell()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder cell(CellType v) {
            if (v != null) {
                cell = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#hiddenSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder hiddenSize(Integer v) {
            if (v != null) {
                hiddenSize = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#numLayers()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder numLayers(Integer v) {
            if (v != null) {
                numLayers = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#dropout()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder dropout(Double v) {
            if (v != null) {
                dropout = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#batchSize()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder batchSize(Integer v) {
            if (v != null) {
                batchSize = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#epochs()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder epochs(Integer v) {
            if (v != null) {
                epochs = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#patience()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder patience(Integer v) {
            if (v != null) {
                patience = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#learningRate()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder learningRate(Double v) {
            if (v != null) {
                learningRate = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#lrDecay()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder lrDecay(Double v) {
            if (v != null) {
                lrDecay = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#season()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder season(Integer v) {
            if (v != null) {
                season = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#backtestStride()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder backtestStride(Integer v) {
            if (v != null) {
                backtestStride = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#calendar()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder calendar(Boolean v) {
            if (v != null) {
                calendar = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#autoregressive()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder autoregressive(Boolean v) {
            if (v != null) {
                autoregressive = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#reference()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder reference(Reference v) {
            if (v != null) {
                reference = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#relativeInputs()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder relativeInputs(Boolean v) {
            if (v != null) {
                relativeInputs = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#logTransform()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder logTransform(Boolean v) {
            if (v != null) {
                logTransform = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#seed()}.
         *
         * @param v the value, or {@code null} for the default
         * @return this builder
         */
        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /**
         * Sets {@link ForecastOptions#smoke()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder smoke(boolean v) {
            smoke = v;
            return this;
        }

        /**
         * Sets {@link ForecastOptions#resume()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        /**
         * Sets {@link ForecastOptions#progressBar()}.
         *
         * @param v the value
         * @return this builder
         */
        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws IllegalArgumentException for a value out of range
         */
        public ForecastOptions build() {
            return new ForecastOptions(
                    data,
                    out,
                    timeColumn,
                    targets,
                    covariates,
                    fill,
                    lookback,
                    horizon,
                    stride,
                    split,
                    splitRows,
                    topology,
                    cell,
                    hiddenSize,
                    numLayers,
                    dropout,
                    batchSize,
                    epochs,
                    patience,
                    learningRate,
                    lrDecay,
                    season,
                    backtestStride,
                    calendar,
                    relativeInputs,
                    autoregressive,
                    reference,
                    logTransform,
                    seed,
                    smoke,
                    resume,
                    progressBar);
        }
    }
}
