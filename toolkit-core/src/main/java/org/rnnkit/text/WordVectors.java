package org.rnnkit.text;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.bundle.AtomicFiles;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.Utf8LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrained word vectors: an immutable table from words to dense vectors of one dimension, with
 * cosine nearest neighbours, analogies, and copying into an embedding matrix.
 *
 * <p><b>File format.</b> The text formats of GloVe (Pennington et al. 2014) and word2vec (Mikolov
 * et al. 2013): UTF-8, one {@code word v1 ... vd} per line, fields separated by spaces or tabs
 * (trailing white space, as written by the word2vec C tool, is allowed). word2vec files begin with
 * a header line {@code count dimension}; a first line of exactly two integers is read as such a
 * header, and then the file must hold {@code count} vectors of that dimension. Without a header the
 * dimension is that of the first vector. Blank lines are skipped; a name ending in {@code .gz} is
 * decompressed. A word listed twice keeps its first vector (a WARN gives the count). Words are
 * therefore single tokens without spaces.
 *
 * <p>Every problem (a wrong number of values, a value that is not a finite number, an inconsistent
 * header, invalid UTF-8, a truncated gzip stream) throws {@link MalformedDataException} naming the
 * file, the 1-based line and what was expected there.
 */
public final class WordVectors {

    private static final Logger LOG = LoggerFactory.getLogger(WordVectors.class);

    /**
     * A word and its cosine similarity to a query.
     *
     * @param word the word
     * @param similarity its cosine similarity to the query, in [-1, 1]
     */
    public record Neighbour(String word, double similarity) {

        /**
         * Validates the word.
         *
         * @throws NullPointerException when {@code word} is null
         */
        public Neighbour {
            Objects.requireNonNull(word, "word");
        }
    }

    private final List<String> words;
    private final Map<String, Integer> index;
    private final int dimension;

    /** Row-major {@code [size, dimension]}. */
    private final float[] values;

    /** Euclidean norm of each row. */
    private final double[] norms;

    private WordVectors(List<String> words, Map<String, Integer> index, float[] values, int dim) {
        this.words = Collections.unmodifiableList(words);
        this.index = index;
        this.values = values;
        this.dimension = dim;
        this.norms = new double[words.size()];
        for (int i = 0; i < norms.length; i++) {
            double sum = 0;
            for (int k = 0; k < dim; k++) {
                double v = values[i * dim + k];
                sum += v * v;
            }
            norms[i] = Math.sqrt(sum);
        }
    }

