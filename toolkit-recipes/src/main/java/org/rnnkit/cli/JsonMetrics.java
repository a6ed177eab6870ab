package org.rnnkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.ModelBundle;

/** Writes metrics as one flat JSON object, atomically. */
final class JsonMetrics {

    private JsonMetrics() {}

    static void write(Path file, Map<String, Double> metrics) throws IOException {
        ObjectNode root = ModelBundle.json().createObjectNode();
        metrics.forEach(root::put);
        AtomicFiles.write(file, ModelBundle.json().writeValueAsBytes(root));
    }
}
