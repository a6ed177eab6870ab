package org.rnnkit.api;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.data.DataFormat;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.caption.CaptionDataGenerator.Scene;
import org.rnnkit.recipes.caption.CaptionModel;
import org.rnnkit.recipes.caption.CaptionModel.Caption;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.caption.CaptionRecipe;

/**
 * Image captioning in a few lines: an image encoder and a recurrent decoder with beam search,
 * trained, scored (BLEU, ROUGE-L, CIDEr) and saved by the same code as {@code rnnkit caption
 * train}.
 *
 * <pre>{@code
 * ImageCaptioner captioner = ImageCaptioner.builder().epochs(10).build();
 * captioner.fit(pictures, captions);                 // or fit(Path.of("captions.tsv"))
 * captioner.caption(picture);                        // "a red circle above a blue square"
 * captioner.save(Path.of("caption.zip"));            // rnnkit caption predict reads it
 * ImageCaptioner again = ImageCaptioner.load(Path.of("caption.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link CaptionRecipe}: a seeded dev share of the pictures
 * (unless dev pictures are given), early stopping on dev BLEU-4, the nearest-neighbour and
 * most-frequent-caption baselines beside the network. The default encoder is a small CNN trained
 * with the decoder on 32x32 pictures; pretrained encoders are options ({@code encoder}).
 * Checkpoints and the metrics log go to a temporary directory that is deleted afterwards; use
 * {@link CaptionRecipe#train(CaptionOptions)} for resumable runs that keep them.
 *
 * <p><b>Data.</b> Pictures with one or more reference captions each, in memory, or a caption corpus
 * on disk (image files plus a captions file, read through the DataVec {@code CaptionCorpusReader}).
 * Errors in in-memory data name the caller's index: "caption 0 of picture 7 is empty".
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class ImageCaptioner extends RecipeTask<CaptionOptions, CaptionModel> {

    /** The bundle's bytes: {@link CaptionModel} keeps no bundle, so save writes these. */
    private byte[] bundle;

    private ImageCaptioner(CaptionOptions options, CaptionModel model, byte[] bundle) {
        super(options, model, "captioner", new Recipe<>(CaptionRecipe::train, CaptionModel::load));
        this.bundle = bundle;
    }

    /**
     * Starts a builder from the recipe's defaults ({@link CaptionOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    CaptionModel read(Path file) throws IOException {
        bundle = Files.readAllBytes(file);
        return super.read(file);
    }

    /**
     * Loads a captioner saved by {@link #save(Path)} or by {@code rnnkit caption train}.
     *
     * @param file the bundle
     * @return a fitted captioner with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static ImageCaptioner load(Path file) throws IOException {
        CaptionModel loaded = CaptionModel.load(file);
        return new ImageCaptioner(loaded.options(), loaded, Files.readAllBytes(file));
    }

    /**
     * Trains on pictures and their reference captions, holding out a seeded dev share ({@code
     * devFraction}) for early stopping. Replaces any earlier model.
     *
     * @param pictures the training pictures, any size (resized to {@code imageSize})
     * @param captions the reference captions of each picture, at least one each
     * @return the dev metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l}, {@code cider},
     *     baselines) and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the lists differ in size, a picture has no caption or a
     *     caption is empty (naming the caller's index), or fewer than 2 pictures are given
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<BufferedImage> pictures, List<List<String>> captions)
            throws IOException {
        List<Scene> train = scenes(pictures, captions, "picture", "train");
        if (train.size() < 2) {
            throw new IllegalArgumentException(
                    "expected at least 2 pictures to split off a dev part, received: "
                            + train.size()
                            + "; or pass dev pictures to fit");
        }
        return fitScenes(train);
    }

    /**
     * Trains on pictures and their reference captions, selecting the best epoch on dev pictures.
     *
     * @param pictures the training pictures
     * @param captions the reference captions of each training picture
     * @param devPictures the dev pictures
     * @param devCaptions the reference captions of each dev picture
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the input is malformed (naming the caller's index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(
            List<BufferedImage> pictures,
            List<List<String>> captions,
            List<BufferedImage> devPictures,
            List<List<String>> devCaptions)
            throws IOException {
        List<Scene> all = new ArrayList<>(scenes(pictures, captions, "picture", "train"));
        all.addAll(scenes(devPictures, devCaptions, "dev picture", "dev"));
        return fitScenes(all);
    }

    /**
     * Trains on a caption corpus: exactly {@code rnnkit caption train --data CORPUS}.
     *
     * @param data the captions file of a corpus (its images beside it)
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException for a malformed line or an unreadable image
     */
    public RecipeResult fit(Path data) throws IOException {
        return fit(data, null);
    }

    /**
     * Trains on a caption corpus, selecting the best epoch on a dev corpus: exactly {@code rnnkit
     * caption train --data CORPUS --dev DEV}.
     *
     * @param data the captions file of a corpus
     * @param dev the dev corpus, or {@code null} for the corpus's dev split (or a seeded share)
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException for a malformed line or an unreadable image
     */
    public RecipeResult fit(Path data, Path dev) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(CaptionModel.TASK)) {
            CaptionOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data).withDev(dev));
            return finish(CaptionRecipe.train(fileOptions), run);
        }
    }

    private RecipeResult fitScenes(List<Scene> scenes) throws IOException {
        try (TemporaryRun run = new TemporaryRun(CaptionModel.TASK)) {
            CaptionOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(CaptionRecipe.train(runOptions, scenes), run);
        }
    }

    /**
     * Captions one picture with beam search ({@code beamWidth} of the options).
     *
     * @param picture the picture, any size
     * @return the caption
     * @throws IOException when an encoder's weights cannot be read
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public String caption(BufferedImage picture) throws IOException {
        Objects.requireNonNull(picture, "picture");
        return predict(List.of(picture)).get(0).text();
    }

    /**
     * Captions pictures with beam search, keeping each hypothesis (tokens and log probability).
     *
     * @param pictures the pictures, any size
     * @return one caption per picture, in order
     * @throws IOException when an encoder's weights cannot be read
     * @throws IllegalArgumentException when {@code pictures} is empty
     * @throws NullPointerException naming the index of a null picture
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<Caption> predict(List<BufferedImage> pictures) throws IOException {
        CaptionModel fitted = fitted();
        Inputs.requireElements(pictures, "pictures", "picture");
        Inputs.requireNonEmpty(pictures, "pictures");
        return fitted.caption(pictures, fitted.options().beamWidth());
    }

    /**
     * Captions image files: exactly {@code rnnkit caption predict --model BUNDLE FILE...}, with a
     * model in memory.
     *
     * @param images the image files
     * @return one caption per image, in order
     * @throws IOException when an image cannot be read
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> caption(List<Path> images) throws IOException {
        return captionFiles(images, fitted().options().beamWidth()).stream()
                .map(Caption::text)
                .toList();
    }

    /**
     * Captions image files with a given beam width, read and resized as the model's encoder
     * expects: {@code rnnkit caption predict --beam K FILE...}.
     *
     * @param images the image files
     * @param beamWidth the hypotheses kept per step, at least 1 (1: greedy)
     * @return one caption per image, in order
     * @throws IOException when an image cannot be read (naming the file)
     * @throws IllegalArgumentException when {@code images} is empty or {@code beamWidth < 1}
     * @throws NullPointerException naming the index of a null path
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<Caption> captionFiles(List<Path> images, int beamWidth) throws IOException {
        CaptionModel fitted = fitted();
        Inputs.requireElements(images, "images", "image");
        Inputs.requireNonEmpty(images, "images");
        return CaptionRecipe.predict(fitted, images, beamWidth);
    }

    /**
     * Scores the captioner on pictures with reference captions: the report {@code rnnkit caption
     * eval} prints.
     *
     * @param pictures the pictures
     * @param captions the reference captions of each picture
     * @return the metrics ({@code bleu1}..{@code bleu4}, {@code rouge_l}, {@code cider}, greedy,
     *     baselines) and the report
     * @throws IOException when an encoder's weights cannot be read
     * @throws IllegalArgumentException when the input is malformed (naming the caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(List<BufferedImage> pictures, List<List<String>> captions)
            throws IOException {
        CaptionModel fitted = fitted();
        List<Scene> scenes = scenes(pictures, captions, "picture", "test");
        return CaptionRecipe.evaluate(fitted, scenes, "pictures (in memory)", null);
    }

    /**
     * Scores the captioner on a corpus: exactly {@code rnnkit caption eval --data CORPUS} (its
     * {@code test} split when it marks one).
     *
     * @param data the captions file of a corpus
     * @return the metrics and the report
     * @throws IOException when a file cannot be written or read
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(
                data,
                fitted().options().training().format(),
                null,
                options.training().skipBadRows());
    }

    /**
     * Scores the captioner on a corpus of a given shape with another beam width: {@code rnnkit
     * caption eval --data CORPUS --beam K} with its table and column flags.
     *
     * @param data the captions file of a corpus
     * @param format the captions file's shape (its image and caption columns)
     * @param beamWidth the beam width, or {@code null} for the options'
     * @param skipBadRows count and skip malformed lines and unreadable images instead of failing
     * @return the metrics and the report
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when the beam width is below 1
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(
            Path data, DataFormat format, Integer beamWidth, boolean skipBadRows)
            throws IOException {
        Objects.requireNonNull(data, "data");
        return CaptionRecipe.evaluate(fitted(), data, format, beamWidth, skipBadRows);
    }

    /**
     * Saves the model as one bundle (network, vocabulary, options, provenance, dev metrics,
     * baselines), written atomically: byte for byte the bundle training (or the loaded file)
     * produced.
     *
     * @param file the zip to write; {@code rnnkit caption predict --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        fitted();
        AtomicFiles.write(file, bundle);
        // record where it now lives (not the deleted temporary run), as the other tasks do
        TemporaryRun.save(ModelBundle.load(file), file);
        bundle = Files.readAllBytes(file);
    }

    private static List<Scene> scenes(
            List<BufferedImage> pictures, List<List<String>> captions, String what, String split) {
        boolean dev = what.startsWith("dev");
        String picturesName = dev ? "devPictures" : "pictures";
        String captionsName = dev ? "devCaptions" : "captions";
        Inputs.requireElements(pictures, picturesName, what);
        Inputs.requireElements(captions, captionsName, "captions of " + what);
        Inputs.requireSameSize(pictures, picturesName, captions, captionsName);
        Inputs.requireNonEmpty(pictures, picturesName);
        List<Scene> out = new ArrayList<>(pictures.size());
        for (int i = 0; i < pictures.size(); i++) {
            List<String> refs = captions.get(i);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException(
                        what + " " + i + " has no caption; every picture needs at least one");
            }
            for (int j = 0; j < refs.size(); j++) {
                String c = refs.get(j);
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException(
                            "caption "
                                    + j
                                    + " of "
                                    + what
                                    + " "
                                    + i
                                    + " is "
                                    + (c == null ? "null" : "empty"));
                }
            }
            out.add(new Scene(what.replace(' ', '-') + "-" + i, pictures.get(i), refs, split));
        }
        return out;
    }

    /**
     * Settings of an {@link ImageCaptioner}: the shared training settings (see {@link
     * TrainingBuilder}; {@code maxLength} is the caption tokens, {@code bidirectional} does not
     * apply) plus the captioner's own. Starts from {@link CaptionOptions#defaults()}.
     */
    public static final class Builder extends TextTrainingBuilder<CaptionOptions, Builder> {

        private Builder() {
            super(
                    CaptionOptions.defaults(),
                    new Copies<>(
                            CaptionOptions::withTraining,
                            CaptionOptions::withEmbeddingSize,
                            CaptionOptions::withMinCount,
                            CaptionOptions::withDevFraction));
        }

        /**
         * Sets the side of the square the pictures are resized to (the CNN encoder's input).
         *
         * @param imageSize pixels, at least the encoder's minimum
         * @return this builder
         * @throws IllegalArgumentException when {@code imageSize} is out of range
         */
        public Builder imageSize(int imageSize) {
            return options(options().withImageSize(imageSize));
        }

        /**
         * Sets the beam width of {@code caption} and of the final dev scores (1: greedy).
         *
         * @param beamWidth at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code beamWidth < 1}
         */
        public Builder beamWidth(int beamWidth) {
            return options(options().withBeamWidth(beamWidth));
        }

        /**
         * Builds the captioner, not yet fitted.
         *
         * @return a captioner with these settings
         */
        public ImageCaptioner build() {
            return new ImageCaptioner(options(), null, null);
        }
    }
}
