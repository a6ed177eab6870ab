package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.postag.PostagDataGenerator;
import org.rnnkit.recipes.postag.PostagModel;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.postag.PostagOptionsBuilder;
import org.rnnkit.recipes.postag.PostagRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit postag train|eval|predict|generate}. */
@Command(
        name = "postag",
        mixinStandardHelpOptions = true,
        description = "Part-of-speech tagging: one tag per token (many-to-many).",
        subcommands = {
            PostagCommand.Train.class,
            PostagCommand.Eval.class,
            PostagCommand.Predict.class,
            PostagCommand.Generate.class
        })
final class PostagCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }

    /** {@code rnnkit postag train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a tagger and save it as a bundle.",
                "Data: CoNLL-U (UPOS column 4, or XPOS column 5 with --tagset xpos) or one sentence per line"
                        + " as word/TAG tokens. Without --data the embedded generated sentences are used.",
                "Recurrent layers are bidirectional unless --unidirectional."
            })
    static final class Train implements Callable<Integer> {
        @Mixin TrainingFlags common;

        @Mixin EmbeddingFlags embedding;

        @Mixin PostagFlags own;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TrainingFlags.refuse(
                    spec,
                    common.skipBadRows || common.maxLength != null,
                    "postag train does not take --skip-bad-rows or --max-length: sentences are"
                            + " tagged whole and malformed lines are errors");
            TrainingFlags.refuse(
                    spec,
                    own.unidirectional && common.bidirectional,
                    "--bidirectional and --unidirectional exclude each other");
            PostagOptionsBuilder b =
                    PostagOptions.builder()
                            .training(
                                    common.apply(PostagOptions.defaults().training())
                                            .withBidirectional(!own.unidirectional));
            set(own.tagset(), b::tagset);
            TrainingFlags.refuse(
                    spec,
                    own.embeddingsLimit != null && own.embeddings == null,
                    "--embeddings-limit needs --embeddings");
            TrainingFlags.refuse(
                    spec,
                    own.frozenEmbeddings && own.embeddings == null,
                    "--frozen-embeddings needs --embeddings");
            PrintWriter out = spec.commandLine().getOut();
            Path vectors = own.frozenEmbeddings ? null : own.embeddings;
            set(embedding.embeddingSize(vectors, out), b::embeddingSize);
            set(own.embeddings, b::embeddings);
            set(own.embeddingsLimit, b::embeddingsLimit);
            set(embedding.minCount, b::minCount);
            set(own.charSlots, b::charSlots);
            set(own.lrDecay, b::lrDecay);
            set(own.wordDropout, b::wordDropout);
            set(own.devFraction, b::devFraction);
            RecipeResult result =
                    PostagRecipe.train(b.frozenEmbeddings(own.frozenEmbeddings).build());
            out.println(result.report());
            out.printf(Locale.ROOT, "model saved to %s%n", result.bundle());
            out.printf(
                    Locale.ROOT,
                    "try: ./rnnkit postag predict --model %s \"they book a flight\"%n",
                    result.bundle());
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit postag eval}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Score a tagger on tagged data; prints a table, optionally writes JSON.",
                "JSON keys: accuracy (token accuracy, 0-1), macro_f1, precision_<tag>, recall_<tag>,"
                        + " f1_<tag>, oov_accuracy, oov_tokens, baseline_accuracy, baseline_oov_accuracy."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin EvalArguments arguments;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TrainingFlags.refuse(
                    spec, arguments.skipBadRows, "postag eval does not take --skip-bad-rows");
            RecipeResult result = PostagRecipe.evaluate(arguments.model, arguments.data);
            CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code rnnkit postag predict}. */
    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = {
                "Tag sentences given as arguments, or one per standard-input line (split at white space).",
                "Prints one line of word/TAG tokens per sentence."
            })
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;

        @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences to tag.")
        List<String> inputs = new ArrayList<>();

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PostagModel tagger = PostagModel.load(model.model);
            PrintWriter err = spec.commandLine().getErr();
            List<List<String>> sentences =
                    CommandOutput.inputs(inputs, "SENTENCE", err).stream()
                            .map(line -> Arrays.asList(line.trim().split("\\s+")))
                            .toList();
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.print(PostagDataGenerator.wordTagLines(sentences, tagger.predict(sentences)));
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit postag generate}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description =
                    "Write generated tagged sentences (word/TAG, one per line), e.g. to evaluate on.")
    static final class Generate implements Callable<Integer> {
        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE.txt",
                description = "File to write.")
        Path out;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "Number of sentences (default: ${DEFAULT-VALUE}).")
        int size = PostagDataGenerator.DEFAULT_SIZE;

        @Option(
                names = "--seed",
                paramLabel = "S",
                description = "Seed (default: the embedded data's, ${DEFAULT-VALUE}).")
        long seed = PostagDataGenerator.DEFAULT_SEED;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Recipes.require(size >= 1, "size must be > 0, received: size=" + size);
            String text =
                    PostagDataGenerator.wordTagLines(PostagDataGenerator.generate(size, seed));
            AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
            spec.commandLine()
                    .getOut()
                    .printf(Locale.ROOT, "wrote %d sentences to %s%n", size, out);
            return 0;
        }
    }
}
