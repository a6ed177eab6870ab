package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionModel.Caption;
import org.rnnkit.recipes.caption.CaptionRecipe;
import org.rnnkit.recipes.caption.CenternetEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit caption train|eval|predict|detect|generate}. */
@Command(
        name = "caption",
        subcommands = {
            CaptionCommand.Train.class,
            CaptionCommand.Eval.class,
            CaptionCommand.Predict.class,
            CaptionCommand.Detect.class,
            CaptionCommand.Generate.class
        })
final class CaptionCommand extends GroupCommand {

    /** {@code rnnkit caption train}. */
    @Command(name = "train")
    static final class Train extends TrainCommand {
        @Mixin EmbeddingFlags embedding;

        @Mixin CaptionFlags caption;

        @Override
        RecipeResult train(PrintWriter out) throws IOException {
            refuse(
                    common.bidirectional,
                    "caption train does not take --bidirectional: the decoder reads forward");
            return CaptionRecipe.train(caption.apply(common, embedding));
        }
    }

    /** {@code rnnkit caption eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Option(names = "--beam", paramLabel = "K")
        Integer beam;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            return CaptionRecipe.evaluate(a.model, a.data, beam, a.skipBadRows);
        }
    }

    /** {@code rnnkit caption predict}. */
    @Command(name = "predict")
    static final class Predict extends BeamPredictCommand {

        @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
        List<String> inputs = new ArrayList<>();

        @Override
        List<String> arguments() {
            return inputs;
        }

        @Override
        int defaultBeam() {
            return 3;
        }

        @Override
        List<String> predict(Path bundle, List<String> images) throws IOException {
            List<Caption> captions =
                    CaptionRecipe.predict(
                            bundle, images.stream().map(Path::of).toList(), beamWidth());
            return IntStream.range(0, images.size())
                    .mapToObj(i -> Path.of(images.get(i)) + "\t" + captions.get(i).text())
                    .toList();
        }
    }

    /**
     * {@code rnnkit caption detect}: the COCO objects the centernet encoder's detector finds, one
     * line per detection: {@code image<TAB>label<TAB>score<TAB>x1,y1,x2,y2} (original pixels).
     */
    @Command(name = "detect")
    static final class Detect implements Callable<Integer> {

        @Option(names = "--encoder-weights", required = true, paramLabel = "centernet.json")
        Path encoderWeights;

        @Option(names = "--min-score", paramLabel = "S")
        double minScore = 0.3;

        @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
        List<String> inputs = new ArrayList<>();

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!(minScore >= 0 && minScore <= 1)) {
                throw new IllegalArgumentException(
                        "--min-score must be in [0, 1], received: " + minScore);
            }
            PrintWriter err = spec.commandLine().getErr();
            List<String> images = CommandOutput.inputs(inputs, "IMAGE", err);
            err.flush();
            CenternetEncoder detector = CenternetEncoder.open(encoderWeights, null);
            PrintWriter out = spec.commandLine().getOut();
            for (String image : images) {
                for (CenternetEncoder.Detection d : detector.detect(Path.of(image), minScore)) {
                    out.println(
                            String.format(
                                    Locale.ROOT,
                                    "%s\t%s\t%.4f\t%.1f,%.1f,%.1f,%.1f",
                                    image,
                                    d.label(),
                                    d.score(),
                                    d.x1(),
                                    d.y1(),
                                    d.x2(),
                                    d.y2()));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code rnnkit caption generate}. */
    @Command(name = "generate")
    static final class Generate extends GenerateCommand {
        @Option(names = "--size", paramLabel = "N")
        int size = CaptionDataGenerator.DEFAULT_SIZE;

        @Override
        String write() throws IOException {
            CaptionDataGenerator.write(out, size, seed(CaptionDataGenerator.DEFAULT_SEED));
            return "wrote " + size + " scenes to " + out;
        }
    }
}
