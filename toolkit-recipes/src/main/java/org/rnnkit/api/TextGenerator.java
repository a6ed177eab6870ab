package org.rnnkit.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.rnnkit.data.DataFormat;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.generate.GenerateModel;
import org.rnnkit.recipes.generate.GenerateOptions;
import org.rnnkit.recipes.generate.GenerateRecipe;
import org.rnnkit.recipes.generate.TextLevel;

/**
 * Text generation in a few lines: a recurrent language model over characters or words, trained,
 * scored (bits per character or perplexity, beside the unigram baseline) and saved by the same code
 * as {@code rnnkit generate train}.
 *
 * <pre>{@code
 * TextGenerator generator = TextGenerator.builder().epochs(3).build();
 * generator.fit(texts);                                  // or fit(Path.of("stories.txt"))
 * generator.generate("The", 200, new TokenSampler(0.8, 0, 1.0), 42);
 * generator.save(Path.of("generate.zip"));               // rnnkit generate sample reads it
 * TextGenerator again = TextGenerator.load(Path.of("generate.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link GenerateRecipe}: a seeded dev share of the texts
 * (unless dev texts are given; a single text is split at its end), truncated backpropagation
 * through time with the recurrent state carried across chunks, early stopping on dev bits per
 * token. Checkpoints and the metrics log go to a temporary directory that is deleted afterwards;
 * {@link #fitAndSave()} keeps them beside the bundle, as the command line does.
 *
 * <p><b>Data.</b> Texts (documents) in memory, or plain UTF-8 text files (documents separated by
 * blank lines, optionally gzipped), a column of a TSV/CSV file, or a directory of either. Errors in
 * in-memory data name the caller's index: "text 3 is empty".
 *
 * <p><b>Sampling.</b> {@code generate} continues a prompt with draws shaped by a {@link
 * TokenSampler} (temperature, top-k, top-p); the same seed gives the same text.
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class TextGenerator extends RecipeTask<GenerateOptions, GenerateModel> {

    private TextGenerator(GenerateOptions options, GenerateModel model) {
        super(
                options,
                model,
                "generator",
                new Recipe<>(GenerateRecipe::train, GenerateModel::load));
    }

    /**
     * Starts a builder from the recipe's defaults ({@link GenerateOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a generator saved by {@link #save(Path)} or by {@code rnnkit generate train}.
     *
     * @param file the bundle
     * @return a fitted generator with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static TextGenerator load(Path file) throws IOException {
        GenerateModel loaded = GenerateModel.load(file);
        return new TextGenerator(loaded.options(), loaded);
    }

    /**
     * Trains on texts, holding out a seeded dev share ({@code devFraction}, 5% by default) for
     * early stopping. Replaces any earlier model.
     *
     * @param texts the training documents
     * @return the dev metrics ({@code bits_per_char} or {@code perplexity}, the unigram's, {@code
     *     best_epoch}) and the report with a sample; its bundle is {@code null} until {@link
     *     #save(Path)}
     * @throws IllegalArgumentException when the list is empty or a text is empty (naming the
     *     caller's index)
     * @throws NullPointerException when the list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<String> texts) throws IOException {
        return fit(texts, null);
    }

    /**
     * Trains on texts, selecting the best epoch on the given dev texts.
     *
     * @param texts the training documents
     * @param devTexts the dev documents, or {@code null} for a seeded split of {@code texts}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when a list is empty or a text is empty (naming the caller's
     *     index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<String> texts, List<String> devTexts) throws IOException {
        List<String> train = documents(texts, "texts", "text");
        List<String> dev = devTexts == null ? null : documents(devTexts, "devTexts", "dev text");
        try (TemporaryRun run = new TemporaryRun(GenerateModel.TASK)) {
            GenerateOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(GenerateRecipe.train(runOptions, train, dev), run);
        }
    }

    /**
     * Trains on a text file or directory, with a seeded dev split: exactly {@code rnnkit generate
     * train --data PATH}.
     *
     * @param data a text file, a TSV/CSV file (its {@code text} column) or a directory of them
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is binary, not UTF-8, or there is
     *     no text (naming the file)
     */
    public RecipeResult fit(Path data) throws IOException {
        return fit(data, null);
    }

    /**
     * Trains on a text file or directory, selecting the best epoch on dev text: exactly {@code
     * rnnkit generate train --data PATH --dev DEV}.
     *
     * @param data a text file, a TSV/CSV file or a directory of them
     * @param dev dev text in the same forms, or {@code null} for a seeded split of {@code data}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is binary, not UTF-8, or there is
     *     no text (naming the file)
     */
    public RecipeResult fit(Path data, Path dev) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(GenerateModel.TASK)) {
            GenerateOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data).withDev(dev));
            return finish(GenerateRecipe.train(fileOptions), run);
        }
    }

    /**
     * Continues a prompt, drawing each token from the model's full distribution (temperature 1).
     *
     * @param prompt the text to continue, possibly empty; unknown tokens are read as unknown
     * @param length the most tokens to draw, at least 1; fewer when the model ends the document
     * @param seed the seed of the draws: the same seed gives the same text
     * @return the prompt followed by the continuation
     * @throws IllegalArgumentException when {@code length < 1}
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public String generate(String prompt, int length, long seed) {
        return generate(prompt, length, new TokenSampler(1.0, 0, 1.0), seed);
    }

    /**
     * Continues a prompt, with draws shaped by temperature, top-k and top-p: {@code rnnkit generate
     * sample --prompt TEXT --length N --temperature T --top-k K --top-p P --seed S}.
     *
     * @param prompt the text to continue, possibly empty; unknown tokens are read as unknown
     * @param length the most tokens to draw, at least 1
     * @param sampler the temperature, top-k and top-p
     * @param seed the seed of the draws
     * @return the prompt followed by the continuation
     * @throws IllegalArgumentException when {@code length < 1}
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public String generate(String prompt, int length, TokenSampler sampler, long seed) {
        return fitted().sample(prompt, length, sampler, seed);
    }

    /**
     * Continues each prompt once, all draws from one seeded random source (so the texts differ, and
     * the list is reproducible): {@code rnnkit generate predict PROMPT...}.
     *
     * @param prompts the texts to continue
     * @param length the most tokens to draw per prompt, at least 1
     * @param sampler the temperature, top-k and top-p
     * @param seed the seed of the draws
     * @return one text per prompt, in order, each starting with its prompt
     * @throws IllegalArgumentException when {@code length < 1}
     * @throws NullPointerException naming the index of a null prompt
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> generate(
            List<String> prompts, int length, TokenSampler sampler, long seed) {
        Inputs.requireElements(prompts, "prompts", "prompt");
        return draw(prompts, length, sampler, seed);
    }

    /**
     * Writes several continuations of one prompt, all from one seeded random source: {@code rnnkit
     * generate sample --count C}.
     *
     * @param prompt the text to continue, possibly empty
     * @param count how many texts, at least 1
     * @param length the most tokens to draw per text, at least 1
     * @param sampler the temperature, top-k and top-p
     * @param seed the seed of the draws
     * @return {@code count} texts, each starting with the prompt
     * @throws IllegalArgumentException when {@code count < 1} or {@code length < 1}
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> sample(
            String prompt, int count, int length, TokenSampler sampler, long seed) {
        Objects.requireNonNull(prompt, "prompt");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, received: count=" + count);
        }
        return draw(Collections.nCopies(count, prompt), length, sampler, seed);
    }

    private List<String> draw(List<String> prompts, int length, TokenSampler sampler, long seed) {
        GenerateModel fitted = fitted();
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            texts.add(fitted.sample(prompt, length, sampler, random));
        }
        return texts;
    }

    /**
     * Lists the tokens of a prompt that the model does not know (it reads them as the unknown
     * token).
     *
     * @param prompt a prompt
     * @return the distinct unknown tokens, in order of first appearance
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> unknownTokens(String prompt) {
        return fitted().unknownTokens(Objects.requireNonNull(prompt, "prompt"));
    }

    /**
     * Scores the model on texts: bits per character (or perplexity, for words) beside the unigram
     * baseline, as {@code rnnkit generate eval} reports them.
     *
     * @param texts the documents
     * @return the metrics ({@code bits_per_char} or {@code perplexity}, {@code bits_per_token}, the
     *     unigram's, {@code tokens}) and the report
     * @throws IllegalArgumentException when the list is empty or a text is empty (naming the
     *     caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(List<String> texts) {
        GenerateModel fitted = fitted();
        List<String> documents = documents(texts, "texts", "text");
        GenerateModel.Score score = fitted.score(documents);
        return new RecipeResult(
                null,
                score.metrics(),
                String.format(
                        Locale.ROOT,
                        "texts (in memory): %d documents%n%s",
                        documents.size(),
                        score.report()));
    }

    /**
     * Scores the model on a text file or directory: exactly {@code rnnkit generate eval --data
     * PATH}, delimited files read in the shape the model was trained on.
     *
     * @param data a text file, a TSV/CSV file or a directory of them
     * @return the metrics and the report
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is binary, not UTF-8, or there is
     *     no text
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(
                data, fitted().options().training().format(), options.training().skipBadRows());
    }

    /**
     * Scores the model on a text file or directory of a given shape.
     *
     * @param data a text file, a TSV/CSV file or a directory of them
     * @param format the shape of delimited files (which column holds the text)
     * @param skipBadRows count and skip malformed rows of delimited files instead of failing
     * @return the metrics and the report
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is binary, not UTF-8, or there is
     *     no text
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data, DataFormat format, boolean skipBadRows)
            throws IOException {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        return GenerateRecipe.evaluate(fitted(), data, skipBadRows, format);
    }

    /**
     * Saves the model as one bundle (network, vocabulary, unigram counts, options, provenance, dev
     * metrics), written atomically.
     *
     * @param file the zip to write; {@code rnnkit generate sample --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TemporaryRun.save(fitted().bundle(), file);
    }

    private static List<String> documents(List<String> texts, String name, String element) {
        Inputs.requireText(texts, name, element);
        Inputs.requireNonEmpty(texts, name);
        return List.copyOf(texts);
    }

    /**
     * Settings of a {@link TextGenerator}: the shared training settings (see {@link
     * TrainingBuilder}; {@code maxLength} is the steps per training lane, {@code bidirectional}
     * does not apply) plus the generator's own. Starts from {@link GenerateOptions#defaults()}.
     */
    public static final class Builder extends TextTrainingBuilder<GenerateOptions, Builder> {

        private Builder() {
            super(
                    GenerateOptions.defaults(),
                    new Copies<>(
                            GenerateOptions::withTraining,
                            GenerateOptions::withEmbeddingSize,
                            GenerateOptions::withMinCount,
                            GenerateOptions::withDevFraction));
        }

        /**
         * Sets the tokens the model reads and writes.
         *
         * @param level {@link TextLevel#CHAR} (the default) or {@link TextLevel#WORD}
         * @return this builder
         * @throws NullPointerException when {@code level} is null
         */
        public Builder level(TextLevel level) {
            return options(options().withLevel(level));
        }

        /**
         * Sets the truncated-BPTT chunk: each lane is trained in chunks of this many steps, the
         * recurrent state carried from one chunk to the next.
         *
         * @param tbpttLength at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code tbpttLength < 1}
         */
        public Builder tbpttLength(int tbpttLength) {
            return options(options().withTbpttLength(tbpttLength));
        }

        /**
         * Sets the largest vocabulary, reserved ids included (the rarest tokens beyond it map to
         * the unknown token).
         *
         * @param maxVocabulary at least 5
         * @return this builder
         * @throws IllegalArgumentException when {@code maxVocabulary < 5}
         */
        public Builder maxVocabulary(int maxVocabulary) {
            return options(options().withMaxVocabulary(maxVocabulary));
        }

        /**
         * Builds the generator, not yet fitted.
         *
         * @return a generator with these settings
         */
        public TextGenerator build() {
            return new TextGenerator(options(), null);
        }
    }
}
