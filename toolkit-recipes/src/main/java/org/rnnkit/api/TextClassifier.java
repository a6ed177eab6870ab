package org.rnnkit.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextDataset;
import org.rnnkit.model.Pooling;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentModel.Prediction;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentRecipe;

/**
 * Text classification (sentiment, topic, intent, ...) in a few lines: a many-to-one recurrent
 * network trained, evaluated and saved by the same code as {@code rnnkit sentiment train}.
 *
 * <pre>{@code
 * TextClassifier classifier = TextClassifier.builder().epochs(5).hiddenSize(64).build();
 * classifier.fit(texts, labels);                                 // or fit(Path.of("reviews.tsv"))
 * classifier.predict("not bad at all").label();                  // "pos"
 * classifier.save(Path.of("sentiment.zip"));                     // rnnkit sentiment predict reads it
 * TextClassifier again = TextClassifier.load(Path.of("sentiment.zip"));
 * }</pre>
 *
 * <p><b>Training.</b> {@code fit} runs {@link SentimentRecipe}: a seeded, stratified dev split
 * (unless dev data is given), early stopping on dev accuracy, a progress bar when run in a console,
 * a bag-of-words baseline beside the network. Checkpoints and the metrics log go to a temporary
 * directory that is deleted afterwards; use {@link SentimentRecipe#train(SentimentOptions)} for
 * resumable runs that keep them. {@code fit} returns the report the command line prints.
 *
 * <p><b>Data.</b> Texts with one label each, in memory (lists, or a {@link LabeledTextDataset}) or
 * in a file: TSV/CSV with a header ({@code label} plus {@code text}), optionally gzipped, or an
 * aclImdb directory, read through the DataVec {@code LabeledTextRecordReader}. Labels are any
 * strings; their lexical order fixes the class ids. Errors in in-memory data name the caller's
 * index: "text 17 is empty".
 *
 * <p><b>Persistence.</b> {@link #save(Path)} writes the bundle {@code rnnkit sentiment eval} and
 * {@code predict} read, and {@link #load(Path)} reads bundles those commands' {@code train} wrote.
 *
 * <p>Not thread-safe: use one instance per thread, or guard {@code fit}.
 */
public final class TextClassifier extends RecipeTask<SentimentOptions, SentimentModel> {

    private TextClassifier(SentimentOptions options, SentimentModel model) {
        super(
                options,
                model,
                "classifier",
                new Recipe<>(SentimentRecipe::train, SentimentModel::load));
    }

    /**
     * Starts a builder from the recipe's defaults ({@link SentimentOptions#defaults()}), with the
     * progress bar on when the program runs in a console.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a classifier saved by {@link #save(Path)} or by {@code rnnkit sentiment train}.
     *
     * @param file the bundle
     * @return a fitted classifier with the bundle's options
     * @throws IOException when the file cannot be read, is not a bundle, or holds another task's
     *     model
     */
    public static TextClassifier load(Path file) throws IOException {
        SentimentModel loaded = SentimentModel.load(file);
        return new TextClassifier(loaded.options(), loaded);
    }

    /**
     * Trains on texts and their labels, holding out a seeded stratified dev part ({@code
     * devFraction}, 20% by default) for early stopping. Replaces any earlier model.
     *
     * @param texts the training texts
     * @param labels the label of each text
     * @return the dev metrics ({@code accuracy}, per class, {@code baseline_accuracy}, {@code
     *     best_epoch}) and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when the lists differ in size, a text or label is empty,
     *     there are fewer than 2 labels, or a label occurs only once (naming the caller's index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(List<String> texts, List<String> labels) throws IOException {
        LabeledTextDataset train = dataset(texts, labels, "texts", "labels", "text", "label");
        requireSplittable(labels);
        return fit(train, null);
    }

    /**
     * Trains on texts and their labels, selecting the best epoch on the given dev texts.
     *
     * @param texts the training texts
     * @param labels the label of each training text
     * @param devTexts the dev texts
     * @param devLabels the label of each dev text; every one must occur in {@code labels}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IllegalArgumentException when paired lists differ in size, a text or label is empty,
     *     there are fewer than 2 labels, or a dev label is not a training label (naming the
     *     caller's index)
     * @throws NullPointerException when a list or an element is null
     * @throws IOException when the temporary run cannot be written
     */
    public RecipeResult fit(
            List<String> texts, List<String> labels, List<String> devTexts, List<String> devLabels)
            throws IOException {
        LabeledTextDataset train = dataset(texts, labels, "texts", "labels", "text", "label");
        LabeledTextDataset dev =
                dataset(devTexts, devLabels, "devTexts", "devLabels", "dev text", "dev label");
        requireKnownLabels(devLabels, train.labels(), "dev label");
        return fit(train, dev);
    }

