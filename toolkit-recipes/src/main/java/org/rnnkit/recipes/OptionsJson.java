package org.rnnkit.recipes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.rnnkit.bundle.BundleFormatException;
import org.rnnkit.bundle.ModelBundle;

/**
 * A recipe's options as the JSON of a bundle's {@code options.json}, written and read by Jackson,
 * with a format version.
 *
 * <p>Version 2 (this one): {@code {"formatVersion": 2, "training": {...TrainingOptions...}, ...the
 * recipe's own settings...}}. Version 1 (bundles written before the shared {@link TrainingOptions}
 * existed, up to rnnkit 8340b8e; no {@code formatVersion} key) held every setting at the top level:
 * reading moves the training settings into {@code training}, renames the keys a recipe names in
 * {@code renamed} (for example {@code maxSourceLength} -> {@code maxLength}), and takes settings
 * the recipe did not have then from its defaults. Newer versions are refused with a message that
 * names the file and both versions.
 */
public final class OptionsJson {

    /** The options format this version writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 2;

    /** The key of the format version. */
    public static final String VERSION_KEY = "formatVersion";

    private static final String TRAINING = "training";

    private OptionsJson() {}

    /**
     * Returns options as JSON, the format version first.
     *
     * @param options a recipe's options
     * @return {@code {"formatVersion": 2, "training": {...}, ...}}
     */
    public static ObjectNode write(RecipeOptions options) {
        Objects.requireNonNull(options, "options");
        ObjectNode json = ModelBundle.json().createObjectNode();
        json.put(VERSION_KEY, FORMAT_VERSION);
        json.setAll((ObjectNode) ModelBundle.json().valueToTree(options));
        return json;
    }

    /**
     * Reads options written by {@link #write} or by an older rnnkit.
     *
     * @param <T> the options type
     * @param json the {@code options.json} content
     * @param type the options record
     * @param defaults the recipe's defaults, for version-1 files that lack a setting
     * @param renamed version-1 keys of training settings that the recipe named otherwise, by old
     *     name (empty for most recipes)
     * @param file the bundle, named in messages
     * @return the options
     * @throws BundleFormatException when the version is newer than {@link #FORMAT_VERSION} or the
     *     content does not match the options (the message names the file and the field)
     */
    public static <T extends RecipeOptions> T read(
            ObjectNode json, Class<T> type, T defaults, Map<String, String> renamed, Path file)
            throws BundleFormatException {
        ObjectNode copy = json.deepCopy();
        JsonNode versionNode = copy.remove(VERSION_KEY);
        int version = versionNode == null ? 1 : versionNode.asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new BundleFormatException(
                    file,
                    "options.json has format version "
                            + versionNode
                            + "; this rnnkit reads versions 1 to "
                            + FORMAT_VERSION
                            + " (a newer rnnkit wrote it: upgrade rnnkit to load it)",
                    null);
        }
        if (version == 1) {
            copy = upgradeFromVersion1(copy, defaults.training(), renamed);
        }
        try {
            return ModelBundle.json().treeToValue(copy, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BundleFormatException(
                    file,
                    "options.json does not hold valid "
                            + type.getSimpleName()
                            + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    private static ObjectNode upgradeFromVersion1(
            ObjectNode flat, TrainingOptions defaults, Map<String, String> renamed) {
        ObjectNode training = ModelBundle.json().valueToTree(defaults);
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            JsonNode value = flat.remove(e.getKey());
            if (value != null) {
                flat.set(e.getValue(), value);
            }
        }
        training.fieldNames()
                .forEachRemaining(
                        name -> {
                            JsonNode value = flat.remove(name);
                            if (value != null) {
                                training.set(name, value);
                            }
                        });
        ObjectNode upgraded = ModelBundle.json().createObjectNode();
        upgraded.set(TRAINING, training);
        upgraded.setAll(flat);
        return upgraded;
    }
}
