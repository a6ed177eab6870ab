package org.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads lines of strict UTF-8, decoding each line on its own so that an invalid byte sequence is
 * reported on the line where it occurs (a {@code BufferedReader} decodes ahead and would report it
 * on an earlier line). Lines end at {@code \n}; a preceding {@code \r} is dropped. The byte 0x0A
 * never occurs inside a multi-byte UTF-8 sequence, so splitting on it is safe.
 *
 * <p>Public so that readers in other packages (e.g. {@code org.rnnkit.text.WordVectors}) report
 * problems the same way as the readers here.
 */
public final class Utf8LineReader implements Closeable {

    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    /**
     * Wraps a stream; the reader owns it and closes it in {@link #close()}.
     *
     * @param in the bytes to read, buffered by the caller if needed
     */
    public Utf8LineReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Opens a file, decompressing it when its name ends in {@code .gz} (any case).
     *
     * @param file the file to read
     * @return a reader positioned at the first line
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when a {@code .gz} file is not in gzip format
     */
    public static Utf8LineReader open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (ZipException | EOFException e) {
                in.close();
                throw new MalformedDataException(
                        file,
                        0,
                        "expected a gzip file (name ends in .gz), but it is not in gzip format"
                                + " or is truncated: "
                                + e.getMessage(),
                        e);
            }
        }
        return new Utf8LineReader(in);
    }

    /**
     * Reads the next line.
     *
     * @return the line without terminator, or {@code null} at the end of the stream
     * @throws CharacterCodingException when the line is not valid UTF-8 (the reader stays usable)
     * @throws IOException when reading fails (for gzip input, {@link EOFException} or {@link
     *     ZipException} when the stream is truncated or corrupt)
     */
    public String readLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? decode() : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                position++;
                return decode();
            }
        }
    }

    private String decode() throws CharacterCodingException {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return decoder.reset().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