    /**
     * Trains on a labelled file, with a seeded stratified dev split: exactly {@code rnnkit
     * sentiment train --data FILE}.
     *
     * @param data a TSV/CSV file (optionally gzipped) or an aclImdb directory
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed (naming the file
     *     and line)
     */
    public RecipeResult fit(Path data) throws IOException {
        return fit(data, null);
    }

    /**
     * Trains on a labelled file, selecting the best epoch on a dev file: exactly {@code rnnkit
     * sentiment train --data FILE --dev DEV}.
     *
     * @param data a TSV/CSV file (optionally gzipped) or an aclImdb directory
     * @param dev the dev data in the same formats, or {@code null} for a seeded split of {@code
     *     data}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when a file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when a file is malformed (naming the file and
     *     line)
     */
    public RecipeResult fit(Path data, Path dev) throws IOException {
        Objects.requireNonNull(data, "data");
        try (TemporaryRun run = new TemporaryRun(SentimentModel.TASK)) {
            SentimentOptions fileOptions =
                    options.withTraining(run.apply(options.training()).withData(data).withDev(dev));
            return finish(SentimentRecipe.train(fileOptions), run);
        }
    }

    /**
     * Trains on labelled datasets already read (by {@link LabeledTextDataset#read(Path, boolean)},
     * or built from a DataVec reader's records).
     *
     * @param train the training examples
     * @param dev the dev examples, or {@code null} for a seeded stratified split of {@code train}
     * @return the dev metrics and the report; its bundle is {@code null} until {@link #save(Path)}
     * @throws IOException when the temporary run cannot be written
     * @throws org.rnnkit.data.MalformedDataException when the data is unsuitable (one label, a
     *     label occurring once)
     */
    public RecipeResult fit(LabeledTextDataset train, LabeledTextDataset dev) throws IOException {
        Objects.requireNonNull(train, "train");
        try (TemporaryRun run = new TemporaryRun(SentimentModel.TASK)) {
            SentimentOptions runOptions = options.withTraining(run.apply(options.training()));
            return finish(SentimentRecipe.train(runOptions, train, dev), run);
        }
    }

    /**
     * Classifies one text.
     *
     * @param text the raw text; a text without known tokens still gets a prediction
     * @return the most probable label, its probability and every label's probability
     * @throws IllegalStateException before {@code fit} or {@code load}
     * @throws NullPointerException when {@code text} is null
     */
    public Prediction predict(String text) {
        Objects.requireNonNull(text, "text");
        return predict(List.of(text)).get(0);
    }

    /**
     * Classifies texts.
     *
     * @param texts the raw texts
     * @return one prediction per text, in order
     * @throws IllegalStateException before {@code fit} or {@code load}
     * @throws NullPointerException naming the index of a null text
     */
    public List<Prediction> predict(List<String> texts) {
        Inputs.requireElements(texts, "texts", "text");
        return fitted().predict(texts);
    }

    /**
     * Scores the classifier on labelled texts: the report {@code rnnkit sentiment eval} prints.
     *
     * @param texts the texts
     * @param labels the true label of each text; every one must be a label the model knows
     * @return the metrics ({@code accuracy}, per class, {@code baseline_accuracy}) and the report
     * @throws IllegalArgumentException when the lists differ in size, a text or label is empty, or
     *     a label is unknown to the model (naming the caller's index)
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(List<String> texts, List<String> labels) {
        SentimentModel fitted = fitted();
        LabeledTextDataset set = dataset(texts, labels, "texts", "labels", "text", "label");
        requireKnownLabels(labels, fitted.labels(), "label");
        return SentimentRecipe.evaluate(fitted, set);
    }

    /**
     * Scores the classifier on a labelled file: exactly {@code rnnkit sentiment eval --data FILE}.
     *
     * @param data a TSV/CSV file (optionally gzipped) or an aclImdb directory
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed or has labels the
     *     model does not know
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data) throws IOException {
        return evaluate(
                data, fitted().options().training().format(), options.training().skipBadRows());
    }

    /**
     * Scores the classifier on a labelled file of a given shape: {@code rnnkit sentiment eval
     * --data FILE} with its table and column flags.
     *
     * @param data a TSV/CSV file (optionally gzipped) or an aclImdb directory
     * @param format the file's shape (delimiter, header, columns, label map)
     * @param skipBadRows count and skip malformed rows instead of failing on the first
     * @return the metrics and the report
     * @throws IOException when the file cannot be read
     * @throws org.rnnkit.data.MalformedDataException when the file is malformed or has labels the
     *     model does not know
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public RecipeResult evaluate(Path data, DataFormat format, boolean skipBadRows)
            throws IOException {
        SentimentModel fitted = fitted();
        return SentimentRecipe.evaluate(fitted, LabeledTextDataset.read(data, skipBadRows, format));
    }

    /**
     * Saves the model as one bundle (network, vocabulary, labels, options, provenance, dev metrics,
     * baseline), written atomically.
     *
     * @param file the zip to write; {@code rnnkit sentiment predict --model FILE} reads it
     * @throws IOException when the file cannot be written
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        TemporaryRun.save(fitted().bundle(), file);
    }

    /**
     * Returns the labels, index = class id.
     *
     * @return the labels in lexical order
     * @throws IllegalStateException before {@code fit} or {@code load}
     */
    public List<String> labels() {
        return fitted().labels();
    }

