package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnkit.api.SequenceTagger;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.postag.PostagDataGenerator;
import org.rnnkit.recipes.postag.PostagOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit postag train|eval|inspect|predict|generate}. */
@Command(
        name = "postag",
        subcommands = {
            PostagCommand.Train.class,
            PostagCommand.Eval.class,
            PostagInspectCommand.class,
            PostagCommand.Predict.class,
            PostagCommand.Generate.class
        })
final class PostagCommand extends GroupCommand {

    /** {@code rnnkit postag train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Mixin EmbeddingFlags embedding;

        @Mixin PostagFlags own;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            PostagOptions options = own.apply(spec, common, embedding, out);
            return SequenceTagger.builder().options(options).build().fitAndSave();
        }

        @Override
        String saved(Path bundle) {
            return savedWithTry("postag", bundle, "they book a flight");
        }
    }

    /** {@code rnnkit postag eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Mixin TableFlags table;

        @Mixin PostagColumnFlags columns;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            CommandOutput.refuse(spec, a.skipBadRows, "postag eval does not take --skip-bad-rows");
            SequenceTagger tagger = SequenceTagger.load(a.model);
            DataFormat saved = tagger.options().training().format();
            return tagger.evaluate(a.data, columns.apply(table.apply(saved)));
        }
    }

    /** {@code rnnkit postag predict}. */
    @Command(name = "predict")
    static final class Predict extends PredictCommand {
        @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences to tag.")
        List<String> inputs = new ArrayList<>();

        @Override
        List<String> predict(Path bundle, List<String> lines) throws IOException {
            SequenceTagger tagger = SequenceTagger.load(bundle);
            List<List<String>> sentences =
                    lines.stream().map(line -> Arrays.asList(line.trim().split("\\s+"))).toList();
            return PostagDataGenerator.wordTagLines(sentences, tagger.predict(sentences))
                    .lines()
                    .toList();
        }
    }

    /** {@code rnnkit postag generate}. */
    @Command(name = "generate")
    static final class Generate extends GenerateCommand {
        @Option(names = "--size", paramLabel = "N")
        int size = PostagDataGenerator.DEFAULT_SIZE;

        @Override
        String write() throws IOException {
            Recipes.require(size >= 1, "size must be > 0, received: size=" + size);
            long seed = seed(PostagDataGenerator.DEFAULT_SEED);
            String text =
                    PostagDataGenerator.wordTagLines(PostagDataGenerator.generate(size, seed));
            AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
            return "wrote " + size + " sentences to " + out;
        }
    }
}
