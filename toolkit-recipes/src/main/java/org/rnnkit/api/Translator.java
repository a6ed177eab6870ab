package org.rnnkit.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.ParallelPair;
import org.rnnkit.data.ParallelTextReader;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.translate.TranslateModel;
import org.rnnkit.recipes.translate.TranslateModel.Translation;
import org.rnnkit.recipes.translate.TranslateOptions;
import org.rnnkit.recipes.translate.TranslateRecipe;

/**
 * Sequence-to-sequence translation (languages, date formats, spelling normalisation) in a few
 * lines: an encoder-decoder with attention and beam search, trained, scored by BLEU and saved by
 * the same code as {@code rnnkit translate train}.
 *
 * <pre>{@code
 * Translator translator = Translator.builder().epochs(10).build();
 * translator.fit(sources, targets);                  // or fit(Path.of("pairs.tsv"))
 * translator.translate("the cat sleeps");            // beam search
 * translator.save(Path.of("translate.zip"));         // rnnkit translate predict reads it
 * Translator again = Translator.load(Path.of("translate.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link TranslateRecipe}: a seeded dev split by source
 * sentence (unless dev pairs are given), early stopping on dev BLEU, label smoothing, beam search
 * with a length penalty. Checkpoints and the metrics log go to a temporary directory that is
 * deleted afterwards; use {@link TranslateRecipe#train(TranslateOptions)} for resumable runs that
 * keep them. {@code fit} returns the report the command line prints (BLEU, chrF, exact match).
 *
 * <p><b>Data.</b> Source sentences with one translation each, in memory, or in a file of {@code
 * source<TAB>target} lines read through the DataVec {@code ParallelTextReader}. Errors in in-memory
 * data name the caller's index: "source 17 is empty".
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class Translator extends RecipeTask<TranslateOptions, TranslateModel> {

    private Translator(TranslateOptions options, TranslateModel model) {
        super(
                options,
                model,
                "translator",
                new Recipe<>(TranslateRecipe::train, TranslateModel::load));
    }

    /**
     * Starts a builder from the recipe's defaults ({@link TranslateOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a translator saved by {@link #save(Path)} or by {@code rnnkit translate train}.
     *
     * @param file the bundle
     * @return a fitted translator with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static Translator load(Path file) throws IOException {
        TranslateModel loaded = TranslateModel.load(file);
        return new Translator(loaded.options(), loaded);
    }

    /**
     * Trains on source sentences and their translations, holding out a seeded dev split by source
     * ({@code devFraction}) for early stopping. Replaces any earlier model.
     *
     * @param sources the source sentences
     * @param targets the translation of each source sentence
     * @return the dev metrics ({@code bleu} 0-100 with beam search, {@code chrf}, {@code
     *     exact_match}, ...) and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the lists differ in size or a sentence is empty (naming
     *     the caller's index), or the dev split is empty
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<String> sources, List<String> targets) throws IOException {
        return fitPairs(pairs(sources, targets, "sources", "targets"), null);
    }

    /**
     * Trains on source sentences and their translations, selecting the best epoch on dev pairs.
     *
     * @param sources the training source sentences
     * @param targets the translation of each training source sentence
     * @param devSources the dev source sentences
     * @param devTargets the translation of each dev source sentence
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when paired lists differ in size or a sentence is empty
     *     (naming the caller's index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(
            List<String> sources,
            List<String> targets,
            List<String> devSources,
            List<String> devTargets)
            throws IOException {
        List<ParallelPair> train = pairs(sources, targets, "sources", "targets");
        List<ParallelPair> dev = pairs(devSources, devTargets, "devSources", "devTargets");
        return fitPairs(train, dev);
    }

    /**
     * Trains on a file of {@code source<TAB>target} lines, with a seeded dev split: exactly {@code
     * rnnkit translate train --data FILE}.
     *
     * @param data the pairs
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException for a malformed line (naming the file and
     *     line)
     */
    public RecipeResult fit(Path data) throws IOException {
        return fit(data, null);
    }

    /**
     * Trains on a file of pairs, selecting the best epoch on a dev file: exactly {@code rnnkit
     * translate train --data FILE --dev DEV}.
     *
     * @param data the pairs
     * @param dev the dev pairs in the same format, or {@code null} for a seeded split of {@code
     *     data}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException for a malformed line (naming the file and
     *     line)
     */
    public RecipeResult fit(Path data, Path dev) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(TranslateModel.TASK)) {
            TranslateOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data).withDev(dev));
            return finish(TranslateRecipe.train(fileOptions), run);
        }
    }

    /**
     * Trains on pairs already read (by {@link ParallelTextReader#readAll}, or built from a DataVec
     * reader's records). Named apart from {@code fit} because Java erases both list types alike.
     *
     * @param train the training pairs
     * @param dev the dev pairs, or {@code null} for a seeded split by source of {@code train}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the temporary run cannot be written
     * @throws IllegalArgumentException when the dev split is empty
     */
    public RecipeResult fitPairs(List<ParallelPair> train, List<ParallelPair> dev)
            throws IOException {
        Inputs.requireElements(train, "train", "pair");
        Inputs.requireNonEmpty(train, "train");
        try (TemporaryRun run = new TemporaryRun(TranslateModel.TASK)) {
            TranslateOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(TranslateRecipe.train(runOptions, train, dev), run);
        }
    }

    /**
     * Translates one sentence with beam search ({@code beamWidth} of the options).
     *
     * @param source the source sentence
     * @return the translation
     * @throws IllegalArgumentException when the sentence is blank
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public String translate(String source) {
        Objects.requireNonNull(source, "source");
        return translate(List.of(source)).get(0);
    }

    /**
     * Translates sentences with beam search ({@code beamWidth} of the options).
     *
     * @param sources the source sentences
     * @return one translation per sentence, in order
     * @throws IllegalArgumentException when a sentence is blank (naming its index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> translate(List<String> sources) {
        return predict(sources).stream().map(Translation::text).toList();
    }

    /**
     * Translates sentences with beam search, keeping each hypothesis (tokens and log probability).
     *
     * @param sources the source sentences
     * @return one translation per sentence, in order
     * @throws IllegalArgumentException when a sentence is blank (naming its index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<Translation> predict(List<String> sources) {
        return predict(sources, fitted().options().beamWidth());
    }

    /**
     * Translates sentences with a given beam width: {@code rnnkit translate predict --beam K}.
     *
     * @param sources the source sentences
     * @param beamWidth the hypotheses kept per step, at least 1 (1: greedy)
     * @return one translation per sentence, in order
     * @throws IllegalArgumentException when a sentence is blank (naming its index) or {@code
     *     beamWidth < 1}
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<Translation> predict(List<String> sources, int beamWidth) {
        TranslateModel fitted = fitted();
        Inputs.requireText(sources, "sources", "source");
        return fitted.translate(
                sources,
                fitted.decoder(beamWidth, fitted.options().lengthPenalty()),
                beamWidth > 1,
                true);
    }

    /**
     * Scores the translator on pairs: the report {@code rnnkit translate eval} prints.
     *
     * @param sources the source sentences
     * @param references the reference translation of each source sentence
     * @return metrics ({@code bleu} 0-100 with beam search, {@code bleu_greedy}, {@code chrf},
     *     {@code exact_match}, decoding speeds) and the report
     * @throws IllegalArgumentException when the lists differ in size or a sentence is empty (naming
     *     the caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(List<String> sources, List<String> references) {
        TranslateModel fitted = fitted();
        List<ParallelPair> pairs = pairs(sources, references, "sources", "references");
        return TranslateRecipe.evaluate(fitted, pairs, "pairs (in memory)", null, null);
    }

    /**
     * Scores the translator on a file of pairs: exactly {@code rnnkit translate eval --data FILE}.
     *
     * @param data {@code source<TAB>target} lines
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(data, fitted().options().training().format(), null, null);
    }

    /**
     * Scores the translator on a file of pairs with other decoding settings: {@code rnnkit
     * translate eval --data FILE --beam K --length-penalty A} with its table and column flags.
     *
     * @param data {@code source<TAB>target} lines, or a delimited file
     * @param format the file's shape (its source and target columns)
     * @param beamWidth the beam width, or {@code null} for the options'
     * @param lengthPenalty the length penalty, or {@code null} for the options'
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the beam width is below 1 or the penalty negative
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(
            Path data, DataFormat format, Integer beamWidth, Double lengthPenalty)
            throws IOException {
        return TranslateRecipe.evaluate(fitted(), data, format, beamWidth, lengthPenalty);
    }

    /**
     * Saves the model as one bundle (network, vocabularies, options, provenance, dev metrics),
     * written atomically.
     *
     * @param file the zip to write; {@code rnnkit translate predict --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TemporaryRun.save(fitted().bundle(), file);
    }

    private static List<ParallelPair> pairs(
            List<String> sources, List<String> targets, String sourcesName, String targetsName) {
        String source = sourcesName.startsWith("dev") ? "dev source" : "source";
        String target =
                targetsName.startsWith("dev")
                        ? "dev target"
                        : targetsName.startsWith("ref") ? "reference" : "target";
        Inputs.requireText(sources, sourcesName, source);
        Inputs.requireText(targets, targetsName, target);
        Inputs.requireSameSize(sources, sourcesName, targets, targetsName);
        Inputs.requireNonEmpty(sources, sourcesName);
        List<ParallelPair> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(new ParallelPair(sources.get(i).strip(), targets.get(i).strip(), i + 1));
        }
        return out;
    }

    /**
     * Settings of a {@link Translator}: the shared training settings (see {@link TrainingBuilder};
     * {@code maxLength} is the source tokens kept) plus the translator's own. Starts from {@link
     * TranslateOptions#defaults()}.
     */
    public static final class Builder extends TextTrainingBuilder<TranslateOptions, Builder> {

        private Builder() {
            super(
                    TranslateOptions.defaults(),
                    new Copies<>(
                            TranslateOptions::withTraining,
                            TranslateOptions::withEmbeddingSize,
                            TranslateOptions::withMinCount,
                            TranslateOptions::withDevFraction));
        }

        /**
         * Sets the beam width of {@code translate} and of the dev BLEU (1: greedy).
         *
         * @param beamWidth at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code beamWidth < 1}
         */
        public Builder beamWidth(int beamWidth) {
            return options(options().withBeamWidth(beamWidth));
        }

        /**
         * Turns the decoder's attention over the encoder states on or off.
         *
         * @param attention whether the decoder attends (the default) or reads the final encoder
         *     state only
         * @return this builder
         */
        public Builder attention(boolean attention) {
            return options(options().withAttention(attention));
        }

        /**
         * Builds the translator, not yet fitted.
         *
         * @return a translator with these settings
         */
        public Translator build() {
            return new Translator(options(), null);
        }
    }
}
