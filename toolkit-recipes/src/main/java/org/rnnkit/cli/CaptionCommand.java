package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.set;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionModel.Caption;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.caption.CaptionOptionsBuilder;
import org.rnnkit.recipes.caption.CaptionRecipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit caption train|eval|predict|generate}. */
@Command(
        name = "caption",
        mixinStandardHelpOptions = true,
        description = "Image captioning (one-to-many): CNN encoder -> recurrent decoder.",
        subcommands = {
            CaptionCommand.Train.class,
            CaptionCommand.Eval.class,
            CaptionCommand.Predict.class,
            CaptionCommand.Generate.class
        })
final class CaptionCommand extends CommandGroup {

    /** {@code rnnkit caption train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a captioner and save a bundle. Data: a directory with captions.txt"
                        + " (image.jpg#k<TAB>caption), images/ and an optional splits.tsv"
                        + " (image<TAB>train|dev|test); or the Flickr8k layout; or a COCO"
                        + " captions .json.",
                "Trains on the train split and selects on dev. Without --data the embedded"
                        + " generated scenes are used."
            })
    static final class Train implements Callable<Integer> {
        @Mixin TrainingFlags common;

        @Mixin EmbeddingFlags embedding;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--encoder",
                paramLabel = "cnn|resnet50|vgg16",
                description = "Image encoder (default cnn, trained from scratch).")
        String encoder;

        @Option(
                names = "--encoder-weights",
                paramLabel = "FILE",
                description = "Pretrained weights of a zoo encoder (a local DL4J model zip).")
        Path encoderWeights;

        @Option(names = "--image-size", paramLabel = "PX", description = "Image side in pixels.")
        Integer imageSize;

        @Option(
                names = "--image-vector-size",
                paramLabel = "I",
                description = "Width of the image vector.")
        Integer imageVectorSize;

        @Option(names = "--beam", paramLabel = "K", description = "Beam width of the final scores.")
        Integer beam;

        @Option(
                names = "--lr-decay",
                paramLabel = "F",
                description = "Learning-rate factor per epoch.")
        Double lrDecay;

        @Override
        public Integer call() throws IOException {
            TrainingFlags.refuse(
                    spec,
                    common.bidirectional,
                    "caption train does not take --bidirectional: the decoder reads forward");
            CaptionOptionsBuilder b =
                    CaptionOptions.builder()
                            .training(common.apply(CaptionOptions.defaults().training()));
            set(encoder, b::encoder);
            set(encoderWeights, b::encoderWeights);
            set(imageSize, b::imageSize);
            set(imageVectorSize, b::imageVectorSize);
            set(embedding.embeddingSize, b::embeddingSize);
            set(embedding.minCount, b::minCount);
            set(beam, b::beamWidth);
            set(lrDecay, b::lrDecay);
            RecipeResult result = CaptionRecipe.train(b.build());
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.report());
            out.println("saved " + result.bundle());
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit caption eval}. */
    @Command(
            name = "eval",
            mixinStandardHelpOptions = true,
            description = {
                "Score a captioner on a corpus (its test split when splits mark one, else every"
                        + " captioned image): corpus BLEU-1..4 against all references, beside two"
                        + " baselines (best single training caption; nearest training image).",
                "JSON keys: bleu1..bleu4 (0-100, beam search), bleu1_greedy..bleu4_greedy,"
                        + " baseline_constant_bleu1..4, baseline_nearest_bleu1..4, exact_match,"
                        + " images, beam_width, images_per_second_beam, skipped_rows."
            })
    static final class Eval implements Callable<Integer> {
        @Mixin EvalArguments arguments;

        @Option(
                names = "--beam",
                paramLabel = "K",
                description = "Beam width (default: the model's).")
        Integer beam;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RecipeResult result =
                    CaptionRecipe.evaluate(
                            arguments.model, arguments.data, beam, arguments.skipBadRows);
            CommandOutput.printEvaluation(result, arguments.json, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code rnnkit caption predict}. */
    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Caption image files given as arguments, or one path per stdin line.")
    static final class Predict implements Callable<Integer> {
        @Mixin ModelArgument model;

        @Option(
                names = "--beam",
                paramLabel = "K",
                description = "Beam width (default 3; 1 greedy).")
        int beam = 3;

        @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
        List<String> inputs = new ArrayList<>();

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Recipes.require(beam >= 1, "beam must be >= 1, received: beam=" + beam);
            PrintWriter out = spec.commandLine().getOut();
            List<Path> images =
                    CommandOutput.inputs(inputs, "IMAGE", spec.commandLine().getErr()).stream()
                            .map(Path::of)
                            .toList();
            List<Caption> captions = CaptionRecipe.predict(model.model, images, beam);
            for (int i = 0; i < images.size(); i++) {
                out.println(images.get(i) + "\t" + captions.get(i).text());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code rnnkit caption generate}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description =
                    "Write the generated scenes as a captions.txt corpus (images/, captions.txt,"
                            + " splits.tsv).")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory.")
        Path out;

        @Option(
                names = "--size",
                paramLabel = "N",
                description = "Scenes (default: ${DEFAULT-VALUE}).")
        int size = CaptionDataGenerator.DEFAULT_SIZE;

        @Option(
                names = "--seed",
                paramLabel = "S",
                description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed = CaptionDataGenerator.DEFAULT_SEED;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaptionDataGenerator.write(out, size, seed);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d scenes to %s%n", size, out);
            return 0;
        }
    }
}