    /**
     * Creates word vectors from memory.
     *
     * @param words distinct words, in the order they should be listed and written
     * @param vectors one vector per word, all of the same length; copied
     * @return the word vectors
     * @throws IllegalArgumentException when the lists differ in length, a word is duplicated, empty
     *     or contains white space, the vectors differ in length or hold a non-finite value, or
     *     there are no words
     */
    public static WordVectors of(List<String> words, List<float[]> vectors) {
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(vectors, "vectors");
        if (words.size() != vectors.size()) {
            throw new IllegalArgumentException(
                    "words and vectors must have the same length, received: words="
                            + words.size()
                            + ", vectors="
                            + vectors.size());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("words must not be empty, received: words=[]");
        }
        int dim = vectors.get(0).length;
        if (dim < 1) {
            throw new IllegalArgumentException(
                    "vectors must have a dimension > 0, received: dimension=0");
        }
        float[] values = new float[words.size() * dim];
        Map<String, Integer> index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            String word = Objects.requireNonNull(words.get(i), "words[" + i + "]");
            if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "words must be non-empty and free of white space, received: words["
                                + i
                                + "]='"
                                + word
                                + "'");
            }
            if (index.put(word, i) != null) {
                throw new IllegalArgumentException(
                        "words must be distinct, received: '" + word + "' twice");
            }
            float[] v = vectors.get(i);
            if (v.length != dim) {
                throw new IllegalArgumentException(
                        "every vector must have dimension "
                                + dim
                                + ", received: vectors["
                                + i
                                + "].length="
                                + v.length);
            }
            for (int k = 0; k < dim; k++) {
                if (!Float.isFinite(v[k])) {
                    throw new IllegalArgumentException(
                            "vectors must be finite, received: vectors["
                                    + i
                                    + "]["
                                    + k
                                    + "]="
                                    + v[k]);
                }
            }
            System.arraycopy(v, 0, values, i * dim, dim);
        }
        return new WordVectors(new ArrayList<>(words), index, values, dim);
    }

    /**
     * Reads every vector of a GloVe or word2vec text file (see the class comment for the format).
     *
     * @param file the file, optionally gzipped ({@code .gz})
     * @return the word vectors in file order
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when the file is malformed or holds no vector
     */
    public static WordVectors read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code maxVectors} vectors of a GloVe or word2vec text file; the rest of the
     * file is not read (such files usually list frequent words first).
     *
     * @param file the file, optionally gzipped ({@code .gz})
     * @param maxVectors how many vectors to keep at most, {@code > 0}
     * @return the word vectors in file order
     * @throws IOException when the file cannot be opened
     * @throws IllegalArgumentException when {@code maxVectors < 1}
     * @throws MalformedDataException when the part read is malformed or holds no vector
     */
    public static WordVectors read(Path file, int maxVectors) throws IOException {
        Objects.requireNonNull(file, "file");
        if (maxVectors < 1) {
            throw new IllegalArgumentException(
                    "maxVectors must be > 0, received: maxVectors=" + maxVectors);
        }
        List<String> words = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        FloatBuffer values = new FloatBuffer();
        int dim = -1;
        long announced = -1;
        long lineNumber = 0;
        long duplicates = 0;
        try (Utf8LineReader lines = Utf8LineReader.open(file)) {
            while (words.size() < maxVectors) {
                String line = readLine(lines, file, lineNumber + 1);
                if (line == null) {
                    break;
                }
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\ufeff")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("[ \t]+");
                if (lineNumber == 1 && fields.length == 2 && isCount(fields[0], fields[1])) {
                    announced = Long.parseLong(fields[0]);
                    dim = Integer.parseInt(fields[1]);
                    if (announced < 1 || dim < 1) {
                        throw new MalformedDataException(
                                file,
                                1,
                                "expected a header 'count dimension' with both > 0, found '"
                                        + line.strip()
                                        + "'");
                    }
                    continue;
                }
                if (dim < 0) {
                    dim = fields.length - 1;
                    if (dim < 1) {
                        throw new MalformedDataException(
                                file,
                                lineNumber,
                                "expected a word followed by its vector's values, found only '"
                                        + fields[0]
                                        + "'");
                    }
                }
                if (fields.length != dim + 1) {
                    throw new MalformedDataException(
                            file,
                            lineNumber,
                            "expected a word and "
                                    + dim
                                    + " numbers"
                                    + (announced > 0 ? " (header)" : " (as on the first vector)")
                                    + ", found "
                                    + (fields.length - 1)
                                    + " values after '"
                                    + fields[0]
                                    + "'");
                }
                float[] vector = new float[dim];
                for (int k = 0; k < dim; k++) {
                    vector[k] = parse(fields[k + 1], file, lineNumber, k + 1, fields[0]);
                }
                if (index.containsKey(fields[0])) {
                    duplicates++;
                    continue;
                }
                index.put(fields[0], words.size());
                words.add(fields[0]);
                values.add(vector);
            }
        }
        if (words.isEmpty()) {
            throw new MalformedDataException(
                    file,
                    0,
                    "expected lines 'word v1 ... vd' (GloVe or word2vec text), found none");
        }
        if (announced > 0 && words.size() < maxVectors && words.size() + duplicates != announced) {
            throw new MalformedDataException(
                    file,
                    0,
                    "the header announces "
                            + announced
                            + " vectors, but the file holds "
                            + (words.size() + duplicates));
        }
        if (duplicates > 0) {
            LOG.warn("{}: {} repeated words ignored (the first vector is kept)", file, duplicates);
        }
        LOG.debug("read {} vectors of dimension {} from {}", words.size(), dim, file);
        return new WordVectors(words, index, values.toArray(), dim);
    }

    private static String readLine(Utf8LineReader lines, Path file, long next) {
        try {
            return lines.readLine();
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(
                    file, next, "expected UTF-8 text, found an invalid byte sequence", e);
        } catch (EOFException | ZipException e) {
            throw new MalformedDataException(
                    file,
                    next,
                    "the gzip stream ends early (truncated or corrupt file): " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new MalformedDataException(file, next, "read error: " + e.getMessage(), e);
        }
    }

    private static boolean isCount(String a, String b) {
        return a.chars().allMatch(c -> c >= '0' && c <= '9')
                && b.chars().allMatch(c -> c >= '0' && c <= '9')
                && a.length() < 19
                && b.length() < 10;
    }

    private static float parse(String field, Path file, long line, int position, String word) {
        float v;
        try {
            v = Float.parseFloat(field);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(
                    file,
                    line,
                    "expected a number as value "
                            + position
                            + " of '"
                            + word
                            + "', found '"
                            + field
                            + "'",
                    e);
        }
        if (!Float.isFinite(v)) {
            throw new MalformedDataException(
                    file,
                    line,
                    "expected a finite number as value "
                            + position
                            + " of '"
                            + word
                            + "', found '"
                            + field
                            + "'");
        }
        return v;
    }

    /**
     * Writes the vectors in word2vec text format: a header {@code count dimension}, then {@code
     * word v1 ... vd} per line, each value as the shortest decimal that reads back to the same
     * float. The file is written atomically and gzipped when its name ends in {@code .gz}; {@link
     * #read(Path)} returns equal vectors.
     *
     * @param file the file to create or replace
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFiles.write(
                file,
                raw -> {
                    OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : raw;
                    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    w.write(words.size() + " " + dimension + "\n");
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < words.size(); i++) {
                        line.setLength(0);
                        line.append(words.get(i));
                        for (int k = 0; k < dimension; k++) {
                            line.append(' ').append(values[i * dimension + k]);
                        }
                        w.write(line.append('\n').toString());
                    }
                    w.flush();
                    if (gz) {
                        ((GZIPOutputStream) out).finish();
                    }
                });
    }

    /**
     * Returns the number of words.
     *
     * @return the count of vectors, {@code > 0}
     */
    public int size() {
        return words.size();
    }

    /**
     * Returns the vector length.
     *
     * @return the dimension {@code d}, {@code > 0}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Returns the words in file (or construction) order.
     *
     * @return an unmodifiable list
     */
    public List<String> words() {
        return words;
    }

    /**
     * Tells whether a word has a vector (exact, case-sensitive match).
     *
     * @param word the word
     * @return {@code true} when present
     */
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /**
     * Returns a word's vector.
     *
     * @param word a word with a vector (exact match)
     * @return a copy of its vector, length {@link #dimension()}
     * @throws IllegalArgumentException when the word has no vector
     */
    public float[] vector(String word) {
        int i = require(word, "word");
        float[] v = new float[dimension];
        System.arraycopy(values, i * dimension, v, 0, dimension);
        return v;
    }

    /**
     * Returns the cosine similarity of two words' vectors.
     *
     * @param a a word with a vector
     * @param b a word with a vector
     * @return the cosine in [-1, 1]; 0 when either vector is zero
     * @throws IllegalArgumentException when a word has no vector
     */
    public double similarity(String a, String b) {
        int i = require(a, "a");
        int j = require(b, "b");
        double dot = 0;
        for (int k = 0; k < dimension; k++) {
            dot += (double) values[i * dimension + k] * values[j * dimension + k];
        }
        double n = norms[i] * norms[j];
        return n == 0 ? 0 : dot / n;
    }

    /**
     * Returns the words most similar to a word by cosine, the word itself excluded.
     *
     * @param word a word with a vector
     * @param k how many neighbours, {@code > 0}
     * @return at most {@code k} neighbours, most similar first (ties by word order)
     * @throws IllegalArgumentException when the word has no vector or {@code k < 1}
     */
    public List<Neighbour> nearest(String word, int k) {
        int i = require(word, "word");
        return nearest(vectorAt(i), k, Set.of(word));
    }

    /**
     * Returns the words whose vectors are most similar to a query vector by cosine.
     *
     * @param query a vector of length {@link #dimension()}
     * @param k how many neighbours, {@code > 0}
     * @param exclude words never returned (e.g. the query words)
     * @return at most {@code k} neighbours, most similar first (ties by word order)
     * @throws IllegalArgumentException when the query has the wrong length or {@code k < 1}
     */
    public List<Neighbour> nearest(double[] query, int k, Set<String> exclude) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(exclude, "exclude");
        if (query.length != dimension) {
            throw new IllegalArgumentException(
                    "query must have length "
                            + dimension
                            + " (the dimension), received: query.length="
                            + query.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be > 0, received: k=" + k);
        }
        double queryNorm = 0;
        for (double q : query) {
            queryNorm += q * q;
        }
        queryNorm = Math.sqrt(queryNorm);
        // Min-heap on (similarity, then reverse index) keeps the k best, ties to the earlier word.
        PriorityQueue<double[]> best =
                new PriorityQueue<>(
                        (x, y) ->
                                x[0] != y[0]
                                        ? Double.compare(x[0], y[0])
                                        : Double.compare(y[1], x[1]));
        for (int i = 0; i < words.size(); i++) {
            if (exclude.contains(words.get(i))) {
                continue;
            }
            double dot = 0;
            for (int d = 0; d < dimension; d++) {
                dot += query[d] * values[i * dimension + d];
            }
            double n = queryNorm * norms[i];
            double similarity = n == 0 ? 0 : dot / n;
            best.add(new double[] {similarity, i});
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Neighbour> out = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            double[] e = best.poll();
            out.add(new Neighbour(words.get((int) e[1]), e[0]));
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Solves the analogy "a is to b as c is to ?" by the 3CosAdd method (Mikolov et al. 2013): the
     * words nearest by cosine to {@code unit(a) - unit(b) + unit(c)}, the three query words
     * excluded. For example {@code analogy("king", "man", "woman", 1)} asks for king - man + woman,
     * ideally queen.
     *
     * @param a the word to start from (king)
     * @param b the word to subtract (man)
     * @param c the word to add (woman)
     * @param k how many candidates, {@code > 0}
     * @return at most {@code k} candidates, best first
     * @throws IllegalArgumentException when a word has no vector or {@code k < 1}
     */
    public List<Neighbour> analogy(String a, String b, String c, int k) {
        int ia = require(a, "a");
        int ib = require(b, "b");
        int ic = require(c, "c");
        double[] query = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            query[d] = unit(ia, d) - unit(ib, d) + unit(ic, d);
        }
        return nearest(query, k, Set.of(a, b, c));
    }

    /**
     * Copies vectors into an embedding matrix whose rows are a vocabulary's ids: for each
     * non-reserved token the vector of the token itself, else of its lower-case form ({@link
     * Locale#ROOT}). Rows of reserved ids ({@link Vocabulary#RESERVED}) and of tokens without a
     * vector keep their values (e.g. the network's random initialisation).
     *
     * @param vocabulary the vocabulary whose ids index the rows
     * @param matrix {@code [vocabulary.size(), dimension()]}, changed in place
     * @return how many rows were filled, at most {@code vocabulary.size() - 4}
     * @throws IllegalArgumentException when the matrix does not have that shape
     */
    public int fillEmbedding(Vocabulary vocabulary, INDArray matrix) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(matrix, "matrix");
        if (matrix.rank() != 2
                || matrix.size(0) != vocabulary.size()
                || matrix.size(1) != dimension) {
            throw new IllegalArgumentException(
                    "matrix must have shape [vocabulary size, dimension] = ["
                            + vocabulary.size()
                            + ", "
                            + dimension
                            + "], received: matrix.shape="
                            + Arrays.toString(matrix.shape()));
        }
        int found = 0;
        for (int id = Vocabulary.RESERVED.size(); id < vocabulary.size(); id++) {
            String token = vocabulary.token(id);
            Integer row = index.get(token);
            if (row == null) {
                row = index.get(token.toLowerCase(Locale.ROOT));
            }
            if (row != null) {
                for (int d = 0; d < dimension; d++) {
                    matrix.putScalar(id, d, values[row * dimension + d]);
                }
                found++;
            }
        }
        return found;
    }

    private double unit(int row, int d) {
        return norms[row] == 0 ? 0 : values[row * dimension + d] / norms[row];
    }

    private double[] vectorAt(int row) {
        double[] v = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = values[row * dimension + d];
        }
        return v;
    }

    private int require(String word, String name) {
        Objects.requireNonNull(word, name);
        Integer i = index.get(word);
        if (i == null) {
            throw new IllegalArgumentException(
                    name + " must be a word with a vector, received: " + name + "='" + word + "'");
        }
        return i;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "WordVectors[size=" + words.size() + ", dimension=" + dimension + "]";
    }

    /** A growable float array. */
    private static final class FloatBuffer {
        private float[] data = new float[1 << 12];
        private int size;

        void add(float[] v) {
            if (size + v.length > data.length) {
                long grown = Math.max((long) data.length * 2, (long) size + v.length);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException(
                            "too many values for one array: " + grown + " (use maxVectors)");
                }
                data = Arrays.copyOf(data, (int) grown);
            }
            System.arraycopy(v, 0, data, size, v.length);
            size += v.length;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