    private static LabeledTextDataset dataset(
            List<String> texts,
            List<String> labels,
            String textsName,
            String labelsName,
            String text,
            String label) {
        Inputs.requireText(texts, textsName, text);
        Inputs.requireText(labels, labelsName, label);
        Inputs.requireSameSize(texts, textsName, labels, labelsName);
        Inputs.requireNonEmpty(texts, textsName);
        List<LabeledText> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            examples.add(new LabeledText(labels.get(i), texts.get(i), textsName, i + 1));
        }
        return new LabeledTextDataset(examples, textsName + " (in memory)", 0);
    }

    /** A stratified dev split needs two labels, each at least twice (one may go to dev). */
    private static void requireSplittable(List<String> labels) {
        Map<String, List<Integer>> where = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            where.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        if (where.size() < 2) {
            throw new IllegalArgumentException(
                    "expected at least 2 distinct labels, received only " + where.keySet());
        }
        for (Map.Entry<String, List<Integer>> e : where.entrySet()) {
            if (e.getValue().size() < 2) {
                throw new IllegalArgumentException(
                        "label '"
                                + e.getKey()
                                + "' occurs only once (label "
                                + e.getValue().get(0)
                                + "); every label needs at least 2 texts when the dev part is"
                                + " split off, or pass dev texts to fit");
            }
        }
    }

    private static void requireKnownLabels(List<String> labels, List<String> known, String what) {
        for (int i = 0; i < labels.size(); i++) {
            if (!known.contains(labels.get(i))) {
                throw new IllegalArgumentException(
                        what
                                + " "
                                + i
                                + " is '"
                                + labels.get(i)
                                + "'; expected one of the model's labels "
                                + known);
            }
        }
    }

    /**
     * Settings of a {@link TextClassifier}: the shared training settings (see {@link
     * TrainingBuilder}) plus the classifier's own. Starts from {@link SentimentOptions#defaults()}.
     */
    public static final class Builder extends TextTrainingBuilder<SentimentOptions, Builder> {

        private Builder() {
            super(
                    SentimentOptions.defaults(),
                    new Copies<>(
                            SentimentOptions::withTraining,
                            SentimentOptions::withEmbeddingSize,
                            SentimentOptions::withMinCount,
                            SentimentOptions::withDevFraction));
        }

        /**
         * Sets how the recurrent outputs of all real steps become one vector.
         *
         * @param pooling {@link Pooling#MAX} (the default) or another {@link Pooling}
         * @return this builder
         * @throws NullPointerException when {@code pooling} is null
         */
        public Builder pooling(Pooling pooling) {
            return options(options().withPooling(pooling));
        }

        /**
         * Names the column(s) of a data file that hold the text; several are joined by a newline
         * (e.g. {@code textColumns("Summary", "Text")}): {@code --text-column} on the command line.
         *
         * @param columns header names (case-insensitive) or 1-based indices
         * @return this builder
         * @throws IllegalArgumentException when a column is blank or an index is below 1
         */
        public Builder textColumns(String... columns) {
            return format(format().withColumns(DataFormat.TEXT, List.of(columns)));
        }

        /**
         * Names the column of a data file that holds the label: {@code --label-column}.
         *
         * @param column a header name (case-insensitive) or a 1-based index
         * @return this builder
         * @throws IllegalArgumentException when the column is blank or an index is below 1
         */
        public Builder labelColumn(String column) {
            return format(format().withColumns(DataFormat.LABEL, List.of(column)));
        }

        /**
         * Maps raw label values to labels, e.g. {@code "1,2=neg;4,5=pos;3=skip"} (see {@link
         * org.rnnkit.data.LabelMap}): {@code --label-map}.
         *
         * @param spec the map
         * @return this builder
         * @throws IllegalArgumentException when the spec is not valid, naming the entry
         */
        public Builder labelMap(String spec) {
            DataFormat f = format();
            return format(
                    new DataFormat(
                            f.delimiter(), f.header(), f.columns(), spec, f.minLabelCount()));
        }

        private DataFormat format() {
            return options().training().format();
        }

        /**
         * Builds the classifier, not yet fitted.
         *
         * @return a classifier with these settings
         */
        public TextClassifier build() {
            return new TextClassifier(options(), null);
        }
    }
}
