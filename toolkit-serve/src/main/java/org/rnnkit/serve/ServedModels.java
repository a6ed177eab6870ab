package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.caption.CaptionModel;
import org.rnnkit.recipes.forecast.ForecastModel;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.postag.PostagModel;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.translate.TranslateModel;

/** Loads a {@code [NAME=]PATH} of {@code --model} as the served model of its bundle's task. */
final class ServedModels {

    /** Names usable in a URL path segment without escaping. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private ServedModels() {}

    /** Splits {@code NAME=PATH}; a plain path is named after its file. */
    static String[] nameAndPath(String spec) {
        int eq = spec.indexOf('=');
        if (eq > 0 && NAME.matcher(spec.substring(0, eq)).matches()) {
            return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
        }
        String file = Path.of(spec).getFileName().toString();
        String name = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "model name must match "
                            + NAME.pattern()
                            + ", received: '"
                            + name
                            + "' (from "
                            + spec
                            + "); give one as --model NAME="
                            + spec);
        }
        return new String[] {name, spec};
    }

    /**
     * Loads one bundle.
     *
     * @throws IOException the bundle's own error when it is missing, corrupt or foreign
     * @throws IllegalArgumentException for a task that cannot be served
     */
    static ServedModel<?, ?> load(String name, Path file, ServeOptions options, MeterRegistry r)
            throws IOException {
        String task = task(file);
        JsonNode provenance = provenance(file);
        return switch (task) {
            case SentimentModel.TASK ->
                    new SentimentService(name, SentimentModel.load(file), provenance, options, r);
            case PostagModel.TASK ->
                    new PostagService(name, PostagModel.load(file), provenance, options, r);
            case TranslateModel.TASK ->
                    new TranslateService(name, TranslateModel.load(file), provenance, options, r);
            case ForecastModel.TASK ->
                    new ForecastService(name, ForecastModel.load(file), provenance, options, r);
            case CaptionModel.TASK ->
                    new CaptionService(name, CaptionModel.load(file), provenance, options, r);
            case GenerateModel.TASK ->
                    new GenerateService(name, GenerateModel.load(file), provenance, options, r);
            default ->
                    throw new BundleFormatException(
                            file,
                            "holds a '"
                                    + task
                                    + "' model; serve handles sentiment, postag, translate, forecast,"
                                    + " caption and generate models",
                            null);
        };
    }

    /**
     * Reads the task from the bundle's header without loading the network. Anything odd is left to
     * {@link ModelBundle#load}, whose error says what is wrong with the file.
     */
    private static String task(Path file) throws IOException {
        JsonNode header = entry(file, "bundle.json");
        String task = header == null ? "" : header.path("task").asText("");
        return task.isEmpty() ? ModelBundle.load(file).task() : task;
    }

    private static JsonNode provenance(Path file) {
        JsonNode p = entry(file, "provenance.json");
        return p == null ? NullNode.getInstance() : p;
    }

    /** One JSON entry of a zip, or null when the zip or the entry cannot be read. */
    static JsonNode entry(Path file, String name) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(e)) {
                return ModelBundle.json().readTree(in);
            }
        } catch (IOException e) {
            // Not a readable zip: the full load that follows reports the bundle's error.
            return null;
        }
    }
}
