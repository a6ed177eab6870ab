package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.api.Translator;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.translate.TranslateDataGenerator;
import org.rnnkit.recipes.translate.TranslateModel.Translation;
import org.rnnkit.recipes.translate.TranslateOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit translate train|eval|inspect|predict|generate}. */
@Command(
        name = "translate",
        subcommands = {
            TranslateCommand.Train.class,
            TranslateCommand.Eval.class,
            TranslateInspectCommand.class,
            TranslateCommand.Predict.class,
            TranslateCommand.Generate.class
        })
final class TranslateCommand extends GroupCommand {

    /** {@code rnnkit translate train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Mixin EmbeddingFlags embedding;

        @Mixin TranslateFlags translate;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            TranslateOptions options = translate.apply(spec, common, embedding);
            return Translator.builder().options(options).build().fitAndSave();
        }
    }

    /** {@code rnnkit translate eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Option(names = "--beam", paramLabel = "K")
        Integer beam;

        @Option(names = "--length-penalty", paramLabel = "A")
        Double lengthPenalty;

        @Mixin TableFlags table;

        @Mixin TranslateColumnFlags columns;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            CommandOutput.refuse(
                    spec, a.skipBadRows, "translate eval does not take --skip-bad-rows");
            Translator translator = Translator.load(a.model);
            DataFormat saved = translator.options().training().format();
            return translator.evaluate(
                    a.data, columns.apply(table.apply(saved)), beam, lengthPenalty);
        }
    }

    /** {@code rnnkit translate predict}. */
    @Command(name = "predict")
    static final class Predict extends BeamPredictCommand {

        @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences.")
        List<String> inputs = new ArrayList<>();

        @Override
        int defaultBeam() {
            return 5;
        }

        @Override
        List<String> predict(Path bundle, List<String> sentences) throws IOException {
            return Translator.load(bundle).predict(sentences, beamWidth()).stream()
                    .map(Translation::text)
                    .toList();
        }
    }

    /** {@code rnnkit translate generate}. */
    @Command(name = "generate")
    static final class Generate extends GenerateCommand {
        @Option(names = "--size", paramLabel = "N")
        int size = TranslateDataGenerator.DEFAULT_SIZE;

        @Override
        String write() throws IOException {
            TranslateDataGenerator.write(out, size, seed(TranslateDataGenerator.DEFAULT_SEED));
            return "wrote " + size + " pairs to " + out;
        }
    }
}
