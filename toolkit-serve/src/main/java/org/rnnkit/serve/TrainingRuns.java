package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The training runs under a directory, as the dashboard shows them: every directory holding a
 * {@code metrics.jsonl} (the {@code <task>-run/} a recipe's trainer writes), read afresh on every
 * call so that a run in progress shows its newest epoch.
 *
 * <p>A run's settings come from its bundle beside it ({@code <task>.zip}: {@code options.json},
 * {@code provenance.json}, {@code metrics.json}) once training has written it, and before that from
 * the run's {@code checkpoint.zip}, whose fingerprint holds the options (without {@code resume},
 * {@code progressBar}, {@code out} and {@code epochs}). The best epoch is the checkpoint's {@code
 * best_epoch}, else the epoch of the highest dev metric (the trainer's metrics are
 * higher-is-better).
 */
final class TrainingRuns {

    /** How deep under the directory runs are looked for. */
    static final int MAX_DEPTH = 4;

    /** The most runs listed, so that a huge tree cannot make a listing unbounded. */
    static final int MAX_RUNS = 200;

    private static final String METRICS = "metrics.jsonl";
    private static final String CHECKPOINT = "checkpoint.zip";

    /** The columns of a metrics line that are not the dev metric. */
    private static final Set<String> NOT_DEV =
            Set.of(
                    "epoch",
                    "train_loss",
                    "learning_rate",
                    "seconds",
                    "sequences_per_second",
                    "padding_efficiency");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    /**
     * Creates the view of a directory.
     *
     * @param root the directory searched for runs
     */
    TrainingRuns(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Returns every run, by name: its directory relative to the root, with {@code /}. */
    Map<String, Path> find() throws IOException {
        Map<String, Path> runs = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return runs;
        }
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH, new FileVisitOption[0])) {
            files.filter(p -> p.getFileName().toString().equals(METRICS))
                    .filter(Files::isRegularFile)
                    .limit(MAX_RUNS)
                    .forEach(p -> runs.put(name(p.getParent()), p.getParent()));
        }
        return runs;
    }

    private String name(Path run) {
        String relative = root.relativize(run).toString().replace('\\', '/');
        return relative.isEmpty() ? run.getFileName().toString() : relative;
    }

    /** The listing: per run its name, task, epochs, dev metric, best epoch and last change. */
    ObjectNode list() throws IOException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("directory", root.toString());
        ArrayNode rows = out.putArray("runs");
        for (Map.Entry<String, Path> e : find().entrySet()) {
            ObjectNode run = read(e.getKey(), e.getValue());
            run.remove("metrics");
            run.remove("options");
            run.remove("provenance");
            rows.add(run);
        }
        return out;
    }

    /** One run in full, or empty when no run has that name. */
    Optional<ObjectNode> get(String name) throws IOException {
        Path dir = find().get(name);
        return dir == null ? Optional.empty() : Optional.of(read(name, dir));
    }

    private ObjectNode read(String name, Path dir) throws IOException {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("name", name);
        List<JsonNode> metrics = metrics(dir.resolve(METRICS));
        String devMetric = devMetric(metrics);
        Path bundle = bundle(dir);
        JsonNode state = checkpointState(dir.resolve(CHECKPOINT));
        ObjectNode options = null;
        JsonNode provenance = null;
        if (bundle != null) {
            options = (ObjectNode) zipJson(bundle, "options.json");
            provenance = zipJson(bundle, "provenance.json");
        }
        if (options == null && state != null) {
            options = optionsOfFingerprint(state.path("fingerprint").asText(""));
        }
        String task = provenance == null ? null : provenance.path("task").asText(null);
        run.put("task", task);
        run.put("bundle", bundle == null ? null : bundle.getFileName().toString());
        run.put("devMetric", devMetric);
        run.put("epochs", metrics.size());
        Integer best = bestEpoch(metrics, devMetric, state);
        if (best == null) {
            run.putNull("bestEpoch");
        } else {
            run.put("bestEpoch", best);
        }
        run.put("updated", Files.getLastModifiedTime(dir.resolve(METRICS)).toMillis());
        ArrayNode rows = run.putArray("metrics");
        metrics.forEach(rows::add);
        run.set("options", options);
        run.set("provenance", provenance);
        return run;
    }

    /** The complete lines of a metrics log; a line being written (no newline yet) is skipped. */
    static List<JsonNode> metrics(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<JsonNode> lines = new ArrayList<>();
        if (end < 0) {
            return lines;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.isObject()) {
                    lines.add(node);
                }
            } catch (IOException e) {
                // A foreign or damaged line is left out; the rest of the run still shows.
            }
        }
        return lines;
    }

    /** The dev metric's column: the first one that is not a training column or an average. */
    static String devMetric(List<JsonNode> metrics) {
        for (JsonNode line : metrics) {
            for (var it = line.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!NOT_DEV.contains(field) && !field.endsWith("_averaged")) {
                    return field;
                }
            }
        }
        return null;
    }

    private static Integer bestEpoch(List<JsonNode> metrics, String devMetric, JsonNode state) {
        if (state != null && state.path("best_epoch").canConvertToInt()) {
            int best = state.path("best_epoch").asInt();
            if (best > 0) {
                return best;
            }
        }
        Integer best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (JsonNode line : metrics) {
            JsonNode value = devMetric == null ? null : line.get(devMetric);
            if (value != null && value.isNumber() && value.asDouble() > bestValue) {
                bestValue = value.asDouble();
                best = line.path("epoch").asInt();
            }
        }
        return best;
    }

    /** The bundle a run directory {@code <stem>-run} belongs to: {@code <stem>.zip} beside it. */
    private static Path bundle(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.endsWith("-run")) {
            return null;
        }
        Path zip = dir.resolveSibling(name.substring(0, name.length() - 4) + ".zip");
        return Files.isRegularFile(zip) ? zip : null;
    }

    private static JsonNode checkpointState(Path checkpoint) {
        return Files.isRegularFile(checkpoint) ? zipJson(checkpoint, "state.json") : null;
    }

    /** One JSON object of a zip, or null when the zip is unreadable (being replaced, foreign). */
    private static JsonNode zipJson(Path zip, String entry) {
        JsonNode node = ServedModels.entry(zip, entry);
        return node != null && node.isObject() ? node : null;
    }

    /**
     * The options inside a trainer fingerprint, {@code <data hash>|<options JSON>[|...]}: the first
     * JSON object after the first {@code |}.
     */
    static ObjectNode optionsOfFingerprint(String fingerprint) {
        int start = fingerprint.indexOf("|{");
        if (start < 0) {
            return null;
        }
        try (var parser = JSON.createParser(fingerprint.substring(start + 1))) {
            JsonNode node = JSON.readTree(parser);
            return node instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }
}
