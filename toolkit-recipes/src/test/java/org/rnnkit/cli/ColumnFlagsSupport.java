package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;

/** The steps the {@code *ColumnFlagsTest} classes share: generate, train a smoke model, eval. */
final class ColumnFlagsSupport {

    private ColumnFlagsSupport() {}

    /** Runs {@code rnnkit TASK generate --out OUT --size SIZE} and checks that it succeeded. */
    static void generate(String task, Path out, int size) {
        Run generate = run(task, "generate", "--out", out.toString(), "--size", "" + size);
        assertEquals(0, generate.exit(), generate.err());
    }

    /**
     * Runs {@code rnnkit TASK train --smoke SMOKE... --data DATA --out MODEL FLAGS...}, where SMOKE
     * are the task's small-model options, and returns the run unchecked.
     */
    static Run train(String task, List<String> smoke, Path data, Path model, String... flags) {
        List<String> args = new ArrayList<>(List.of(task, "train", "--smoke"));
        args.addAll(smoke);
        args.addAll(List.of("--data", data.toString(), "--out", model.toString()));
        args.addAll(List.of(flags));
        return run(args.toArray(String[]::new));
    }

    /**
     * Runs {@code rnnkit TASK eval} as {@link RnnkitCliTest#evaluate} does, checks that it
     * succeeded, and reads back the metrics it wrote to JSON.
     */
    static JsonNode metrics(String task, Path model, Path data, Path json, String... extra)
            throws IOException {
        RnnkitCliTest.evaluate(task, model, data, json, extra);
        return ModelBundle.json().readTree(json.toFile());
    }

    /** Asserts that the run exited with 2 and that its standard error contains MESSAGE. */
    static void assertRefused(Run run, String message) {
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(message), run.err());
    }
}
