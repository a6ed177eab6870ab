package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.api.ImageCaptioner;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.caption.AttentionPicture;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionModel.Caption;
import org.rnnkit.recipes.caption.CaptionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnkit caption train|eval|inspect|predict|detect|generate}. */
@Command(
        name = "caption",
        subcommands = {
            CaptionCommand.Train.class,
            CaptionCommand.Eval.class,
            CaptionInspectCommand.class,
            CaptionCommand.Predict.class,
            CaptionDetectCommand.class,
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
            CaptionOptions options = caption.apply(common, embedding);
            return ImageCaptioner.builder().options(options).build().fitAndSave();
        }
    }

    /** {@code rnnkit caption eval}. */
    @Command(name = "eval")
    static final class Eval extends EvalCommand {
        @Option(names = "--beam", paramLabel = "K")
        Integer beam;

        @Mixin TableFlags table;

        @Mixin CaptionColumnFlags columns;

        @Override
        RecipeResult evaluate(EvalArguments a) throws IOException {
            ImageCaptioner captioner = ImageCaptioner.load(a.model);
            DataFormat saved = captioner.options().training().format();
            return captioner.evaluate(
                    a.data, columns.apply(table.apply(saved)), beam, a.skipBadRows);
        }
    }

    /** {@code rnnkit caption predict}. */
    @Command(name = "predict")
    static final class Predict extends BeamPredictCommand {

        @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Image files.")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--show-attention", paramLabel = "DIR")
        Path showAttention;

        @Override
        int defaultBeam() {
            return 3;
        }

        @Override
        List<String> predict(Path bundle, List<String> images) throws IOException {
            List<Caption> captions =
                    ImageCaptioner.load(bundle)
                            .captionFiles(images.stream().map(Path::of).toList(), beamWidth());
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                Path image = Path.of(images.get(i));
                String line = image + "\t" + captions.get(i).text();
                if (showAttention != null) {
                    String name = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                    Path png = showAttention.resolve(name + ".attention.png");
                    AttentionPicture.write(image, captions.get(i), png);
                    line += "\t" + png;
                }
                lines.add(line);
            }
            return lines;
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
