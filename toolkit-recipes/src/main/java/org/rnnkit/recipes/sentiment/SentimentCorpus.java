package org.rnnkit.recipes.sentiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.rnnkit.data.LabeledText;
import org.rnnkit.data.LabeledTextSource;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.StratifiedSplit;
import org.rnnkit.data.TokenIdStore;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.text.Tokenizer;
import org.rnnkit.text.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read and vocabulary stages of the sentiment recipe, for data of any size: the labelled
 * examples split into train and dev, the training vocabulary, and every example as token ids.
 *
 * <p>The source is read twice, one example at a time, and no text is kept. The first pass records
 * each row's label; the train/dev split is then made on row indices ({@link StratifiedSplit}, the
 * same rows in the same order as {@link org.rnnkit.data.LabeledTextDataset#split(double, long)}).
 * The second pass tokenizes each row, counts the tokens of training rows for the {@link
 * Vocabulary}, and writes the row's tokens as provisional ids (in order of first appearance) to a
 * {@link TokenIdStore} file in the work directory; once the vocabulary is built, a table maps the
 * provisional ids to vocabulary ids as rows are read back. The whole texts are stored, not only the
 * {@code maxLength} tokens the network sees, because the bag-of-words baseline reads all of them.
 *
 * <p>Heap per example: its label and row index (8 bytes) and the store's offset and length (12
 * bytes); beyond that, the maps of distinct words and labels. Closing deletes the file.
 */
