package org.rnnkit.exercises;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.text.tokenization.tokenizer.preprocessor.CommonPreprocessor;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnkit.recipes.CommandLineEntry;
import org.rnnkit.recipes.embeddings.Word2VecOptions;
import org.rnnkit.recipes.embeddings.Word2VecTrainer;
import org.rnnkit.text.WordVectors;

/**
 * Exercise 10: word embeddings. Trains skip-gram Word2Vec (Mikolov et al. 2013, negative sampling)
 * with DL4J on a corpus, then shows what the vectors learned: the nearest neighbours of a few words
 * by cosine, analogies by 3CosAdd (king - man + woman ≈ queen) with the rank of the expected
 * answer, and a two-dimensional {@link Tsne} map of the words as a PNG. The vectors are saved in
 * word2vec text format, ready for {@code rnnkit sentiment train --embeddings PATH}.
 *
 * <p><b>Corpus.</b> By default {@link #generatedCorpus(int, long)}: seeded short sentences in which
 * each word of a group appears with that group's context words. The people form a 2×2×2 design
 * (gender × royal/common × adult/child: king, queen, prince, princess, man, woman, boy, girl), each
 * sentence naming one person together with one context word of each of its three attributes, so
 * that a person's vector is roughly the sum of its attributes' and king - man + woman points to
 * queen. Countries and their capitals work the same way (nation × country/city). Numbers, colours
 * and animals only share contexts within their group. Any UTF-8 text file, one sentence per line,
 * can be used instead; it is lower-cased and stripped of punctuation and digits by DL4J's {@code
 * CommonPreprocessor}.
 *
 * <p><b>Reproducibility.</b> With one worker thread and a fixed seed DL4J's Word2Vec gives the same
 * vectors on every run on the CPU (checked by the test); with more workers it would not.
 */
public final class WordEmbeddings {

    /** Sentences in the default generated corpus. */
    public static final int DEFAULT_SENTENCES = 10_000;

    /** Word vector length. */
    public static final int DIMENSION = 30;

    /** Passes over the corpus. */
    public static final int EPOCHS = 5;

    /** Words seen fewer times are dropped from the vocabulary. */
    public static final int MIN_COUNT = 5;

    /** Context window: words on each side. */
    public static final int WINDOW = 5;

    /** Neighbours listed per query word. */
    public static final int NEIGHBOURS = 5;

    /** The most frequent words mapped by t-SNE when the corpus is a file. */
    public static final int MAX_PLOTTED = 150;

    /**
     * One analogy check, "a is to b as c is to expected", answered by {@code a - b + c}.
     *
     * @param a the word to start from
     * @param b the word subtracted
     * @param c the word added
     * @param expected the intended answer
     * @param rank 1-based rank of {@code expected} among all words but the three query words; 0
     *     when one of the four words has no vector
     * @param best the top answer, or {@code ""} when a query word has no vector
     * @param similarity cosine of the top answer to {@code a - b + c} (unit vectors); NaN when
     *     absent
     */
    public record Analogy(
            String a,
            String b,
            String c,
            String expected,
            int rank,
            String best,
            double similarity) {

        /**
         * Formats the question.
         *
         * @return e.g. {@code "king - man + woman"}
         */
        public String question() {
            return a + " - " + b + " + " + c;
        }
    }

    /**
     * The outcome.
     *
     * @param sentences sentences in the corpus
     * @param tokens occurrences of the words with a vector (after DL4J's tokenizer)
     * @param vocabularySize words with a vector (seen at least {@link #MIN_COUNT} times)
     * @param neighbours each query word's {@link #NEIGHBOURS} nearest words, in query order
     * @param groupAgreement for the generated corpus: the share of the group words' nearest
     *     neighbours (among the group words) that are in their own group; NaN for a file corpus
     * @param mapAgreement the same share for the nearest neighbour in the t-SNE map; NaN for a file
     *     corpus
     * @param analogies the analogy checks, in order
     * @param vectors the saved vectors (word2vec text format)
     * @param plot the t-SNE PNG
     */
    public record Result(
            int sentences,
            long tokens,
            int vocabularySize,
            Map<String, List<WordVectors.Neighbour>> neighbours,
            double groupAgreement,
            double mapAgreement,
            List<Analogy> analogies,
            Path vectors,
            Path plot) {}

    /** The groups of the generated corpus, in plotting order. */
    private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    /** People: word, gender, status, age. */
    private static final String[][] PEOPLE = {
        {"king", "male", "royal", "adult"},
        {"queen", "female", "royal", "adult"},
        {"prince", "male", "royal", "child"},
        {"princess", "female", "royal", "child"},
        {"man", "male", "common", "adult"},
        {"woman", "female", "common", "adult"},
        {"boy", "male", "common", "child"},
        {"girl", "female", "common", "child"}
    };

