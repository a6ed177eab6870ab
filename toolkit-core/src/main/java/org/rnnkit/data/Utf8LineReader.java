package org.rnnkit.data;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of strict UTF-8, decoding each line on its own so that an invalid byte sequence is
 * reported on the line where it occurs (a {@code BufferedReader} decodes ahead and would report it
 * on an earlier line). Lines end at {@code \n}; a preceding {@code \r} is dropped. The byte 0x0A
 * never occurs inside a multi-byte UTF-8 sequence, so splitting on it is safe.
 */
final class Utf8LineReader implements Closeable {

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

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line.
     *
     * @return the line without terminator, or {@code null} at the end of the stream
     * @throws CharacterCodingException when the line is not valid UTF-8 (the reader stays usable)
     * @throws IOException when reading fails
     */
    String readLine() throws IOException {
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
