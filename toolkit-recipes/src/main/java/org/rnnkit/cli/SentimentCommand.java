package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.rnnkit.api.TextClassifier;
import org.rnnkit.data.DataFormat;
import org.rnnkit.model.Pooling;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentOptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit sentiment train|eval|inspect|predict|generate}. */
@Command(
        name = "sentiment",
        subcommands = {
            SentimentCommand.Train.class,
            SentimentCommand.Eval.class,
            SentimentInspectCommand.class,
            SentimentCommand.Predict.class,
            SentimentGenerateCommand.class
        })
final class SentimentCommand extends GroupCommand {

    /** {@code rnnkit sentiment train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Mixin EmbeddingFlags embedding;

        @Option(names = "--embeddings", paramLabel = "PATH")
        Path embeddings;

        @Option(names = "--init-from", paramLabel = "GENERATE.zip")
        Path languageModel;

        @Option(names = "--pooling", paramLabel = "last|max|mean")
        Pooling pooling;

        @Option(names = "--max-vocab", paramLabel = "N")
        Integer maxVocabulary;

        @Option(names = "--dev-fraction", paramLabel = "F")
        Double devFraction;

        @Mixin ClassifierColumnFlags columns;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            SentimentOptionsBuilder b =
                    SentimentOptions.builder()
                            .training(
                                    common.apply(
                                            SentimentOptions.defaults().training(),
                                            columns::apply));
            set(embedding.embeddingSize(embeddings, languageModel, out), b::embeddingSize);
            set(embeddings, b::embeddings);
            set(languageModel, b::languageModel);
            set(embedding.minCount, b::minCount);
            set(pooling, b::pooling);
            set(maxVocabulary, b::maxVocabulary);
            set(devFraction, b::devFraction);
            return TextClassifier.builder().options(b.build()).build().fitAndSave();
        }

        @Override
        String saved(Path bundle) {
            return savedWithTry("sentiment", bundle, "not bad at all");
        }
    }

    /** {@code rnnkit sentiment eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Mixin TableFlags table;

        @Mixin ClassifierColumnFlags columns;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            TextClassifier classifier = TextClassifier.load(a.model);
            DataFormat saved = classifier.options().training().format();
            return classifier.evaluate(a.data, columns.apply(table.apply(saved)), a.skipBadRows);
        }
    }

    /** {@code rnnkit sentiment predict}. */
    @Command(name = "predict")
    static final class Predict extends PredictCommand {
        @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Texts to classify.")
        List<String> inputs = new ArrayList<>();

        @Override
        List<String> predict(Path bundle, List<String> texts) throws IOException {
            List<SentimentModel.Prediction> p = TextClassifier.load(bundle).predict(texts);
            return IntStream.range(0, texts.size())
                    .mapToObj(i -> p.get(i).toLine(texts.get(i)))
                    .toList();
        }
    }
}
