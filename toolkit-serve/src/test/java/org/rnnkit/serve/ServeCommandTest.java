package org.rnnkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.serve.TrainedBundles.Run;

/**
 * {@code rnnkit serve} as the command line runs it: the command finds this module through {@code
 * ModelServing}, and a bad bundle stops start-up with exit code 2 and the bundle's error.
 */
class ServeCommandTest {

    @TempDir Path dir;

    @Test
    void givenCorruptBundle_whenServed_thenExit2WithTheBundleError() throws IOException {
        Path corrupt = dir.resolve("corrupt.zip");
        Files.writeString(corrupt, "not a zip at all");
        Run run =
                TrainedBundles.cli(
                        "serve",
                        "--model",
                        TrainedBundles.sentiment().toString(),
                        "--model",
                        corrupt.toString(),
                        "--port",
                        "0");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("corrupt.zip"), run.err());
        assertTrue(run.err().contains("not an rnnkit model bundle"), run.err());
    }

    @Test
    void givenMissingBundle_whenServed_thenExit2NamingIt() {
        Run run = TrainedBundles.cli("serve", "--model", dir.resolve("gone.zip").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("gone.zip"), run.err());
    }

    @Test
    void givenTwoBundlesOfOneName_whenServed_thenExit2AskingForNames() {
        String model = TrainedBundles.sentiment().toString();
        Run run = TrainedBundles.cli("serve", "--model", model, "--model", model, "--port", "0");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("NAME=PATH"), run.err());
    }

    @Test
    void givenNegativeLimit_whenServed_thenExit2NamingIt() {
        Run run =
                TrainedBundles.cli("serve", "--model", "x.zip", "--max-batch", "0", "--port", "0");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("maxBatchSize"), run.err());
    }
}
