package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.translate.TranslateDataGenerator;
import org.rnnkit.recipes.translate.TranslateModel.Translation;
import org.rnnkit.recipes.translate.TranslateRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit translate train|eval|predict|generate}. */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = "Sequence-to-sequence translation with attention (encoder-decoder).",
        subcommands = {
            TranslateCommand.Train.class,
            TranslateCommand.Eval.class,
            TranslateCommand.Predict.class,
            TranslateCommand.Generate.class
        })
final class TranslateCommand extends RecipeGroupCommand {

    /** {@code rnnkit translate train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a translator on parallel text (source<TAB>target per line) and save a bundle.",
                "Without --data the embedded generated dates (spelled out -> ISO) are used; without"
                        + " --dev a seeded split by source sentence.",
                "The encoder is bidirectional unless --unidirectional."
            })
    static final class Train implements Callable<Integer> {
        @Mixin TrainingFlags common;
        @Mixin EmbeddingFlags embedding;
        @Mixin TranslateFlags translate;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RecipeResult result = TranslateRecipe.train(translate.apply(spec, common, embedding));
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.report());
            out.println("saved " + result.bundle());
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit translate eval}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Score a translator on parallel text; prints BLEU, chrF, exact match and samples.",
                "JSON keys: bleu (corpus BLEU, 0-100, beam search), bleu_greedy,"
                        + " bleu_multi_reference (pairs grouped by source sentence), chrf,"
                        + " exact_match, pairs, beam_width,"
                        + " sentences_per_second_{greedy,beam,cached,rerun}."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin EvalArguments arguments;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--beam",
                paramLabel = "K",
                description = "Beam width (default: the model's).")
        Integer beam;

        @Option(
                names = "--length-penalty",
                paramLabel = "A",
                description = "Length-penalty exponent of beam search (default: the model's).")
        Double lengthPenalty;

        @Override
        public Integer call() throws IOException {
            TrainingFlags.refuse(
                    spec, arguments.skipBadRows, "translate eval does not take --skip-bad-rows");
            RecipeResult result =
                    TranslateRecipe.evaluate(arguments.model, arguments.data, beam, lengthPenalty);
            CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code rnnkit translate predict}. */
    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Translate sentences given as arguments, or one per standard-input line.")
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--beam",
                paramLabel = "K",
                description = "Beam width (default 5; 1 greedy).")
        int beam = 5;

        @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences.")
        List<String> inputs = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Recipes.require(beam >= 1, "beam must be >= 1, received: beam=" + beam);
            PrintWriter out = spec.commandLine().getOut();
            List<String> sentences =
                    CommandOutput.inputs(inputs, "SENTENCE", spec.commandLine().getErr());
            for (Translation t : TranslateRecipe.predict(model.model, sentences, beam)) {
                out.println(t.text());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit translate generate}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Write the generated date pairs (spelled out<TAB>ISO) as TSV.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "File.")
        Path out;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "Pairs (default: ${DEFAULT-VALUE}).")
        int size = TranslateDataGenerator.DEFAULT_SIZE;

        @Option(
                names = "--seed",
                paramLabel = "S",
                description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed = TranslateDataGenerator.DEFAULT_SEED;

        @Override
        public Integer call() throws IOException {
            TranslateDataGenerator.write(out, size, seed);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d pairs to %s%n", size, out);
            return 0;
        }
    }
}