final class SentimentCorpus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentimentCorpus.class);

    /** The provisional id of a text without tokens, which encodes to {@code [UNK]}. */
    private static final int EMPTY_TEXT = 0;

    private final String source;
    private final List<String> labels;
    private final Vocabulary vocabulary;
    private final TokenIdStore store;
    private final int[] trainRows;
    private final int[] trainLabels;
    private final int[] devRows;
    private final int[] devLabels;

    private SentimentCorpus(
            String source,
            List<String> labels,
            Vocabulary vocabulary,
            TokenIdStore store,
            int[] trainRows,
            int[] trainLabels,
            int[] devRows,
            int[] devLabels) {
        this.source = source;
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.store = store;
        this.trainRows = trainRows;
        this.trainLabels = trainLabels;
        this.devRows = devRows;
        this.devLabels = devLabels;
    }

    /**
     * Reads, splits and encodes the data.
     *
     * @param options the settings (dev fraction, seed, vocabulary limits)
     * @param data the labelled training examples
     * @param dev the labelled dev examples, or {@code null} for a seeded stratified split of {@code
     *     data}
     * @param workDirectory where the token id file is written
     * @return the corpus; close it to delete the file
     * @throws IOException when the data cannot be read or the file not written
     * @throws MalformedDataException when the data is unsuitable (one class, a singleton label, a
     *     dev label absent from training) or changes between the two passes
     */
    static SentimentCorpus read(
            SentimentOptions options,
            LabeledTextSource data,
            LabeledTextSource dev,
            Path workDirectory)
            throws IOException {
        TrainingOptions training = options.training();
        long start = System.nanoTime();
        RowLabels rows = new RowLabels();
        int dataRows = rows.read(data);
        reportSkipped(LOG, data);
        rows.check(training.data(), dev == null);
        int[] trainRows;
        int[] devRows;
        if (dev == null) {
            StratifiedSplit split =
                    StratifiedSplit.of(
                            rows.labels(), rows.names, options.devFraction(), training.seed());
            trainRows = split.kept();
            devRows = split.heldOut();
        } else {
            int devCount = rows.read(dev);
            reportSkipped(LOG, dev);
            trainRows = range(0, dataRows);
            devRows = range(dataRows, dataRows + devCount);
        }
        List<String> labels = rows.sortedNames(trainRows);
        int[] classOf = new int[rows.names.size()];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = labels.indexOf(rows.names.get(i));
        }
        int[] all = rows.labels();
        int[] trainLabels = new int[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            trainLabels[i] = classOf[all[trainRows[i]]];
        }
        int[] devLabels = new int[devRows.length];
        for (int i = 0; i < devRows.length; i++) {
            devLabels[i] = classOf[all[devRows[i]]];
            if (devLabels[i] < 0) {
                int row = devRows[i];
                LabeledText e = row < dataRows ? data.get(row) : dev.get(row - dataRows);
                throw unknownLabel(e, labels);
            }
        }
        LOG.info(
                "data: {} training and {} dev examples, labels {}",
                trainRows.length,
                devRows.length,
                labels);
        long labelled = System.nanoTime();

        BitSet isTrain = new BitSet(all.length);
        for (int row : trainRows) {
            isTrain.set(row);
        }
        TokenIdStore store = TokenIdStore.create(workDirectory);
        try {
            Encoder encoder = new Encoder(store, isTrain, rows);
            encoder.encode(data, 0, dataRows);
            if (dev != null) {
                encoder.encode(dev, dataRows, all.length - dataRows);
            }
            Vocabulary vocabulary =
                    encoder.counter.build(options.minCount(), options.maxVocabulary());
            store.remap(encoder.remap(vocabulary));
            LOG.info(
                    "vocabulary: {} ids (min count {}, max {})",
                    vocabulary.size(),
                    options.minCount(),
                    options.maxVocabulary());
            logSpeed(all.length, start, labelled, System.nanoTime(), store);
            return new SentimentCorpus(
                    data.source(),
                    labels,
                    vocabulary,
                    store,
                    trainRows,
                    trainLabels,
                    devRows,
                    devLabels);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Returns where the training examples came from.
     *
     * @return a path or an in-memory dataset's source
     */
    String source() {
        return source;
    }

    /**
     * Returns the class names, index = class id.
     *
     * @return the labels of the training part in lexical order
     */
    List<String> labels() {
        return labels;
    }

    /**
     * Returns the training vocabulary.
     *
     * @return the vocabulary
     */
    Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Returns the number of training examples.
     *
     * @return the count
     */
    int trainSize() {
        return trainRows.length;
    }

    /**
     * Returns the number of dev examples.
     *
     * @return the count
     */
    int devSize() {
        return devRows.length;
    }

    /**
     * Returns the training examples as token ids, read from the file on each access.
     *
     * @return a list view, in training order
     */
    List<int[]> trainIds() {
        return store.view(trainRows);
    }

    /**
     * Returns the dev examples as token ids, read from the file on each access.
     *
     * @return a list view, in dev order
     */
    List<int[]> devIds() {
        return store.view(devRows);
    }

    /**
     * Returns the number of token ids of a training example, without reading the file.
     *
     * @param index the example's position in training order
     * @return its length
     */
    int trainLength(int index) {
        return store.length(trainRows[index]);
    }

    /**
     * Returns the class id of each training example.
     *
     * @return the classes, in training order; not copied
     */
    int[] trainLabels() {
        return trainLabels;
    }

    /**
     * Returns the class id of each dev example.
     *
     * @return the classes, in dev order; not copied
     */
    int[] devLabels() {
        return devLabels;
    }

    /**
     * Deletes the token id file.
     *
     * @throws IOException when it cannot be deleted
     */
    @Override
    public void close() throws IOException {
        store.close();
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /**
     * The error for an example whose label is not one of the model's, naming its file and line.
     *
     * @param e the example
     * @param labels the model's labels
     * @return the error to throw
     */
    static MalformedDataException unknownLabel(LabeledText e, List<String> labels) {
        return new MalformedDataException(
                Path.of(e.source()),
                e.line(),
                "expected one of the model's labels " + labels + ", found '" + e.label() + "'");
    }

    /**
     * Logs the malformed rows a read skipped (a warning) and the rows it dropped on purpose.
     *
     * @param log the logger of the class that read
     * @param set what was read, after a complete pass
     */
    static void reportSkipped(Logger log, LabeledTextSource set) {
        if (set.skippedRows() > 0) {
            log.warn(
                    "{}: skipped {} malformed rows (--skip-bad-rows)",
                    set.source(),
                    set.skippedRows());
        }
        if (set.droppedRows() > 0) {
            log.info(
                    "{}: dropped {} rows (label map 'skip' or --min-label-count)",
                    set.source(),
                    set.droppedRows());
        }
    }

    private static void logSpeed(
            int rows, long start, long labelled, long encoded, TokenIdStore store) {
        double seconds = (encoded - start) / 1e9;
        LOG.info(
                "read {} rows in {} s ({} rows/s; labels pass {} s, tokenize and encode pass {}"
                        + " s); {} token ids in {} ({} MB)",
                rows,
                String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%.0f", rows / Math.max(seconds, 1e-9)),
                String.format(Locale.ROOT, "%.2f", (labelled - start) / 1e9),
                String.format(Locale.ROOT, "%.2f", (encoded - labelled) / 1e9),
                store.totalIds(),
                store.file(),
                String.format(Locale.ROOT, "%.1f", store.fileBytes() / 1e6));
    }

    /** Where an example was read: its file (or in-memory source) and line. */
    private record Place(String source, long line) {}

    /**
     * The first pass: each row's label as an index into the label names (in order of first
     * appearance), each label's count and the place of its first example.
     */
    private static final class RowLabels {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<Place> firstOfLabel = new ArrayList<>();
        private long[] counts = new long[0];
        private int[] rows = new int[1024];
        private int size;

        /** Reads a source, appending its rows; returns how many it had. */
        int read(LabeledTextSource source) throws IOException {
            int before = size;
            source.forEach(this::add);
            return size - before;
        }

        private void add(LabeledText e) {
            Integer id = ids.get(e.label());
            if (id == null) {
                id = names.size();
                ids.put(e.label(), id);
                names.add(e.label());
                firstOfLabel.add(new Place(e.source(), e.line()));
                counts = Arrays.copyOf(counts, names.size());
            }
            counts[id]++;
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, rows.length + (rows.length >> 1));
            }
            rows[size++] = id;
        }

        /** Returns the label index of every row read so far (a copy). */
        int[] labels() {
            return Arrays.copyOf(rows, size);
        }

        /** Returns the label index of a row. */
        int label(int row) {
            return rows[row];
        }

        /** Returns the label index of a name, or -1. */
        int id(String name) {
            Integer id = ids.get(name);
            return id == null ? -1 : id;
        }

        /** The distinct labels of some rows, in lexical order. */
        List<String> sortedNames(int[] someRows) {
            boolean[] seen = new boolean[names.size()];
            for (int row : someRows) {
                seen[rows[row]] = true;
            }
            TreeSet<String> set = new TreeSet<>();
            for (int i = 0; i < seen.length; i++) {
                if (seen[i]) {
                    set.add(names.get(i));
                }
            }
            return List.copyOf(set);
        }

        /** Requires two labels, and with {@code split} two examples of each (one may go to dev). */
        void check(Path file, boolean split) {
            if (names.size() < 2) {
                throw new MalformedDataException(
                        file, 0, "expected at least 2 distinct labels, found only " + names);
            }
            for (int i = 0; i < names.size(); i++) {
                if (split && counts[i] < 2) {
                    Place only = firstOfLabel.get(i);
                    throw new MalformedDataException(
                            Path.of(only.source()),
                            only.line(),
                            "label '"
                                    + names.get(i)
                                    + "' occurs only once; every label needs at least 2 examples"
                                    + " (one may go to the dev split). Fix or remove this row");
                }
            }
        }
    }

    /**
     * The second pass: tokenizes each row, counts the tokens of training rows and stores each row's
     * tokens as provisional ids, in order of first appearance ({@link #EMPTY_TEXT} for a text
     * without tokens).
     */
    private static final class Encoder {
        private final Tokenizer tokenizer = Tokenizer.standard();
        private final Vocabulary.Builder counter = Vocabulary.builder();
        private final Map<String, Integer> provisional = new HashMap<>();
        private final List<String> words = new ArrayList<>();
        private final TokenIdStore store;
        private final BitSet isTrain;
        private final RowLabels rows;
        private int[] buffer = new int[256];

        Encoder(TokenIdStore store, BitSet isTrain, RowLabels rows) {
            this.store = store;
            this.isTrain = isTrain;
            this.rows = rows;
            words.add(null);
        }

        /** Encodes the {@code count} rows of a source, which start at row {@code first}. */
        void encode(LabeledTextSource source, int first, int count) throws IOException {
            source.forEach(
                    e -> {
                        int row = store.size();
                        if (row >= first + count || rows.id(e.label()) != rows.label(row)) {
                            throw new MalformedDataException(
                                    Path.of(e.source()),
                                    e.line(),
                                    "the data changed while it was being read (example "
                                            + (row - first + 1)
                                            + " is not the one read in the first pass); do not"
                                            + " modify it during training");
                        }
                        List<String> tokens = tokenizer.tokenize(e.text());
                        if (isTrain.get(row)) {
                            counter.add(tokens);
                        }
                        store.add(ids(tokens), 0, Math.max(1, tokens.size()));
                    });
            if (store.size() != first + count) {
                throw new MalformedDataException(
                        source.path(),
                        0,
                        "the data changed while it was being read ("
                                + (store.size() - first)
                                + " examples instead of "
                                + count
                                + "); do not modify it during training");
            }
        }

        private int[] ids(List<String> tokens) {
            if (tokens.isEmpty()) {
                buffer[0] = EMPTY_TEXT;
                return buffer;
            }
            if (buffer.length < tokens.size()) {
                buffer = new int[Math.max(tokens.size(), 2 * buffer.length)];
            }
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                Integer id = provisional.get(token);
                if (id == null) {
                    id = words.size();
                    provisional.put(token, id);
                    words.add(token);
                }
                buffer[i] = id;
            }
            return buffer;
        }

        /** The table from provisional ids to vocabulary ids, as {@code Vocabulary.encode} maps. */
        int[] remap(Vocabulary vocabulary) {
            int[] table = new int[words.size()];
            table[EMPTY_TEXT] = Vocabulary.UNK;
            for (int i = 1; i < table.length; i++) {
                table[i] = vocabulary.id(words.get(i));
            }
            return table;
        }
    }
}
