package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.data.MalformedDataException;

class WordVectorsTest {

    /**
     * Three-dimensional vectors of equal norm for the four people, so king - man + woman = queen.
     */
    private static final String GLOVE =
            "king 1 1 0\n"
                    + "queen 1 -1 0\n"
                    + "man 0 1 1\n"
                    + "woman 0 -1 1\n"
                    + "apple 0 0 -1\n"
                    + "Paris 0.5 0.25 -0.125\n";

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static MalformedDataException malformed(Path file) {
        return assertThrows(MalformedDataException.class, () -> WordVectors.read(file));
    }

    @Test
    void givenGloveFile_whenRead_thenWordsVectorsAndDimensionAsInFile() throws IOException {
        WordVectors v = WordVectors.read(write("v.txt", GLOVE));
        assertEquals(6, v.size());
        assertEquals(3, v.dimension());
        assertEquals(List.of("king", "queen", "man", "woman", "apple", "Paris"), v.words());
        assertArrayEquals(new float[] {0.5f, 0.25f, -0.125f}, v.vector("Paris"));
        assertEquals(0.0, v.similarity("king", "apple"), 1e-9);
        assertEquals(1.0, v.similarity("apple", "apple"), 1e-9);
        assertEquals(-1.0, v.similarity("apple", "man") * Math.sqrt(2), 1e-6);
    }

    @Test
    void givenWord2VecHeaderTrailingSpacesAndGzip_whenRead_thenSameAsGlove() throws IOException {
        Path gz = dir.resolve("v.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            String body = "6 3\n" + GLOVE.replace("\n", " \n");
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        WordVectors fromGz = WordVectors.read(gz);
        WordVectors fromText = WordVectors.read(write("v.txt", GLOVE));
        assertEquals(fromText.words(), fromGz.words());
        for (String w : fromText.words()) {
            assertArrayEquals(fromText.vector(w), fromGz.vector(w));
        }
    }

    @Test
    void givenMaxVectors_whenRead_thenOnlyTheFirstAreKeptAndTheRestIsNotParsed()
            throws IOException {
        WordVectors v = WordVectors.read(write("v.txt", "6 3\n" + GLOVE + "broken line\n"), 2);
        assertEquals(List.of("king", "queen"), v.words());
    }

    @Test
    void givenWrongValueCount_whenRead_thenErrorNamesFileLineAndExpectedCount() throws IOException {
        Path file = write("bad.txt", "a 1 2 3\nb 4 5 6\nc 7 8\n");
        MalformedDataException e = malformed(file);
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected a word and 3 numbers"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2 values"), e.getMessage());
    }

    @Test
    void givenNonNumber_whenRead_thenErrorNamesLineValueAndWord() throws IOException {
        Path file = write("bad.txt", "2 2\na 1 2\nb 4 x5\n");
        MalformedDataException e = malformed(file);
        assertEquals(3, e.line());
        assertTrue(
                e.getMessage().contains("expected a number as value 2 of 'b', found 'x5'"),
                e.getMessage());
    }

    @Test
    void givenHeaderCountThatDisagrees_whenRead_thenWholeFileError() throws IOException {
        Path file = write("bad.txt", "3 2\na 1 2\nb 4 5\n");
        MalformedDataException e = malformed(file);
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("announces 3 vectors"), e.getMessage());
    }

    @Test
    void givenNonFiniteValueOrEmptyFile_whenRead_thenMalformed() throws IOException {
        Path nan = write("nan.txt", "a 1 NaN\n");
        assertTrue(malformed(nan).getMessage().contains("finite"));
        Path empty = write("empty.txt", "\n\n");
        assertEquals(0, malformed(empty).line());
    }

    @Test
    void givenVectors_whenNearestAndAnalogy_thenCosineOrder() throws IOException {
        WordVectors v = WordVectors.read(write("v.txt", GLOVE));
        List<WordVectors.Neighbour> near = v.nearest("king", 2);
        // cos(king, Paris) = 0.75 / sqrt(2) / sqrt(0.328125) = 0.926; cos(king, man) = 1 / 2.
        assertEquals(
                List.of("Paris", "man"), near.stream().map(WordVectors.Neighbour::word).toList());
        assertEquals(0.75 / Math.sqrt(2) / Math.sqrt(0.328125), near.get(0).similarity(), 1e-6);
        assertEquals(0.5, near.get(1).similarity(), 1e-6);
        // unit(king) - unit(man) + unit(woman) is parallel to queen, so queen ranks first.
        WordVectors.Neighbour best = v.analogy("king", "man", "woman", 1).get(0);
        assertEquals("queen", best.word());
        assertEquals(1.0, best.similarity(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> v.nearest("prince", 1));
    }

    @Test
    void givenVocabulary_whenFilled_thenPresentRowsCopiedExactOrLowerCaseOthersUnchanged()
            throws IOException {
        WordVectors v = WordVectors.read(write("v.txt", GLOVE));
        Vocabulary vocabulary =
                Vocabulary.builder().add(List.of("King", "queen", "paris", "zebra")).build(1, 100);
        INDArray matrix = Nd4j.ones(DataType.FLOAT, vocabulary.size(), 3).muli(7);
        int found = v.fillEmbedding(vocabulary, matrix);
        assertEquals(2, found); // "King" -> king; queen exact; "paris" is not "Paris"; zebra none
        assertArrayEquals(
                v.vector("king"), matrix.getRow(vocabulary.id("King")).toFloatVector(), 0f);
        assertArrayEquals(
                v.vector("queen"), matrix.getRow(vocabulary.id("queen")).toFloatVector(), 0f);
        for (String untouched : List.of("<pad>", "<unk>", "paris", "zebra")) {
            int id =
                    untouched.startsWith("<")
                            ? Vocabulary.RESERVED.indexOf(untouched)
                            : vocabulary.id(untouched);
            assertArrayEquals(new float[] {7, 7, 7}, matrix.getRow(id).toFloatVector(), 0f);
        }
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        v.fillEmbedding(
                                vocabulary, Nd4j.zeros(DataType.FLOAT, vocabulary.size(), 4)));
    }

    @Test
    void givenVectors_whenWrittenAndRead_thenIdentical(@TempDir Path out) throws IOException {
        WordVectors v =
                WordVectors.of(
                        List.of("a", "é", "c"),
                        List.of(
                                new float[] {0.1f, -2.5e-7f},
                                new float[] {1f / 3, 1e20f},
                                new float[] {0, -0f}));
        for (String name : List.of("w.txt", "w.txt.gz")) {
            Path file = out.resolve(name);
            v.write(file);
            WordVectors back = WordVectors.read(file);
            assertEquals(v.words(), back.words());
            for (String w : v.words()) {
                assertArrayEquals(v.vector(w), back.vector(w), 0f);
            }
        }
        assertEquals(
                "3 2", Files.readAllLines(out.resolve("w.txt"), StandardCharsets.UTF_8).get(0));
    }

    @Test
    void givenBadInMemoryVectors_whenCreated_thenIllegalArgumentNamesProblem() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                WordVectors.of(
                                        List.of("a", "b"),
                                        List.of(new float[] {1, 2}, new float[] {3})));
        assertTrue(e.getMessage().contains("vectors[1].length=1"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> WordVectors.of(List.of("a b"), List.of(new float[] {1})));
    }
}
