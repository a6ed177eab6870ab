package org.rnnkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Token id sequences of many texts kept in a temporary file instead of the Java heap, so that a
 * corpus of millions of rows is encoded once and read back row by row (for batches, evaluation and
 * baselines) with a few bytes of heap per row.
 *
 * <p>Rows are appended with {@link #add(int[], int, int)} and get consecutive indices from 0. The
 * heap holds only each row's offset and length (12 bytes per row); the ids themselves (4 bytes
 * each, little-endian) go to the file, which the operating system caches outside the heap. Ids can
 * be written provisionally (for example in order of first appearance, before a vocabulary is built)
 * and translated when read: {@link #remap(int[])} sets a table applied by {@link #ids(int)} from
 * then on, so the file is never rewritten.
 *
 * <p>The file is created in the given directory and deleted by {@link #close()} (and, should the
 * process end first, when the JVM exits). The methods are safe to call from several threads.
 */
public final class TokenIdStore implements AutoCloseable {

    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer pending;
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int size;
    private long written;
    private long bytesOnDisk;
    private int[] remap;
    private boolean closed;

    private TokenIdStore(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.pending = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates an empty store backed by a new temporary file.
     *
     * @param directory where the file is created (created itself if missing), for example a
     *     training run's work directory or {@code java.io.tmpdir}
     * @return the store; close it to delete the file
     * @throws IOException when the file cannot be created
     */
    public static TokenIdStore create(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "token-ids-", ".bin");
        file.toFile().deleteOnExit();
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new TokenIdStore(file, channel);
    }

    /**
     * Appends one row.
     *
     * @param ids the token ids (any int values; see {@link #remap(int[])})
     * @param from the first id of the row in {@code ids}
     * @param length how many ids the row has, at least 0
     * @return the row's index
     * @throws IllegalArgumentException when {@code from} and {@code length} do not fit {@code ids}
     * @throws IllegalStateException when the store is closed or a remapping table is set
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized int add(int[] ids, int from, int length) {
        Objects.requireNonNull(ids, "ids");
        if (from < 0 || length < 0 || from > ids.length - length) {
            throw new IllegalArgumentException(
                    "expected from >= 0, length >= 0 and from + length <= ids.length, received:"
                            + " from="
                            + from
                            + ", length="
                            + length
                            + ", ids.length="
                            + ids.length);
        }
        requireOpen();
        if (remap != null) {
            throw new IllegalStateException(
                    "rows cannot be added after remap(...): the table applies to the ids written"
                            + " before it");
        }
        if (size == offsets.length) {
            int capacity = offsets.length + (offsets.length >> 1);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        offsets[size] = written;
        lengths[size] = length;
        for (int i = 0; i < length; i++) {
            if (!pending.hasRemaining()) {
                flush();
            }
            pending.putInt(ids[from + i]);
        }
        written += length;
        return size++;
    }

    /**
     * Appends one row.
     *
     * @param ids the token ids
     * @return the row's index
     * @throws IllegalStateException when the store is closed or a remapping table is set
     * @throws UncheckedIOException when the file cannot be written
     */
    public int add(int[] ids) {
        return add(ids, 0, ids.length);
    }

    /**
     * Sets the table that translates every stored id when rows are read: {@link #ids(int)} returns
     * {@code table[id]} for each stored {@code id}. Rows cannot be added afterwards.
     *
     * @param table the translation, indexed by stored id; not copied, must not change
     * @throws IllegalStateException when the store is closed or a table is already set
     */
    public synchronized void remap(int[] table) {
        Objects.requireNonNull(table, "table");
        requireOpen();
        if (remap != null) {
            throw new IllegalStateException("remap(...) was already called");
        }
        remap = table;
    }

    /**
     * Returns the number of rows.
     *
     * @return the row count
     */
    public synchronized int size() {
        return size;
    }

    /**
     * Returns the number of ids of a row, without reading the file.
     *
     * @param row the row index
     * @return its length
     * @throws IndexOutOfBoundsException when the row does not exist
     */
    public synchronized int length(int row) {
        Objects.checkIndex(row, size);
        return lengths[row];
    }

    /**
     * Returns the number of ids over all rows.
     *
     * @return the total stored
     */
    public synchronized long totalIds() {
        return written;
    }

    /**
     * Returns the size of the backing file once everything added is written.
     *
     * @return {@code 4 * totalIds()} bytes
     */
    public synchronized long fileBytes() {
        return 4 * written;
    }

    /**
     * Reads one row, translated through the {@link #remap(int[])} table if one is set.
     *
     * @param row the row index
     * @return a new array with the row's ids
     * @throws IndexOutOfBoundsException when the row does not exist
     * @throws IllegalStateException when the store is closed
     * @throws UncheckedIOException when the file cannot be read
     */
    public synchronized int[] ids(int row) {
        Objects.checkIndex(row, size);
        requireOpen();
        if (pending.position() > 0) {
            flush();
        }
        int length = lengths[row];
        ByteBuffer bytes = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
        long position = 4 * offsets[row];
        try {
            while (bytes.hasRemaining()) {
                int n = channel.read(bytes, position + bytes.position());
                if (n < 0) {
                    throw new IOException("unexpected end of " + file + " in row " + row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token ids from " + file, e);
        }
        bytes.flip();
        int[] out = new int[length];
        bytes.asIntBuffer().get(out);
        if (remap != null) {
            for (int i = 0; i < length; i++) {
                out[i] = remap[out[i]];
            }
        }
        return out;
    }

    /**
     * Returns a read-only list view of some rows: element {@code i} is {@code ids(rows[i])}, read
     * from the file on every call (nothing is cached).
     *
     * @param rows the row indices, in the view's order; not copied, must not change
     * @return the view
     */
    public List<int[]> view(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        return new RowView(rows);
    }

    /**
     * Returns the backing file (for logs and tests).
     *
     * @return the path; it no longer exists after {@link #close()}
     */
    public Path file() {
        return file;
    }

    /**
     * Closes and deletes the backing file.
     *
     * @throws IOException when the file cannot be closed or deleted
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes the buffered ids at the end of the file. */
    private void flush() {
        pending.flip();
        try {
            while (pending.hasRemaining()) {
                bytesOnDisk += channel.write(pending, bytesOnDisk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write token ids to " + file, e);
        } finally {
            pending.clear();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the token id store " + file + " is closed");
        }
    }

    /** A list over some rows of the store. */
    private final class RowView extends AbstractList<int[]> implements RandomAccess {
        private final int[] rows;

        RowView(int[] rows) {
            this.rows = rows;
        }

        @Override
        public int[] get(int index) {
            return ids(rows[index]);
        }

        @Override
        public int size() {
            return rows.length;
        }
    }
}
