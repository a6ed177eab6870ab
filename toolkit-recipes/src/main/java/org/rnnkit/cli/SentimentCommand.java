package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.model.Pooling;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.sentiment.SentimentDataGenerator;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentOptionsBuilder;
import org.rnnkit.recipes.sentiment.SentimentRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit sentiment train|eval|predict|generate}. */
@Command(
        name = "sentiment",
        mixinStandardHelpOptions = true,
        description = "Many-to-one text classification (reviews -> pos/neg, stars, ...).",
        subcommands = {
            SentimentCommand.Train.class,
            SentimentCommand.Eval.class,
            SentimentCommand.Predict.class,
            SentimentCommand.Generate.class
        })
final class SentimentCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }

    /** {@code rnnkit sentiment train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a sentiment model and save it as a bundle.",
                "Data: TSV/CSV with a header (label + text|sentence|review|content), optionally .gz, or an aclImdb"
                        + " directory (pos/, neg/). Without --data the embedded generated reviews are used."
            })
    static final class Train implements Callable<Integer> {
        @Mixin TrainingFlags common;

        @Mixin EmbeddingFlags embedding;

        @Option(
                names = "--embeddings",
                paramLabel = "PATH",
                description =
                        "Pretrained word vectors (GloVe or word2vec text, optionally .gz) to start the"
                                + " embedding layer from; without --embedding-size the size is taken"
                                + " from the file.")
        Path embeddings;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--pooling",
                paramLabel = "last|max|mean",
                description = "Pooling over real steps: ${COMPLETION-CANDIDATES}.")
        Pooling pooling;

        @Option(names = "--max-vocab", paramLabel = "N", description = "Maximum vocabulary size.")
        Integer maxVocabulary;

        @Option(
                names = "--dev-fraction",
                paramLabel = "F",
                description = "Share held out as dev set without --dev.")
        Double devFraction;

        @Override
        public Integer call() throws IOException {
            SentimentOptions defaults = SentimentOptions.defaults();
            SentimentOptionsBuilder b =
                    SentimentOptions.builder().training(common.apply(defaults.training()));
            PrintWriter out = spec.commandLine().getOut();
            set(embedding.embeddingSize(embeddings, out), b::embeddingSize);
            set(embeddings, b::embeddings);
            set(embedding.minCount, b::minCount);
            set(pooling, b::pooling);
            set(maxVocabulary, b::maxVocabulary);
            set(devFraction, b::devFraction);
            RecipeResult result = SentimentRecipe.train(b.build());
            out.println(result.report());
            out.printf(Locale.ROOT, "model saved to %s%n", result.bundle());
            out.printf(
                    Locale.ROOT,
                    "try: ./rnnkit sentiment predict --model %s \"not bad at all\"%n",
                    result.bundle());
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit sentiment eval}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Score a model on labelled data; prints a table, optionally writes JSON.",
                "JSON keys: accuracy, macro_f1, examples, precision_<label>, recall_<label>, f1_<label>,"
                        + " baseline_accuracy, baseline_macro_f1."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin EvalArguments arguments;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RecipeResult result =
                    SentimentRecipe.evaluate(
                            arguments.model, arguments.data, arguments.skipBadRows);
            CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code rnnkit sentiment predict}. */
    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = {
                "Classify texts given as arguments, or one per standard-input line.",
                "Prints label<TAB>probability<TAB>text per input."
            })
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;

        @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Texts to classify.")
        List<String> inputs = new ArrayList<>();

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SentimentModel m = SentimentModel.load(model.model);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> texts = CommandOutput.inputs(inputs, "INPUT", err);
            List<SentimentModel.Prediction> predictions = m.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                out.printf(
                        Locale.ROOT,
                        "%s\t%.4f\t%s%n",
                        predictions.get(i).label(),
                        predictions.get(i).probability(),
                        texts.get(i));
            }
            err.flush();
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit sentiment generate}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description =
                    "Write generated reviews (the embedded data set by default) as TSV, e.g. to evaluate on.")
    static final class Generate implements Callable<Integer> {
        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE.tsv",
                description = "File to write.")
        Path out;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "Number of reviews (default: ${DEFAULT-VALUE}).")
        int size = SentimentDataGenerator.DEFAULT_SIZE;

        @Option(
                names = "--seed",
                paramLabel = "S",
                description = "Seed (default: the embedded data's).")
        long seed = SentimentDataGenerator.DEFAULT_SEED;

        @Override
        public Integer call() throws IOException {
            LabeledTextDataset set = SentimentDataGenerator.generate(size, seed);
            StringBuilder sb = new StringBuilder("label\ttext\n");
            for (LabeledText e : set.examples()) {
                sb.append(e.label()).append('\t').append(e.text()).append('\n');
            }
            AtomicFiles.write(out, sb.toString().getBytes(StandardCharsets.UTF_8));
            return 0;
        }
    }
}
