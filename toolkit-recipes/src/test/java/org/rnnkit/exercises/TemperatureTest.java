package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.cli.RnnkitCli;
import org.rnnkit.recipes.generate.GenerateFixtures;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.TextLevel;

class TemperatureTest {

    @TempDir static Path shared;

    @TempDir Path dir;

    private static Path bundle;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        bundle = GenerateFixtures.smallModel(shared.resolve("lm.zip"), TextLevel.CHAR, 32);
    }

    @Test
    void givenHigherTemperature_whenMeasured_thenTheNextCharacterEntropyGrowsTowardsUniform()
            throws IOException {
        GenerateModel model = GenerateModel.load(bundle);
        Temperature.Result r = Temperature.run(model, "The ", 60, 5);
        assertEquals(Temperature.TEMPERATURES.size(), r.rows().size());
        double previous = -1;
        for (Temperature.Row row : r.rows()) {
            assertTrue(row.entropyAfterPrompt() > previous, "entropy grows with T: " + r.rows());
            assertTrue(row.sample().startsWith("The "), row.sample());
            assertTrue(Double.isFinite(row.meanEntropyAlongSample()), row.toString());
            previous = row.entropyAfterPrompt();
        }
        for (int i = 1; i < r.curveEntropy().length; i++) {
            assertTrue(r.curveEntropy()[i] >= r.curveEntropy()[i - 1] - 1e-9, "monotone curve");
            assertTrue(r.curveEntropy()[i] <= r.uniformEntropy() + 1e-9, "below uniform");
        }
        // T = 0.2 is near greedy: well under one bit after the prompt; T = 1.5 far above it
        assertTrue(r.rows().get(0).entropyAfterPrompt() < 1.0, r.rows().toString());
        assertTrue(
                r.rows().get(2).meanEntropyAlongSample() > r.rows().get(0).meanEntropyAlongSample(),
                r.rows().toString());
        // same seed, same samples
        assertEquals(r.rows(), Temperature.run(model, "The ", 60, 5).rows());
    }

    @Test
    void givenEntropyOfKnownDistributions_whenComputed_thenBits() {
        assertEquals(1.0, Temperature.entropy(new double[] {0.5, 0.5}), 1e-12);
        assertEquals(2.0, Temperature.entropy(new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
        assertEquals(0.0, Temperature.entropy(new double[] {0, 1, 0}), 1e-12);
    }

    @Test
    void givenCli_whenRunWithAModel_thenSettingsPrintedAndFilesOnlyUnderOut() throws IOException {
        Path out = dir.resolve("t");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit =
                RnnkitCli.execute(
                        new PrintWriter(o),
                        new PrintWriter(e),
                        "exercise",
                        "temperature",
                        "--model",
                        bundle.toString(),
                        "--prompt",
                        "A owl",
                        "--length",
                        "30",
                        "--out",
                        out.toString());
        assertEquals(0, exit, e.toString());
        assertTrue(o.toString().contains("settings: model " + bundle), o.toString());
        assertTrue(o.toString().contains("mean H along sample"), o.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(
                    List.of("temperature.png", "temperature.tsv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(21, Files.readAllLines(out.resolve("temperature.tsv")).size());
    }
}
