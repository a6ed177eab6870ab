package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<List<String>> CORPUS =
            List.of(
                    List.of("the", "plot", "was", "good"),
                    List.of("the", "acting", "was", "bad"),
                    List.of("good", "good", "plot"),
                    List.of("zebra"));

    @Test
    void givenCounts_whenBuilt_thenReservedIdsFirstThenCountDescendingThenLexical() {
        Vocabulary v = build(CORPUS, 1, 100);
        assertEquals(
                List.of(
                        "<pad>", "<unk>", "<bos>", "<eos>", "good", "plot", "the", "was", "acting",
                        "bad", "zebra"),
                v.tokens());
        assertEquals(3, v.count(v.id("good")));
        assertEquals(Vocabulary.UNK, v.id("never-seen"));
    }

    @Test
    void givenExtraTokens_whenAppended_thenOldIdsKeptNewOnesCountZeroAndRoundTrip()
            throws IOException {
        Vocabulary v = build(CORPUS, 2, 100);
        Vocabulary extended = v.withExtraTokens(List.of("plot", "zebra", "<unk>", "owl", "zebra"));
        assertEquals(v.tokens(), extended.tokens().subList(0, v.size()));
        assertEquals(List.of("zebra", "owl"), extended.tokens().subList(v.size(), extended.size()));
        assertEquals(0, extended.count(extended.id("owl")));
        assertEquals(v.count(v.id("plot")), extended.count(extended.id("plot")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        extended.write(out);
        assertEquals(extended, Vocabulary.read(new ByteArrayInputStream(out.toByteArray())));
        assertTrue(v.withExtraTokens(List.of("good")) == v);
    }

    @Test
    void givenSameCorpusInAnyOrder_whenBuilt_thenIdenticalIds() {
        Vocabulary reference = build(CORPUS, 1, 100);
        for (long seed = 0; seed < 5; seed++) {
            List<List<String>> shuffled = new ArrayList<>(CORPUS);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(reference, build(shuffled, 1, 100));
        }
    }

    @Test
    void givenMinCountAndMaxSize_whenBuilt_thenRareAndExcessTokensBecomeUnknown() {
        Vocabulary v = build(CORPUS, 2, 6);
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "good", "plot"), v.tokens());
        assertArrayEquals(
                new int[] {Vocabulary.UNK, 5, Vocabulary.UNK, 4},
                v.encode(List.of("the", "plot", "was", "good")));
    }

    @Test
    void givenVocabulary_whenWrittenAndRead_thenEqual() throws IOException {
        Vocabulary v = build(CORPUS, 1, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.write(out);
        assertEquals(v, Vocabulary.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void givenForeignJson_whenRead_thenClearError() {
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                Vocabulary.read(
                                        new ByteArrayInputStream(
                                                "{\"tokens\": []}"
                                                        .getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("not an rnnkit vocabulary"), e.getMessage());
    }

    @Test
    void givenBadId_whenDecoded_thenErrorNamesIdAndSize() {
        Vocabulary v = build(CORPUS, 1, 100);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {99}));
        assertTrue(
                e.getMessage().contains("id=99") && e.getMessage().contains("[0, 11)"),
                e.getMessage());
    }

    @Test
    void givenInvalidLimits_whenBuilt_thenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().build(0, 10));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().build(1, 3));
    }

    private static Vocabulary build(List<List<String>> corpus, int minCount, int maxSize) {
        Vocabulary.Builder b = Vocabulary.builder();
        corpus.forEach(b::add);
        return b.build(minCount, maxSize);
    }
}
