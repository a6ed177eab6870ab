package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.rnnkit.data.DataFormat;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.GenerateOptions;
import org.rnnkit.recipes.generate.GenerateOptionsBuilder;
import org.rnnkit.recipes.generate.GenerateRecipe;
import org.rnnkit.recipes.generate.TextDataGenerator;
import org.rnnkit.recipes.generate.TextLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit generate train|sample|eval|predict|generate}: the language-model recipe. */
@Command(
        name = "generate",
        subcommands = {
            TextGenerationCommand.Train.class,
            TextGenerationCommand.Sample.class,
            TextGenerationCommand.Eval.class,
            TextGenerationCommand.Predict.class,
            TextGenerationCommand.Corpus.class
        })
final class TextGenerationCommand extends GroupCommand {

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

    /** {@code rnnkit generate train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Option(names = "--level", paramLabel = "char|word")
        TextLevel level;

        @Option(names = "--tbptt-length", paramLabel = "T")
        Integer tbpttLength;

        @Option(names = "--embedding-size", paramLabel = "E")
        Integer embeddingSize;

        @Option(names = "--min-count", paramLabel = "N")
        Integer minCount;

        @Option(names = "--max-vocab", paramLabel = "N")
        Integer maxVocabulary;

        @Option(names = "--dev-fraction", paramLabel = "F")
        Double devFraction;

        @Mixin ColumnFlags column;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            refuse(common.bidirectional, "--bidirectional: a language model reads forward only");
            TrainingOptions training = common.apply(GenerateOptions.defaults().training());
            GenerateOptionsBuilder b =
                    GenerateOptions.builder()
                            .training(training.withFormat(column.apply(training.format())));
            set(level, b::level);
            set(tbpttLength, b::tbpttLength);
            set(embeddingSize, b::embeddingSize);
            set(minCount, b::minCount);
            set(maxVocabulary, b::maxVocabulary);
            set(devFraction, b::devFraction);
            return GenerateRecipe.train(b.build());
        }

        @Override
        String saved(Path bundle) {
            return "model saved to "
                    + bundle
                    + System.lineSeparator()
                    + "try: ./rnnkit generate sample --model "
                    + bundle
                    + " --prompt \"The\"";
        }
    }

    /** {@code rnnkit generate sample}. */
    @Command(name = "sample")
    static final class Sample implements java.util.concurrent.Callable<Integer> {
        @Mixin ModelArgument model;

        @Option(names = "--prompt", paramLabel = "TEXT", descriptionKey = "generate.prompt")
        String prompt = "";

        @Option(names = "--count", paramLabel = "C", descriptionKey = "generate.count")
        int count = 1;

        @Mixin SamplingFlags sampling;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be >= 1, received: " + count);
            }
            TokenSampler sampler = sampling.sampler();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            GenerateModel m = GenerateModel.load(model.model);
            noteUnknown(m, prompt, err);
            Random random = new Random(sampling.seed(err));
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.println();
                }
                out.println(m.sample(prompt, sampling.length, sampler, random));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit generate eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Mixin TableFlags table;

        @Mixin ColumnFlags column;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            DataFormat saved = GenerateModel.load(a.model).options().training().format();
            return GenerateRecipe.evaluate(
                    a.model, a.data, a.skipBadRows, column.apply(table.apply(saved)));
        }
    }

    /** {@code rnnkit generate predict}: one sample per prompt, newlines written as {@code \n}. */
    @Command(name = "predict")
    static final class Predict extends PredictCommand {
        @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "Prompts to continue.")
        List<String> inputs = new ArrayList<>();

        @Mixin SamplingFlags sampling;

        @Override
        List<String> arguments() {
            return inputs;
        }

        @Override
        void check() {
            sampling.sampler();
        }

        @Override
        List<String> predict(Path bundle, List<String> prompts) throws IOException {
            GenerateModel m = GenerateModel.load(bundle);
            PrintWriter err = spec.commandLine().getErr();
            Random random = new Random(sampling.seed(err));
            List<String> lines = new ArrayList<>();
            for (String prompt : prompts) {
                noteUnknown(m, prompt, err);
                lines.add(
                        m.sample(prompt, sampling.length, sampling.sampler(), random)
                                .replace("\n", "\\n"));
            }
            return lines;
        }
    }

    /** {@code rnnkit generate generate}: write the embedded corpus (or another seed's). */
    @Command(name = "generate")
    static final class Corpus extends GenerateCommand {
        @Option(names = "--size", paramLabel = "N")
        int size = TextDataGenerator.DEFAULT_SIZE;

        @Override
        String write() throws IOException {
            TextDataGenerator.write(out, size, seed(TextDataGenerator.DEFAULT_SEED));
            return "";
        }
    }
}