    /** Nations: country, capital, two context words. */
    private static final String[][] NATIONS = {
        {"france", "paris", "french", "croissant"},
        {"italy", "rome", "italian", "pizza"},
        {"germany", "berlin", "german", "sausage"},
        {"spain", "madrid", "spanish", "paella"},
        {"japan", "tokyo", "japanese", "sushi"},
        {"egypt", "cairo", "egyptian", "pyramids"}
    };

    private static final Map<String, String[]> CONTEXT =
            Map.of(
                    "male", new String[] {"he", "his", "him", "himself"},
                    "female", new String[] {"she", "her", "hers", "herself"},
                    "royal", new String[] {"throne", "crown", "palace", "castle", "kingdom"},
                    "common", new String[] {"house", "village", "market", "farm", "street"},
                    "adult", new String[] {"works", "drives", "votes", "married", "job"},
                    "child", new String[] {"plays", "school", "toys", "games", "homework"},
                    "country", new String[] {"border", "president", "nation", "flag", "population"},
                    "city", new String[] {"mayor", "streets", "downtown", "metro", "museum"});

    private static final String[] NUMBERS = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"
    };
    private static final String[] NUMBER_CONTEXT = {"count", "total", "exactly", "about", "only"};
    private static final String[] PLURALS = {"apples", "books", "cars", "birds", "coins"};
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "black", "white"};
    private static final String[] COLOUR_CONTEXT = {"painted", "colour", "shade", "bright", "dark"};
    private static final String[] OBJECTS = {"car", "wall", "shirt", "door", "hat"};
    private static final String[] ANIMALS = {"dog", "cat", "horse", "cow", "sheep", "rabbit"};
    private static final String[] ANIMAL_CONTEXT = {"feed", "tail", "fur", "legs", "pet"};
    private static final String[] FILLERS = {"the", "a", "and", "in", "with", "of"};

    static {
        List<String> people = new ArrayList<>();
        for (String[] p : PEOPLE) {
            people.add(p[0]);
        }
        List<String> places = new ArrayList<>();
        for (String[] n : NATIONS) {
            places.add(n[0]);
            places.add(n[1]);
        }
        GROUPS.put("people", List.copyOf(people));
        GROUPS.put("places", List.copyOf(places));
        GROUPS.put("numbers", List.of(NUMBERS));
        GROUPS.put("colours", List.of(COLOURS));
        GROUPS.put("animals", List.of(ANIMALS));
    }

    /** Query words for neighbours (those with a vector are used). */
    private static final List<String> QUERIES =
            List.of("king", "girl", "paris", "japan", "three", "red", "dog");

    /** Analogy checks: a, b, c, expected. */
    private static final List<List<String>> ANALOGIES =
            List.of(
                    List.of("king", "man", "woman", "queen"),
                    List.of("boy", "man", "woman", "girl"),
                    List.of("king", "prince", "princess", "queen"),
                    List.of("paris", "france", "italy", "rome"),
                    List.of("tokyo", "japan", "spain", "madrid"),
                    List.of("berlin", "germany", "egypt", "cairo"));

    private WordEmbeddings() {}

    /**
     * Returns the word groups of the generated corpus.
     *
     * @return group name to its words (people, places, numbers, colours, animals), unmodifiable
     */
    public static Map<String, List<String>> groups() {
        return Collections.unmodifiableMap(GROUPS);
    }

    /**
     * Generates the default corpus: each sentence names one group word together with context words
     * of its group (see the class comment) and one filler word, in a random order.
     *
     * @param sentences how many sentences, {@code > 0}
     * @param seed seeds the choices
     * @return the sentences, words separated by single spaces
     * @throws IllegalArgumentException when {@code sentences < 1}
     */
    public static List<String> generatedCorpus(int sentences, long seed) {
        Exercises.require(
                sentences >= 1, "sentences must be > 0, received: sentences=" + sentences);
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(sentences);
        for (int s = 0; s < sentences; s++) {
            List<String> words = new ArrayList<>();
            switch (random.nextInt(5)) {
                case 0 -> {
                    String[] person = PEOPLE[random.nextInt(PEOPLE.length)];
                    words.add(person[0]);
                    for (int attribute = 1; attribute <= 3; attribute++) {
                        words.add(pick(random, CONTEXT.get(person[attribute])));
                    }
                }
                case 1 -> {
                    String[] nation = NATIONS[random.nextInt(NATIONS.length)];
                    boolean city = random.nextBoolean();
                    words.add(city ? nation[1] : nation[0]);
                    words.add(pick(random, CONTEXT.get(city ? "city" : "country")));
                    words.add(nation[2 + random.nextInt(2)]);
                }
                case 2 -> {
                    words.add(pick(random, NUMBERS));
                    words.add(pick(random, NUMBER_CONTEXT));
                    words.add(pick(random, PLURALS));
                }
                case 3 -> {
                    words.add(pick(random, COLOURS));
                    words.add(pick(random, COLOUR_CONTEXT));
                    words.add(pick(random, OBJECTS));
                }
                default -> {
                    words.add(pick(random, ANIMALS));
                    words.add(pick(random, ANIMAL_CONTEXT));
                    words.add(pick(random, ANIMAL_CONTEXT));
                }
            }
            words.add(pick(random, FILLERS));
            Collections.shuffle(words, random);
            out.add(String.join(" ", words));
        }
        return out;
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    /**
     * Trains Word2Vec on the generated corpus ({@link #DEFAULT_SENTENCES} sentences) and reports.
     *
     * @param outputDirectory where {@code word-vectors.txt} and {@code word-embeddings-tsne.png}
     *     are written (created if needed)
     * @param seed seeds the corpus, Word2Vec and t-SNE
     * @return the numbers and files
     * @throws IOException when a file cannot be written
     */
    public static Result run(Path outputDirectory, long seed) throws IOException {
        return run(generatedCorpus(DEFAULT_SENTENCES, seed), true, outputDirectory, seed);
    }

    /**
     * Trains Word2Vec on a UTF-8 text file, one sentence per line, and reports. The neighbours are
     * those of the default query words present in the file, or else of its five most frequent
     * words; the map shows its {@link #MAX_PLOTTED} most frequent words.
     *
     * @param corpus the text file
     * @param outputDirectory where the vectors and the PNG are written
     * @param seed seeds Word2Vec and t-SNE
     * @return the numbers and files
     * @throws IOException when the corpus cannot be read or a file not written
     * @throws IllegalArgumentException when fewer than 12 words occur {@link #MIN_COUNT} times
     */
    public static Result run(Path corpus, Path outputDirectory, long seed) throws IOException {
        Objects.requireNonNull(corpus, "corpus");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return run(lines, false, outputDirectory, seed);
    }

    private static Result run(
            List<String> sentences, boolean generated, Path outputDirectory, long seed)
            throws IOException {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Word2VecTrainer.Result trained =
                Word2VecTrainer.train(
                        Word2VecOptions.builder()
                                .dimension(DIMENSION)
                                .window(WINDOW)
                                .minCount(MIN_COUNT)
                                .epochs(EPOCHS)
                                .negative(5)
                                .seed(seed)
                                .workers(1)
                                .build(),
                        sentences,
                        new CommonPreprocessor());
        WordVectors wordVectors = trained.vectors();
        List<String> words = wordVectors.words();
        long tokens = trained.tokens();
        Exercises.require(
                words.size() >= 12,
                "the corpus must have at least 12 words seen "
                        + MIN_COUNT
                        + " times, received: "
                        + words.size());
        Files.createDirectories(outputDirectory);
        Path vectorsFile = outputDirectory.resolve("word-vectors.txt");
        wordVectors.write(vectorsFile);

        List<String> queries = QUERIES.stream().filter(wordVectors::contains).toList();
        if (queries.isEmpty()) {
            queries = words.subList(0, 5);
        }
        Map<String, List<WordVectors.Neighbour>> neighbours = new LinkedHashMap<>();
        for (String q : queries) {
            neighbours.put(q, wordVectors.nearest(q, NEIGHBOURS));
        }
        List<Analogy> analogies = new ArrayList<>();
        for (List<String> a : ANALOGIES) {
            analogies.add(analogy(wordVectors, a.get(0), a.get(1), a.get(2), a.get(3)));
        }

        Map<String, List<String>> plotted = new LinkedHashMap<>();
        if (generated) {
            for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
                plotted.put(
                        g.getKey(), g.getValue().stream().filter(wordVectors::contains).toList());
            }
        } else {
            plotted.put("words", words.subList(0, Math.min(MAX_PLOTTED, words.size())));
        }
        List<String> mapWords = new ArrayList<>();
        List<Integer> mapLabels = new ArrayList<>();
        int group = 0;
        for (List<String> g : plotted.values()) {
            for (String w : g) {
                mapWords.add(w);
                mapLabels.add(group);
            }
            group++;
        }
        int[] labels = mapLabels.stream().mapToInt(Integer::intValue).toArray();
        double[][] unit = new double[mapWords.size()][];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = unitVector(wordVectors.vector(mapWords.get(i)));
        }
        double perplexity = Math.min(10, (mapWords.size() - 2) / 3.0);
        Tsne.Result map =
                Tsne.embed(unit, Tsne.Options.defaults().withPerplexity(perplexity).withSeed(seed));
        Path plot =
                Exercises.writePng(
                        chart(plotted, mapWords, map.points()),
                        outputDirectory.resolve("word-embeddings-tsne.png"));
        double groupAgreement = Double.NaN;
        double mapAgreement = Double.NaN;
        if (generated) {
            groupAgreement = Tsne.nearestNeighbourAgreement(unit, labels);
            mapAgreement = Tsne.nearestNeighbourAgreement(map.points(), labels);
        }
        return new Result(
                sentences.size(),
                tokens,
                words.size(),
                Collections.unmodifiableMap(neighbours),
                groupAgreement,
                mapAgreement,
                List.copyOf(analogies),
                vectorsFile,
                plot);
    }

    private static Analogy analogy(
            WordVectors vectors, String a, String b, String c, String expected) {
        for (String w : List.of(a, b, c, expected)) {
            if (!vectors.contains(w)) {
                return new Analogy(a, b, c, expected, 0, "", Double.NaN);
            }
        }
        List<WordVectors.Neighbour> ranked = vectors.analogy(a, b, c, vectors.size());
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).word().equals(expected)) {
                rank = i + 1;
                break;
            }
        }
        return new Analogy(
                a, b, c, expected, rank, ranked.get(0).word(), ranked.get(0).similarity());
    }

    private static double[] unitVector(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            u[k] = norm == 0 ? 0 : v[k] / norm;
        }
        return u;
    }

    private static XYChart chart(
            Map<String, List<String>> groups, List<String> words, double[][] points) {
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(700)
                        .title("Word2Vec embeddings, t-SNE map")
                        .xAxisTitle("t-SNE 1")
                        .yAxisTitle("t-SNE 2")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(8);
        int i = 0;
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            int n = g.getValue().size();
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++, i++) {
                x[k] = points[i][0];
                y[k] = points[i][1];
                chart.addAnnotation(
                        new AnnotationText(words.get(i), points[i][0], points[i][1], false));
            }
            chart.addSeries(g.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * Trains on the generated corpus or on a corpus file, and prints the settings, the neighbours,
     * the analogy checks and the files written.
     *
     * @param out where the report goes
     * @param corpus a UTF-8 corpus file (one sentence per line), or {@code null} for the generated
     *     corpus
     * @param directory where the vectors and the t-SNE map go; created if missing
     * @param seed seeds the corpus, Word2Vec and t-SNE
     * @throws IOException when a file cannot be read or written
     */
    public static void print(PrintWriter out, Path corpus, Path directory, long seed)
            throws IOException {
        out.println(
                "settings: "
                        + (corpus == null
                                ? "the generated corpus (" + DEFAULT_SENTENCES + " sentences)"
                                : "corpus " + corpus)
                        + ", skip-gram Word2Vec, "
                        + DIMENSION
                        + " dimensions, window "
                        + WINDOW
                        + ", min count "
                        + MIN_COUNT
                        + ", "
                        + EPOCHS
                        + " epochs, seed "
                        + seed
                        + "; files under "
                        + directory);
        out.flush();
        Result r = corpus == null ? run(directory, seed) : run(corpus, directory, seed);
        out.printf(
                "corpus: %d sentences, %d tokens; %d words with a %d-dimensional vector%n%n",
                r.sentences(), r.tokens(), r.vocabularySize(), DIMENSION);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<WordVectors.Neighbour>> e : r.neighbours().entrySet()) {
            List<String> cells = new ArrayList<>();
            for (WordVectors.Neighbour n : e.getValue()) {
                cells.add(n.word() + " " + Exercises.fixed(n.similarity(), 2));
            }
            rows.add(List.of(e.getKey(), String.join(", ", cells)));
        }
        out.print(Exercises.table(List.of("word", "nearest by cosine (similarity)"), rows));
        out.println();
        rows = new ArrayList<>();
        for (Analogy a : r.analogies()) {
            rows.add(
                    List.of(
                            a.question(),
                            a.expected(),
                            a.rank() == 0 ? "absent" : Integer.toString(a.rank()),
                            a.best().isEmpty()
                                    ? "-"
                                    : a.best() + " " + Exercises.fixed(a.similarity(), 2)));
        }
        out.print(
                Exercises.table(
                        List.of("analogy", "expected", "rank of expected", "top answer"), rows));
        if (!Double.isNaN(r.groupAgreement())) {
            out.printf(
                    "%ngroup words whose nearest group word is in the same group:"
                            + " %s with the vectors, %s in the t-SNE map%n",
                    Exercises.fixed(r.groupAgreement(), 3), Exercises.fixed(r.mapAgreement(), 3));
        }
        out.printf("%nvectors: %s%nt-SNE map: %s%n", r.vectors(), r.plot());
    }

    /**
     * Runs {@code rnnkit exercise word-embeddings ARGS...}: Word2Vec, neighbours, analogies and a
     * t-SNE map. The command line parses the arguments (see {@code --help}: an optional corpus
     * file, {@code --out} for the files) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise word-embeddings}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "word-embeddings"), args);
    }
}
