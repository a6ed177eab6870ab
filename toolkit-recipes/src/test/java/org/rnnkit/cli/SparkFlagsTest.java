package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;
import static org.rnnkit.cli.RnnkitCliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCliTest.Run;
import org.rnnkit.recipes.SparkOptions;

/** The Spark flags, declared once for every recipe, without toolkit-spark on the class path. */
class SparkFlagsTest {

    @TempDir Path dir;

    @Test
    void givenSparkWithoutTheModule_whenTrained_thenUsageErrorNamingIt() {
        Path out = dir.resolve("m.zip");
        for (String task :
                new String[] {"sentiment", "postag", "translate", "forecast", "caption"}) {
            Run r = run(task, "train", "--smoke", "--spark", "local[2]", "--out", out.toString());
            assertEquals(2, r.exit(), task + ": " + r.err());
            assertTrue(r.err().contains("toolkit-spark"), r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void givenSparkSettingsWithoutMaster_whenTrained_thenUsageError() {
        Run r = run("sentiment", "train", "--smoke", "--workers", "4");
        assertRefused(r, "need --spark MASTER");
        Run bad = run("sentiment", "train", "--smoke", "--spark", "yarn-cluster-7");
        assertRefused(bad, "--spark expects local[N], spark://HOST:PORT");
    }

    @Test
    void givenMasters_whenPartitionsAsked_thenFromTheMasterOrWorkers() {
        assertEquals(3, SparkOptions.of("local[3]").partitions());
        assertEquals(1, SparkOptions.of("local").partitions());
        assertEquals(2, SparkOptions.of("spark://127.0.0.1:7077").partitions());
        assertEquals(
                8, new SparkOptions("yarn", SparkOptions.Mode.AVERAGING, 8, 5, 1e-3).partitions());
        assertTrue(SparkOptions.of("local[*]").inProcess());
        assertFalse(SparkOptions.of("spark://127.0.0.1:7077").inProcess());
    }
}
