package org.rnnkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.rnnkit.data.DataFormat;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.generate.GenerateModel;
import picocli.CommandLine.Option;

/** The {@code generate} recipe's own flags: its corpus column and the sampling settings. */
final class GenerateFlags {

    private GenerateFlags() {}

    /** The text column of a TSV/CSV corpus: {@code --column} (alias {@code --text-column}). */
    static final class ColumnFlags {
        @Option(
                names = {"--column", "--text-column"},
                paramLabel = "NAME|INDEX",
                descriptionKey = "generate.column")
        List<String> columns = new ArrayList<>();

        DataFormat apply(DataFormat format) {
            return columns.isEmpty() ? format : format.withColumns(DataFormat.TEXT, columns);
        }
    }

    /** The sampling flags of {@code sample} and {@code predict}. */
    static final class SamplingFlags {
        @Option(names = "--length", paramLabel = "N", descriptionKey = "generate.length")
        int length = 200;

        @Option(names = "--temperature", paramLabel = "T", descriptionKey = "generate.temperature")
        double temperature = 1.0;

        @Option(names = "--top-k", paramLabel = "K", descriptionKey = "generate.top-k")
        int topK = 0;

        @Option(names = "--top-p", paramLabel = "P", descriptionKey = "generate.top-p")
        double topP = 1.0;

        @Option(names = "--seed", paramLabel = "S", descriptionKey = "generate.sample-seed")
        Long seed;

        TokenSampler sampler() {
            return new TokenSampler(temperature, topK, topP);
        }

        /**
         * The seed to draw with: {@code --seed}, or a fresh one that is reported on {@code err}.
         */
        long seed(PrintWriter err) {
            if (seed != null) {
                return seed;
            }
            long fresh = new Random().nextLong();
            err.println("seed: " + fresh + " (pass --seed " + fresh + " to repeat)");
            err.flush();
            return fresh;
        }
    }

    /** Warns on {@code err} about prompt tokens the model does not know. */
    static void noteUnknown(GenerateModel model, String prompt, PrintWriter err) {
        List<String> unknown = model.unknownTokens(prompt);
        if (!unknown.isEmpty()) {
            err.println(
                    "note: not in the model's vocabulary, read as the unknown token: "
                            + unknown.stream()
                                    .map(t -> "'" + t + "'")
                                    .collect(Collectors.joining(", ")));
            err.flush();
        }
    }
}
