package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIdStoreTest {

    @TempDir Path dir;

    @Test
    void givenRows_whenReadBack_thenSameIdsLengthsAndIndices() throws IOException {
        try (TokenIdStore store = TokenIdStore.create(dir.resolve("work"))) {
            assertEquals(0, store.add(new int[] {5, 6, 7}));
            assertEquals(1, store.add(new int[0]));
            assertEquals(2, store.add(new int[] {9, 1, 2, 3, 4}, 1, 3));
            assertArrayEquals(new int[] {5, 6, 7}, store.ids(0));
            assertArrayEquals(new int[0], store.ids(1));
            assertArrayEquals(new int[] {1, 2, 3}, store.ids(2));
            assertEquals(3, store.size());
            assertEquals(3, store.length(2));
            assertEquals(6, store.totalIds());
            assertEquals(24, store.fileBytes());
        }
    }

    @Test
    void givenMoreIdsThanTheWriteBuffer_whenInterleavedWithReads_thenEveryRowIntact()
            throws IOException {
        Random random = new Random(3);
        List<int[]> rows = new ArrayList<>();
        try (TokenIdStore store = TokenIdStore.create(dir)) {
            for (int i = 0; i < 3000; i++) {
                int[] ids = new int[random.nextInt(400)];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = random.nextInt();
                }
                rows.add(ids);
                store.add(ids);
                if (i % 700 == 0) {
                    assertArrayEquals(rows.get(i / 2), store.ids(i / 2));
                }
            }
            assertTrue(store.fileBytes() > 1 << 20, "more than the 1 MiB buffer");
            for (int i = rows.size() - 1; i >= 0; i--) {
                assertArrayEquals(rows.get(i), store.ids(i), "row " + i);
            }
            assertEquals(Files.size(store.file()), store.fileBytes());
        }
    }

    @Test
    void givenRemapTable_whenRead_thenIdsTranslatedAndNoMoreRowsAccepted() throws IOException {
        try (TokenIdStore store = TokenIdStore.create(dir)) {
            store.add(new int[] {0, 2, 1, 2});
            store.add(new int[] {1});
            store.remap(new int[] {10, 11, 12});
            assertArrayEquals(new int[] {10, 12, 11, 12}, store.ids(0));
            List<int[]> view = store.view(new int[] {1, 0});
            assertEquals(2, view.size());
            assertArrayEquals(new int[] {11}, view.get(0));
            assertArrayEquals(new int[] {10, 12, 11, 12}, view.get(1));
            assertThrows(IllegalStateException.class, () -> store.add(new int[] {1}));
            assertThrows(IllegalStateException.class, () -> store.remap(new int[3]));
        }
    }

    @Test
    void givenClosedStore_whenUsed_thenFileDeletedAndReadsRefused() throws IOException {
        TokenIdStore store = TokenIdStore.create(dir);
        store.add(new int[] {1, 2});
        Path file = store.file();
        assertTrue(Files.exists(file));
        store.close();
        store.close();
        assertFalse(Files.exists(file));
        assertThrows(IllegalStateException.class, () -> store.ids(0));
        assertThrows(IndexOutOfBoundsException.class, () -> store.length(1));
    }

    @Test
    void givenBadRange_whenAdded_thenMessageNamesIt() throws IOException {
        try (TokenIdStore store = TokenIdStore.create(dir)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> store.add(new int[] {1, 2}, 1, 2));
            DataTestFiles.assertMessage(e, "from=1", "length=2", "ids.length=2");
        }
    }
}
