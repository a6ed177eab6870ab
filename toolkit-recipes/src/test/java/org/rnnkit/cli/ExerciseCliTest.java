package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

class ExerciseCliTest {

    private static final List<String> COURSE_ORDER =
            List.of(
                    "rnn-equations",
                    "parameter-count",
                    "component-sizes",
                    "shuffle-invariance",
                    "gradient-flow",
                    "gate-equations",
                    "long-term-dependency",
                    "bidirectional-context",
                    "stateful-rnn",
                    "word-embeddings",
                    "architecture-choice",
                    "image-caption",
                    "temperature");

    @TempDir Path dir;

    private static Map<String, CommandLine> exercises() {
        return new CommandLine(new RnnkitCli()).getSubcommands().get("exercise").getSubcommands();
    }

    @Test
    void listsTheExercisesInTheCoursesOrder() {
        RnnkitCliTest.Run r = RnnkitCliTest.run("exercise", "--list");
        assertEquals(0, r.exit(), r.err());
        assertEquals(COURSE_ORDER, r.out().lines().toList());
        assertEquals(COURSE_ORDER, new ArrayList<>(exercises().keySet()));
    }

    @Test
    void givenEveryExercise_whenHelp_thenItAndEveryArgumentAreDescribed() {
        for (Map.Entry<String, CommandLine> e : exercises().entrySet()) {
            RnnkitCliTest.Run help = RnnkitCliTest.run("exercise", e.getKey(), "--help");
            assertEquals(0, help.exit(), e.getKey() + ": " + help.err());
            assertTrue(
                    help.out().contains("Exercise " + (COURSE_ORDER.indexOf(e.getKey()) + 1) + ":"),
                    e.getKey() + " --help lacks its description:\n" + help.out());
            List<ArgSpec> args = new ArrayList<>(e.getValue().getCommandSpec().args());
            for (ArgSpec arg : args) {
                String[] description = arg.description();
                assertTrue(
                        description.length > 0 && !description[0].isBlank(),
                        "expected a help text for "
                                + arg
                                + " of exercise "
                                + e.getKey()
                                + " in rnnkit.properties");
            }
        }
        RnnkitCliTest.Run seed = RnnkitCliTest.run("exercise", "long-term-dependency", "--help");
        assertTrue(seed.out().contains("[SEED]") && seed.out().contains("default: 1"), seed.out());
        RnnkitCliTest.Run out = RnnkitCliTest.run("exercise", "gradient-flow", "--help");
        assertTrue(out.out().contains("exercises-out/gradient-flow/"), out.out());
    }

    @Test
    void givenNoOptions_whenParameterCount_thenTheCoursesExampleAndTheConventions() {
        RnnkitCliTest.Run r = RnnkitCliTest.run("exercise", "parameter-count");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("20 + 25 + 5 + 15 + 3 = 68"), r.out());
        assertTrue(r.out().contains("reset_after=True"), r.out());
    }

    @Test
    void givenStudentsSizes_whenParameterCount_thenThatNetworkTermByTerm() {
        RnnkitCliTest.Run r =
                RnnkitCliTest.run(
                        "exercise",
                        "parameter-count",
                        "--cell",
                        "gru",
                        "-d",
                        "10",
                        "--hidden",
                        "8",
                        "--layers",
                        "2",
                        "--bidirectional",
                        "-k",
                        "3");
        assertEquals(0, r.exit(), r.err());
        // Per layer and direction 3(dh + h^2 + 2h): layer 1 3(80 + 64 + 16) = 480, layer 2 (d =
        // 2h = 16) 3(128 + 64 + 16) = 624; both times 2 directions, plus 3 x 16 + 3 = 51.
        long total = 2 * 480 + 2 * 624 + 51;
        assertTrue(
                r.out().contains("hidden h=[8, 8] (2 layers, bidirectional)"),
                "expected the settings line, printed:\n" + r.out());
        assertTrue(
                r.out().contains("DL4J numParams(): " + total + ", summary() total: " + total),
                r.out());
        assertTrue(r.out().contains("| layer 2 W_F (input weights)"), r.out());
        long withoutResetAfter = total - 2 * 2 * 3 * 8;
        assertTrue(r.out().contains("total " + withoutResetAfter), r.out());
    }

    @Test
    void givenBadSizes_whenParameterCount_thenBadUsageNamingTheValue() {
        RnnkitCliTest.Run r =
                RnnkitCliTest.run(
                        "exercise", "parameter-count", "--hidden", "4,4,4", "--layers", "2");
        assertRefused(r, "--layers=2, --hidden=[4, 4, 4]");
        RnnkitCliTest.Run zero = RnnkitCliTest.run("exercise", "parameter-count", "-d", "0");
        assertRefused(zero, "received: inputs=0");
    }

    @Test
    void givenOut_whenGradientFlow_thenThePngsGoThereAndTheSettingsArePrinted() {
        Path out = dir.resolve("plots");
        RnnkitCliTest.Run r =
                RnnkitCliTest.run("exercise", "gradient-flow", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("gradient-flow.png")), r.out());
        assertTrue(Files.isRegularFile(out.resolve("gradient-flow-exploding.png")), r.out());
        assertTrue(r.out().contains("Wrote " + out.resolve("gradient-flow.png")), r.out());
        assertTrue(r.out().contains("steps (batch "), r.out());
        assertFalse(Files.exists(Path.of("gradient-flow.png")), "wrote into the working directory");
    }

    @Test
    void unknownExerciseIsBadUsage() {
        RnnkitCliTest.Run r = RnnkitCliTest.run("exercise", "gradient-descent");
        assertRefused(r, "unknown exercise 'gradient-descent'");
    }
}
