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
import org.rnnkit.data.TaggedSentence;
import org.rnnkit.data.Tagset;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.postag.PostagDataGenerator;
import org.rnnkit.recipes.postag.PostagModel;
import org.rnnkit.recipes.postag.PostagOptions;
import org.rnnkit.recipes.postag.PostagRecipe;
import org.rnnkit.text.WordVectors;
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
        @Mixin TrainArguments common;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--tagset", paramLabel = "upos|xpos", description = "CoNLL-U tag column.")
        String tagset;

        @Option(names = "--unidirectional", description = "Read sentences left to right only.")
        boolean unidirectional;

        @Option(names = "--embedding-size", paramLabel = "E", description = "Word embedding width.")
        Integer embeddingSize;

        @Option(
                names = "--embeddings",
                paramLabel = "PATH",
                description =
                        "Pretrained word vectors (GloVe or word2vec text, optionally .gz) to start the"
                                + " word embedding from; the file's first --embeddings-limit words"
                                + " (lower-cased) join the training words in the vocabulary. Without"
                                + " --embedding-size the size is taken from the file.")
        Path embeddings;

        @Option(
                names = "--embeddings-limit",
                paramLabel = "N",
                description =
                        "How many words from the start of the --embeddings file join the vocabulary"
                                + " (default 100000).")
        Integer embeddingsLimit;

        @Option(
                names = "--frozen-embeddings",
                description =
                        "Keep the --embeddings vectors unchanged in a table of their own, beside a"
                                + " trainable embedding (--embedding-size, default 100) for the"
                                + " training words: unseen words with a vector then look like rare"
                                + " training words do after word dropout.")
        boolean frozenEmbeddings;

        @Option(
                names = "--char-slots",
                paramLabel = "N",
                description = "Character slots per word, incl. one padding slot at each end.")
        Integer charSlots;

        @Option(
                names = "--min-count",
                paramLabel = "N",
                description = "Minimum word count for the vocabulary.")
        Integer minCount;

        @Option(
                names = "--lr-decay",
                paramLabel = "F",
                description = "Learning-rate factor per epoch (default 0.9).")
        Double lrDecay;

        @Option(
                names = "--word-dropout",
                paramLabel = "ALPHA",
                description =
                        "Replace a word seen n times by <unk> with probability ALPHA/(ALPHA+n)"
                                + " while training (default 0.25; 0 turns it off).")
        Double wordDropout;

        @Option(
                names = "--patience",
                paramLabel = "N",
                description = "Epochs without dev improvement before stopping.")
        Integer patience;

        @Option(
                names = "--dev-fraction",
                paramLabel = "F",
                description = "Share held out as dev set without --dev.")
        Double devFraction;

        @Override
        public Integer call() throws IOException {
            TrainArguments a = common;
            if (a.skipBadRows || a.maxLength != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "postag train does not take --skip-bad-rows or --max-length: sentences are"
                                + " tagged whole and malformed lines are errors");
            }
            if (unidirectional && a.bidirectional) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--bidirectional and --unidirectional exclude each other");
            }
            PostagOptions.Builder b = PostagOptions.builder();
            set(a.data, b::data);
            set(a.dev, b::dev);
            set(a.out, b::out);
            set(a.epochs, b::epochs);
            set(a.seed, b::seed);
            set(a.cell == null ? null : CellType.parse(a.cell), b::cell);
            set(a.hidden, b::hiddenSize);
            set(a.layers, b::numLayers);
            set(a.dropout, b::dropout);
            set(a.batchSize, b::batchSize);
            set(a.learningRate, b::learningRate);
            set(tagset == null ? null : parseTagset(tagset), b::tagset);
            set(embeddingSize, b::embeddingSize);
            if (embeddingsLimit != null && embeddings == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--embeddings-limit needs --embeddings");
            }
            if (frozenEmbeddings && embeddings == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--frozen-embeddings needs --embeddings");
            }
            set(embeddings, b::embeddings);
            set(embeddingsLimit, b::embeddingsLimit);
            b.frozenEmbeddings(frozenEmbeddings);
            PrintWriter out = spec.commandLine().getOut();
            if (embeddings != null && embeddingSize == null && !frozenEmbeddings) {
                int dimension = WordVectors.read(embeddings, 1).dimension();
                b.embeddingSize(dimension);
                out.printf(
                        Locale.ROOT,
                        "embedding size set to %d, the dimension of %s%n",
                        dimension,
                        embeddings);
            }
            set(charSlots, b::charSlots);
            set(minCount, b::minCount);
            set(lrDecay, b::lrDecay);
            set(wordDropout, b::wordDropout);
            set(patience, b::patience);
            set(devFraction, b::devFraction);
            b.bidirectional(!unidirectional)
                    .resume(a.resume)
                    .smoke(a.smoke)
                    .progressBar(!a.noProgress && System.console() != null);
            RecipeResult result = PostagRecipe.train(b.build());
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

    static Tagset parseTagset(String name) {
        try {
            return Tagset.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "tagset must be one of [upos, xpos], received: tagset=" + name);
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
            if (arguments.skipBadRows) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "postag eval does not take --skip-bad-rows");
            }
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
            PostagModel m = PostagModel.load(model.model);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<List<String>> sentences = new ArrayList<>();
            for (String line : CommandOutput.inputs(inputs, "SENTENCE", err)) {
                sentences.add(Arrays.asList(line.trim().split("\\s+")));
            }
            List<List<String>> tags = m.predict(sentences);
            for (int i = 0; i < sentences.size(); i++) {
                StringBuilder line = new StringBuilder();
                for (int w = 0; w < sentences.get(i).size(); w++) {
                    if (w > 0) {
                        line.append(' ');
                    }
                    line.append(sentences.get(i).get(w)).append('/').append(tags.get(i).get(w));
                }
                out.println(line);
            }
            err.flush();
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
            if (size < 1) {
                throw new IllegalArgumentException("size must be > 0, received: size=" + size);
            }
            StringBuilder text = new StringBuilder();
            for (TaggedSentence s : PostagDataGenerator.generate(size, seed)) {
                for (int w = 0; w < s.size(); w++) {
                    if (w > 0) {
                        text.append(' ');
                    }
                    text.append(s.words().get(w)).append('/').append(s.tags().get(w));
                }
                text.append('\n');
            }
            AtomicFiles.write(out, text.toString().getBytes(StandardCharsets.UTF_8));
            spec.commandLine()
                    .getOut()
                    .printf(Locale.ROOT, "wrote %d sentences to %s%n", size, out);
            return 0;
        }
    }
}
