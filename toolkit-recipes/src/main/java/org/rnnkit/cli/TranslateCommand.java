package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.translate.TranslateDataGenerator;
import org.rnnkit.recipes.translate.TranslateModel.Translation;
import org.rnnkit.recipes.translate.TranslateOptions;
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
final class TranslateCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }

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
        @Mixin TrainArguments common;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--reverse", description = "Swap the columns.")
        boolean reverse;

        @Option(names = "--shared-vocab", description = "One vocabulary for both sides.")
        boolean sharedVocab;

        @Option(names = "--no-attention", description = "The context-vector model (no attention).")
        boolean noAttention;

        @Option(names = "--unidirectional", description = "Read the source left to right only.")
        boolean unidirectional;

        @Option(names = "--embedding-size", paramLabel = "E", description = "Embedding width.")
        Integer embeddingSize;

        @Option(names = "--min-count", paramLabel = "N", description = "Minimum token count.")
        Integer minCount;

        @Option(names = "--max-vocab", paramLabel = "N", description = "Most ids per side.")
        Integer maxVocab;

        @Option(
                names = "--max-target-length",
                paramLabel = "T",
                description = "Target tokens kept.")
        Integer maxTargetLength;

        @Option(names = "--beam", paramLabel = "K", description = "Beam width of the final scores.")
        Integer beam;

        @Option(
                names = "--length-penalty",
                paramLabel = "A",
                description = "Length-penalty exponent of beam search (default 0.6).")
        Double lengthPenalty;

        @Option(
                names = "--split-elisions",
                description = "Split French elisions off their word (l'homme -> l' homme).")
        boolean splitElisions;

        @Option(names = "--patience", paramLabel = "N", description = "Early-stopping patience.")
        Integer patience;

        @Option(
                names = "--lr-decay",
                paramLabel = "F",
                description = "Learning-rate factor per epoch.")
        Double lrDecay;

        @Option(
                names = "--label-smoothing",
                paramLabel = "EPS",
                description =
                        "Share of each target token spread over the vocabulary in training"
                                + " (default 0.1; 0 trains on the references as they are).")
        Double labelSmoothing;

        @Option(
                names = "--weight-averaging",
                paramLabel = "D",
                description =
                        "Per-batch decay of a moving average of the weights, scored beside"
                                + " them after every epoch (default 0.998, about the last 500"
                                + " batches; 0 turns it off).")
        Double weightAveraging;

        @Option(
                names = "--dev-fraction",
                paramLabel = "F",
                description = "Dev share without --dev (default 0.05).")
        Double devFraction;

        @Override
        public Integer call() throws IOException {
            TrainArguments a = common;
            if (a.skipBadRows) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "translate train does not take --skip-bad-rows: malformed lines are errors");
            }
            if (unidirectional && a.bidirectional) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--bidirectional and --unidirectional exclude each other");
            }
            TranslateOptions.Builder b = TranslateOptions.builder();
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
            set(a.maxLength, b::maxSourceLength);
            set(a.learningRate, b::learningRate);
            set(embeddingSize, b::embeddingSize);
            set(minCount, b::minCount);
            set(maxVocab, b::maxVocabulary);
            set(maxTargetLength, b::maxTargetLength);
            set(beam, b::beamWidth);
            set(lengthPenalty, b::lengthPenalty);
            set(patience, b::patience);
            set(lrDecay, b::lrDecay);
            set(labelSmoothing, b::labelSmoothing);
            set(weightAveraging, b::weightAveraging);
            set(devFraction, b::devFraction);
            b.reverse(reverse)
                    .splitElisions(splitElisions)
                    .sharedVocabulary(sharedVocab)
                    .attention(!noAttention)
                    .bidirectional(!unidirectional)
                    .resume(a.resume)
                    .smoke(a.smoke)
                    .progressBar(!a.noProgress && System.console() != null);
            RecipeResult result = TranslateRecipe.train(b.build());
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

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (arguments.skipBadRows) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "translate eval does not take --skip-bad-rows");
            }
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

        @Option(
                names = "--beam",
                paramLabel = "K",
                description = "Beam width (default 5; 1 greedy).")
        int beam = 5;

        @Parameters(arity = "0..*", paramLabel = "SENTENCE", description = "Sentences.")
        List<String> inputs = new ArrayList<>();

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (beam < 1) {
                throw new IllegalArgumentException("beam must be >= 1, received: beam=" + beam);
            }
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

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TranslateDataGenerator.write(out, size, seed);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d pairs to %s%n", size, out);
            return 0;
        }
    }
}
