package org.rnnkit.recipes.embeddings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.sequencevectors.SequenceVectors;
import org.deeplearning4j.models.sequencevectors.enums.ListenerEvent;
import org.deeplearning4j.models.sequencevectors.interfaces.VectorsListener;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;
import org.deeplearning4j.text.sentenceiterator.SentencePreProcessor;
import org.deeplearning4j.text.tokenization.tokenizer.TokenPreProcess;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.Utf8LineReader;
import org.rnnkit.text.WordVectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains word vectors with DL4J's Word2Vec: skip-gram with negative sampling (Mikolov et al. 2013),
 * no hierarchical softmax. Tokens are split at white space (the input is expected to be tokenized
 * already), then optionally lower-cased or passed through a given {@link TokenPreProcess}. The
 * vectors come back most frequent word first (ties by word), so that the written file does not
 * depend on hash order.
 *
 * <p><b>Reproducibility.</b> With one worker and a fixed seed the vectors are the same on every run
 * on the CPU; with more workers they are not.
 *
 * <p>Per epoch the time and the words per second are logged at INFO (the first epoch includes
 * counting the vocabulary), and the vocabulary size at the end.
 */
public final class Word2VecTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(Word2VecTrainer.class);

    /**
     * Trained vectors.
     *
     * @param vectors the word vectors, most frequent word first
     * @param tokens occurrences of the words that have a vector
     */
    public record Result(WordVectors vectors, long tokens) {}

    private Word2VecTrainer() {}

    /**
     * Trains on UTF-8 text files, one sentence or document per line ({@code .gz} decompressed,
     * blank lines skipped), tokens separated by white space.
     *
     * @param options the settings
     * @param files the corpus files, read in order on every epoch
     * @return the vectors
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when no file is given or no word occurs {@code minCount}
     *     times
     */
    public static Result train(Word2VecOptions options, List<Path> files) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files must not be empty, received: files=[]");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString());
            }
        }
        try {
            return train(options, new LineSentenceIterator(files), null);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
            }
            throw e;
        }
    }

    /**
     * Trains on sentences in memory.
     *
     * @param options the settings
     * @param sentences the sentences, tokens separated by white space
     * @param preprocessor applied to every token instead of {@code options.lowercase()}, or {@code
     *     null} to follow {@code options.lowercase()}
     * @return the vectors
     * @throws IllegalArgumentException when no word occurs {@code minCount} times
     */
    public static Result train(
            Word2VecOptions options, Collection<String> sentences, TokenPreProcess preprocessor) {
        Objects.requireNonNull(sentences, "sentences");
        return train(options, new CollectionSentenceIterator(sentences), preprocessor);
    }

    private static Result train(
            Word2VecOptions options, SentenceIterator sentences, TokenPreProcess preprocessor) {
        DefaultTokenizerFactory tokenizer = new DefaultTokenizerFactory();
        if (preprocessor != null) {
            tokenizer.setTokenPreProcessor(preprocessor);
        } else if (options.lowercase()) {
            tokenizer.setTokenPreProcessor(token -> token.toLowerCase(Locale.ROOT));
        }
        EpochLogger progress = new EpochLogger(options.epochs());
        Word2Vec word2vec =
                new Word2Vec.Builder()
                        .elementsLearningAlgorithm(new SkipGram<>())
                        .minWordFrequency(options.minCount())
                        .layerSize(options.dimension())
                        .windowSize(options.window())
                        .epochs(options.epochs())
                        .iterations(1)
                        .negativeSample(options.negative())
                        .useHierarchicSoftmax(false)
                        .seed(options.seed())
                        .workers(options.workers())
                        .iterate(sentences)
                        .tokenizerFactory(tokenizer)
                        .setVectorsListeners(List.of(progress))
                        .build();
        progress.start();
        word2vec.fit();
        List<VocabWord> vocabulary = new ArrayList<>(word2vec.vocab().vocabWords());
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException(
                    "the corpus must have at least one word seen minCount times, received: no"
                            + " word seen "
                            + options.minCount()
                            + " times");
        }
        vocabulary.sort(
                Comparator.comparingDouble((VocabWord w) -> -w.getElementFrequency())
                        .thenComparing(VocabWord::getLabel));
        List<String> words = new ArrayList<>(vocabulary.size());
        List<float[]> vectors = new ArrayList<>(vocabulary.size());
        long tokens = 0;
        for (VocabWord w : vocabulary) {
            double[] v = word2vec.getWordVector(w.getLabel());
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                f[k] = (float) v[k];
            }
            words.add(w.getLabel());
            vectors.add(f);
            tokens += (long) w.getElementFrequency();
        }
        LOG.info(
                "vocabulary: {} words seen at least {} times, {} tokens",
                words.size(),
                options.minCount(),
                tokens);
        return new Result(WordVectors.of(words, vectors), tokens);
    }

    /** Logs each epoch's time and words per second. */
    private static final class EpochLogger implements VectorsListener<VocabWord> {
        private final int epochs;
        private long last;

        EpochLogger(int epochs) {
            this.epochs = epochs;
        }

        void start() {
            last = System.nanoTime();
        }

        @Override
        public boolean validateEvent(ListenerEvent event, long argument) {
            return event == ListenerEvent.EPOCH;
        }

        @Override
        public void processEvent(
                ListenerEvent event, SequenceVectors<VocabWord> vectors, long argument) {
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            last = now;
            long words = vectors.getVocab().totalWordOccurrences();
            LOG.info(
                    "epoch {}/{}: {} s, {} words/s, vocabulary {} words",
                    argument,
                    epochs,
                    String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%.0f", seconds > 0 ? words / seconds : 0),
                    vectors.getVocab().numWords());
        }
    }

    /**
     * The non-blank lines of files, read again on every {@link #reset()}; IO errors surface as
     * {@link UncheckedIOException} (the interface cannot throw checked exceptions), a line that is
     * not UTF-8 as a {@link MalformedDataException} naming the file and line.
     */
    private static final class LineSentenceIterator implements SentenceIterator {
        private final List<Path> files;
        private int fileIndex;
        private Utf8LineReader reader;
        private long lineNumber;
        private String next;
        private SentencePreProcessor preProcessor;

        LineSentenceIterator(List<Path> files) {
            this.files = List.copyOf(files);
        }

        @Override
        public synchronized String nextSentence() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException("no more sentences");
            }
            String s = next;
            next = null;
            return preProcessor == null ? s : preProcessor.preProcess(s);
        }

        @Override
        public synchronized boolean hasNext() {
            try {
                while (next == null) {
                    if (reader == null) {
                        if (fileIndex >= files.size()) {
                            return false;
                        }
                        reader = Utf8LineReader.open(files.get(fileIndex++));
                        lineNumber = 0;
                    }
                    String line;
                    try {
                        line = reader.readLine();
                        lineNumber++;
                    } catch (CharacterCodingException e) {
                        throw new MalformedDataException(
                                files.get(fileIndex - 1),
                                lineNumber + 1,
                                "expected UTF-8 text, found an invalid byte sequence",
                                e);
                    }
                    if (line == null) {
                        reader.close();
                        reader = null;
                    } else if (!line.isBlank()) {
                        next = line;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void reset() {
            finish();
            fileIndex = 0;
            next = null;
        }

        @Override
        public synchronized void finish() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    reader = null;
                }
            }
        }

        @Override
        public SentencePreProcessor getPreProcessor() {
            return preProcessor;
        }

        @Override
        public void setPreProcessor(SentencePreProcessor preProcessor) {
            this.preProcessor = preProcessor;
        }
    }
}
