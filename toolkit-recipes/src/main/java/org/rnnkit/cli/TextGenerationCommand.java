package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.api.TextGenerator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.generate.GenerateOptions;
import org.rnnkit.recipes.generate.GenerateOptionsBuilder;
import org.rnnkit.recipes.generate.TextDataGenerator;
import org.rnnkit.recipes.generate.TextLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit generate train|sample|eval|predict|export|generate}: the language-model recipe. */
@Command(
        name = "generate",
        subcommands = {
            TextGenerationCommand.Train.class,
            GenerateSampleCommand.class,
            TextGenerationCommand.Eval.class,
            GeneratePredictCommand.class,
            GenerateExportCommand.class,
            TextGenerationCommand.Corpus.class
        })
final class TextGenerationCommand extends GroupCommand {

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

        @Mixin GenerateFlags.ColumnFlags column;

        @Parameters(
                arity = "0..*",
                paramLabel = "PATH",
                description = "Further training data after --data PATH (files or directories).")
        List<Path> moreData = new ArrayList<>();

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            refuse(common.bidirectional, "--bidirectional: a language model reads forward only");
            GenerateOptionsBuilder b =
                    GenerateOptions.builder()
                            .training(
                                    common.apply(
                                            GenerateOptions.defaults().training(), column::apply));
            set(level, b::level);
            set(tbpttLength, b::tbpttLength);
            set(embeddingSize, b::embeddingSize);
            set(minCount, b::minCount);
            set(maxVocabulary, b::maxVocabulary);
            set(devFraction, b::devFraction);
            b.moreData(moreData);
            return TextGenerator.builder().options(b.build()).build().fitAndSave();
        }

        @Override
        String saved(Path bundle) {
            return savedWithTry("generate", bundle, "The");
        }
    }

    /** {@code rnnkit generate eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Mixin TableFlags table;

        @Mixin GenerateFlags.ColumnFlags column;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            TextGenerator generator = TextGenerator.load(a.model);
            DataFormat saved = generator.options().training().format();
            return generator.evaluate(a.data, column.apply(table.apply(saved)), a.skipBadRows);
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
