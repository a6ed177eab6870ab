package org.rnnkit.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.rnnkit.text.Vocabulary;

/**
 * A trained model in one zip file: the DL4J network, the vocabulary, the recipe options, the
 * provenance, the final metrics, and recipe-specific text attachments, plus an integer format
 * version.
 *
 * <p>Entries: {@code bundle.json} (format marker, version, task), {@code network.zip} (DL4J's
 * {@link ModelSerializer} format, without updater state), {@code vocabulary.json} (if any), {@code
 * options.json}, {@code provenance.json}, {@code metrics.json} and {@code attachments/<name>}.
 * {@link #save(Path)} writes atomically; {@link #load(Path)} rejects corrupt, foreign and
 * newer-format files with a {@link BundleFormatException} that says which.
 *
 * @param task the recipe name, for example {@code sentiment}
 * @param network the trained graph
 * @param vocabulary the input vocabulary, or {@code null} for models without one
 * @param options the recipe options as JSON
 * @param provenance where the model came from
 * @param metrics final metrics, flat keys
 * @param attachments recipe-specific files (for example the label list), by name
 */
public record ModelBundle(
        String task,
        ComputationGraph network,
        Vocabulary vocabulary,
        ObjectNode options,
        Provenance provenance,
        Map<String, Double> metrics,
        Map<String, byte[]> attachments) {

    /** The bundle format this version writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String FORMAT = "rnnkit-bundle";
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(pathsAsStrings())
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    /**
     * Validates and freezes the bundle.
     *
     * @param task see {@link #task()}
     * @param network see {@link #network()}
     * @param vocabulary see {@link #vocabulary()}
     * @param options see {@link #options()}
     * @param provenance see {@link #provenance()}
     * @param metrics see {@link #metrics()}
     * @param attachments see {@link #attachments()}
     * @throws NullPointerException when a required part is missing
     */
    public ModelBundle {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(provenance, "provenance");
        metrics = Map.copyOf(metrics);
        attachments = Map.copyOf(attachments);
    }

    /**
     * Writes the bundle atomically: the target is either left as it was or replaced whole.
     *
     * @param file the zip to write
     * @throws IOException when writing fails
     */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream networkBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, networkBytes, false);
        AtomicFiles.write(
                file,
                raw -> {
                    try (ZipOutputStream zip = new ZipOutputStream(raw)) {
                        ObjectNode header = JSON.createObjectNode();
                        header.put("format", FORMAT);
                        header.put("version", FORMAT_VERSION);
                        header.put("task", task);
                        put(zip, "bundle.json", JSON.writeValueAsBytes(header));
                        put(zip, "network.zip", networkBytes.toByteArray());
                        if (vocabulary != null) {
                            ByteArrayOutputStream v = new ByteArrayOutputStream();
                            vocabulary.write(v);
                            put(zip, "vocabulary.json", v.toByteArray());
                        }
                        put(zip, "options.json", JSON.writeValueAsBytes(options));
                        put(zip, "provenance.json", JSON.writeValueAsBytes(provenance));
                        put(zip, "metrics.json", JSON.writeValueAsBytes(new TreeMap<>(metrics)));
                        for (Map.Entry<String, byte[]> a : new TreeMap<>(attachments).entrySet()) {
                            put(zip, "attachments/" + a.getKey(), a.getValue());
                        }
                    }
                });
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Reads a bundle.
     *
     * @param file a zip written by {@link #save(Path)}
     * @return the bundle
     * @throws NoSuchFileException when the file does not exist
     * @throws BundleFormatException when the file is corrupt, not an rnnkit bundle, or from a newer
     *     version
     * @throws IOException when reading fails
     */
    public static ModelBundle load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model bundle not found");
        }
        Map<String, byte[]> entries = ZipEntries.read(file);
        byte[] headerBytes = entries.get("bundle.json");
        if (headerBytes == null) {
            throw new BundleFormatException(
                    file,
                    entries.isEmpty()
                            ? "not an rnnkit model bundle (not a zip file, or an empty one)"
                            : "not an rnnkit model bundle (no bundle.json entry); was it written by another tool?",
                    null);
        }
        JsonNode header = parse(file, "bundle.json", headerBytes);
        if (!FORMAT.equals(header.path("format").asText())) {
            throw new BundleFormatException(
                    file,
                    "not an rnnkit model bundle (bundle.json format is '"
                            + header.path("format").asText()
                            + "')",
                    null);
        }
        int version = header.path("version").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new BundleFormatException(
                    file,
                    "bundle format version "
                            + version
                            + " was written by a newer"
                            + " rnnkit; this one reads versions 1 to "
                            + FORMAT_VERSION
                            + ". Upgrade rnnkit.",
                    null);
        }
        if (version < 1) {
            throw new BundleFormatException(file, "invalid bundle format version " + version, null);
        }
        try {
            byte[] net = require(file, entries, "network.zip");
            ComputationGraph network =
                    ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(net), false);
            Vocabulary vocabulary =
                    entries.containsKey("vocabulary.json")
                            ? Vocabulary.read(
                                    new ByteArrayInputStream(entries.get("vocabulary.json")))
                            : null;
            JsonNode options = parse(file, "options.json", require(file, entries, "options.json"));
            if (!options.isObject()) {
                throw new BundleFormatException(file, "options.json must hold a JSON object", null);
            }
            Provenance provenance =
                    JSON.treeToValue(
                            parse(
                                    file,
                                    "provenance.json",
                                    require(file, entries, "provenance.json")),
                            Provenance.class);
            Map<String, Double> metrics = new TreeMap<>();
            parse(file, "metrics.json", require(file, entries, "metrics.json"))
                    .fields()
                    .forEachRemaining(m -> metrics.put(m.getKey(), m.getValue().asDouble()));
            Map<String, byte[]> attachments = new TreeMap<>();
            entries.forEach(
                    (name, bytes) -> {
                        if (name.startsWith("attachments/")) {
                            attachments.put(name.substring("attachments/".length()), bytes);
                        }
                    });
            return new ModelBundle(
                    header.path("task").asText(),
                    network,
                    vocabulary,
                    (ObjectNode) options,
                    provenance,
                    metrics,
                    attachments);
        } catch (BundleFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleFormatException(file, "corrupt bundle: " + e.getMessage(), e);
        }
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name)
            throws BundleFormatException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new BundleFormatException(file, "corrupt bundle: missing entry " + name, null);
        }
        return bytes;
    }

    private static JsonNode parse(Path file, String name, byte[] bytes)
            throws BundleFormatException {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BundleFormatException(
                    file, "corrupt bundle: " + name + " is not valid JSON", e);
        }
    }

    /**
     * Returns an attachment.
     *
     * @param name the attachment name
     * @return its bytes
     * @throws IllegalStateException when the bundle has no such attachment
     */
    public byte[] attachment(String name) {
        byte[] bytes = attachments.get(name);
        if (bytes == null) {
            throw new IllegalStateException(
                    "bundle for task '"
                            + task
                            + "' has no attachment '"
                            + name
                            + "'; it has "
                            + attachments.keySet());
        }
        return bytes.clone();
    }

    /** Paths are written as given (relative stays relative), not as absolute URIs. */
    private static SimpleModule pathsAsStrings() {
        SimpleModule module = new SimpleModule("rnnkit-paths");
        module.addSerializer(Path.class, ToStringSerializer.instance);
        module.addDeserializer(
                Path.class,
                new StdDeserializer<Path>(Path.class) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public Path deserialize(JsonParser parser, DeserializationContext context)
                            throws IOException {
                        return Path.of(parser.getValueAsString());
                    }
                });
        return module;
    }

    /**
     * Returns the shared JSON mapper used for bundle entries (records supported, paths as plain
     * strings, indented output).
     *
     * @return the mapper
     */
    public static ObjectMapper json() {
        return JSON;
    }
}
