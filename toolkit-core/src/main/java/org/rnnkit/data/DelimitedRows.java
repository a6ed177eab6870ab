package org.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the rows of a delimited text file one logical row at a time, in bounded memory: plain or
 * gzipped ({@code .gz}), strict UTF-8 with an optional byte-order mark, {@code \n} or {@code \r\n}
 * line ends, an optional header row. With any delimiter but tab, fields follow RFC 4180 quoting (a
 * quoted field may hold the delimiter, doubled quotes and newlines, so one row can span lines);
 * tab-separated files are split on every tab, as TSV tools do. Blank lines are skipped.
 *
 * <p>Problems are {@link MalformedDataException}s naming the file and the (first) line of the row;
 * {@link Fatal} ones concern the whole file and cannot be skipped.
 */
public final class DelimitedRows implements Iterator<DelimitedRows.Row>, AutoCloseable {

    /**
     * One logical row.
     *
     * @param fields the field values, unquoted
     * @param line the 1-based line on which the row starts
     */
    public record Row(List<String> fields, long line) {}

    /** A problem with the whole file (not a row): never skipped. */
    public static final class Fatal extends MalformedDataException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param file the file
         * @param line the line, 0 when not tied to one
         * @param problem what was expected and found
         * @param cause the cause, or null
         */
        public Fatal(Path file, long line, String problem, Throwable cause) {
            super(file, line, problem, cause);
        }
    }

    private final Path file;
    private final Utf8LineReader reader;
    private final char delimiter;
    private final List<String> header;
    private String firstData;
    private long lineNumber;
    private boolean exhausted;
    private Row buffered;

    private DelimitedRows(Path file, Utf8LineReader reader, DataFormat format) {
        this.file = file;
        this.reader = reader;
        String first = readLine(1);
        if (first == null) {
            throw new Fatal(
                    file,
                    0,
                    format.header()
                            ? "expected a header row, but the file is empty"
                            : "expected at least one row, but the file is empty",
                    null);
        }
        if (first.startsWith("\ufeff")) {
            first = first.substring(1);
        }
        this.lineNumber = 1;
        this.delimiter = format.delimiterFor(file, first);
        if (format.header()) {
            this.header = List.copyOf(split(first).stream().map(DataFormat::clean).toList());
        } else {
            this.header = null;
            this.firstData = first;
            this.lineNumber = 0;
        }
    }

    /**
     * Opens a file.
     *
     * @param file the file; a name ending in {@code .gz} is read through gzip
     * @param format its delimiter and whether it has a header
     * @return the rows, positioned after the header
     * @throws IOException when the file cannot be opened
     * @throws MalformedDataException when the file is empty or not valid gzip/UTF-8
     */
    public static DelimitedRows open(Path file, DataFormat format) throws IOException {
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        Utf8LineReader reader = null;
        try {
            InputStream in = raw;
            if (gz) {
                try {
                    in = new GZIPInputStream(raw, 1 << 16);
                } catch (ZipException | EOFException e) {
                    throw new Fatal(
                            file,
                            0,
                            "expected a gzip file (name ends in .gz), but it is not in gzip"
                                    + " format or is truncated: "
                                    + e.getMessage(),
                            e);
                }
            }
            reader = new Utf8LineReader(in);
            return new DelimitedRows(file, reader, format);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.close();
            } else {
                raw.close();
            }
            throw e;
        }
    }

    /**
     * Returns the header's column names (trimmed, without a byte-order mark).
     *
     * @return the names, or {@code null} when the file has no header row
     */
    public List<String> header() {
        return header;
    }

    /**
     * Returns the delimiter in use.
     *
     * @return the delimiter character
     */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Returns the file being read.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the last physical line read so far.
     *
     * @return the line number
     */
    public long linesRead() {
        return lineNumber;
    }

    private String readLine(long line) {
        try {
            return reader.readLine();
        } catch (CharacterCodingException e) {
            throw new MalformedDataException(
                    file, line, "expected UTF-8 text, found an invalid byte sequence", e);
        } catch (EOFException | ZipException e) {
            throw new Fatal(
                    file,
                    line,
                    "the gzip stream ends early (truncated or corrupt file): " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new Fatal(file, line, "read error: " + e.getMessage(), e);
        }
    }

    private List<String> split(String line) {
        return delimiter == '\t' ? List.of(line.split("\t", -1)) : CsvLine.split(line, delimiter);
    }

    /**
     * Reads ahead to the next non-blank row.
     *
     * @return whether there is one
     * @throws MalformedDataException when the row has invalid UTF-8 or an unclosed quote
     */
    @Override
    public boolean hasNext() {
        if (buffered != null) {
            return true;
        }
        while (!exhausted) {
            long start = lineNumber + 1;
            String line;
            if (firstData != null) {
                line = firstData;
                firstData = null;
            } else {
                line = readLine(start);
            }
            lineNumber = start;
            if (line == null) {
                exhausted = true;
                return false;
            }
            if (line.isBlank()) {
                continue;
            }
            if (delimiter != '\t' && CsvLine.hasOpenQuote(line)) {
                StringBuilder logical = new StringBuilder(line);
                while (CsvLine.hasOpenQuote(logical)) {
                    String more = readLine(lineNumber + 1);
                    if (more == null) {
                        exhausted = true;
                        throw new MalformedDataException(
                                file,
                                start,
                                "expected a closing double quote, but the file ended inside a"
                                        + " quoted field");
                    }
                    lineNumber++;
                    logical.append('\n').append(more);
                }
                line = logical.toString();
            }
            buffered = new Row(split(line), start);
            return true;
        }
        return false;
    }

    /**
     * Returns the next row.
     *
     * @return the row
     * @throws NoSuchElementException when there is none
     */
    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + file);
        }
        Row r = buffered;
        buffered = null;
        return r;
    }

    /**
     * Closes the file.
     *
     * @throws IOException when closing fails
     */
    @Override
    public void close() throws IOException {
        reader.close();
    }
}
