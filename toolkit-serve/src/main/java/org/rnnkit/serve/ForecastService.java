package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.forecast.ForecastModel;
import org.rnnkit.recipes.forecast.ForecastPrediction;

/**
 * Forecasting: the recent history, as {@code {"csv": "time,value\n..."}} (read exactly as {@code
 * rnnkit forecast predict --data} reads its file) or {@code {"history": {"value": [...]}}} (one
 * array per model column, step numbers instead of times), to the {@code horizon} steps after it.
 *
 * <p>Each series is read with the network's stored recurrent state, so the worker runs the series
 * of a batch one after another.
 */
final class ForecastService extends ServedModel<TimeSeries, ForecastPrediction> {

    private final ForecastModel model;

    ForecastService(
            String name,
            ForecastModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, ForecastModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<ForecastPrediction> forward(Object key, List<TimeSeries> series) {
        List<ForecastPrediction> out = new ArrayList<>(series.size());
        for (TimeSeries s : series) {
            out.add(ForecastPrediction.of(model, s));
        }
        return out;
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        ObjectNode body = reader.object(ctx, Set.of("csv", "history"));
        if (body.has("csv") == body.has("history")) {
            throw RequestException.badField(
                    "history", "give exactly one of 'csv' (text) and 'history' (column arrays)");
        }
        String field = body.has("csv") ? "csv" : "history";
        TimeSeries series = field.equals("csv") ? csv(body.get("csv")) : history(body, reader);
        if (series.rows() < model.spec().lookback()) {
            throw RequestException.badField(
                    field,
                    "the model reads "
                            + model.spec().lookback()
                            + " rows of history, received: "
                            + series.rows());
        }
        ForecastPrediction p = run(null, List.of(series), field).get(0);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode columns = out.putArray("columns");
        for (String c : p.header().split(",")) {
            columns.add(c);
        }
        ArrayNode times = out.putArray("times");
        p.times().forEach(times::add);
        ArrayNode values = out.putArray("forecasts");
        for (double[] step : p.values()) {
            ArrayNode row = values.addArray();
            for (double v : step) {
                row.add(v);
            }
        }
        return out;
    }

    private TimeSeries csv(JsonNode node) throws IOException {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw RequestException.badField(
                    "csv", "csv must be a non-blank string, received: " + RequestReader.type(node));
        }
        // The file reader of the command line, so that both read the same history.
        Path file = Files.createTempFile("rnnkit-serve-", ".csv");
        try {
            Files.writeString(file, node.textValue(), StandardCharsets.UTF_8);
            return model.spec().read(file);
        } catch (MalformedDataException | IllegalArgumentException e) {
            throw RequestException.badField("csv", e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private TimeSeries history(ObjectNode body, RequestReader reader) {
        JsonNode history = body.get("history");
        if (history == null || !history.isObject() || history.isEmpty()) {
            throw RequestException.badField(
                    "history",
                    "history must be an object of column arrays, received: "
                            + RequestReader.type(history));
        }
        List<String> columns = new ArrayList<>();
        List<double[]> arrays = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = history.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> column = it.next();
            String field = "history." + RequestReader.abbreviate(column.getKey());
            JsonNode values = column.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw RequestException.badField(
                        field,
                        field
                                + " must be a non-empty array of numbers, received: "
                                + RequestReader.type(values));
            }
            if (values.size() > reader.limits().maxInputLength()) {
                throw RequestException.badField(
                        field,
                        field
                                + " must hold at most "
                                + reader.limits().maxInputLength()
                                + " values, received: "
                                + values.size());
            }
            double[] column2 = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                if (!v.isNumber()) {
                    throw RequestException.badField(
                            field + "[" + i + "]",
                            field
                                    + "["
                                    + i
                                    + "] must be a number, received: "
                                    + RequestReader.type(v));
                }
                column2[i] = v.doubleValue();
            }
            if (!arrays.isEmpty() && column2.length != arrays.get(0).length) {
                throw RequestException.badField(
                        field,
                        "every history column must have the same length: "
                                + columns.get(0)
                                + " has "
                                + arrays.get(0).length
                                + ", "
                                + field
                                + " has "
                                + column2.length);
            }
            columns.add(column.getKey());
            arrays.add(column2);
        }
        for (String needed : model.spec().columns()) {
            if (!columns.contains(needed)) {
                throw RequestException.badField(
                        "history",
                        "history must have the model's column '"
                                + needed
                                + "' (model columns: "
                                + model.spec().columns()
                                + ")");
            }
        }
        int rows = arrays.get(0).length;
        double[][] values = new double[rows][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < rows; r++) {
                values[r][c] = arrays.get(c)[r];
            }
        }
        try {
            return new TimeSeries(columns, values, null, null, 0);
        } catch (IllegalArgumentException e) {
            throw RequestException.badField("history", e.getMessage());
        }
    }
}
