package org.rnnkit.recipes.generate;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rnnkit.data.DataFormat;
import org.rnnkit.data.DelimitedRows;
import org.rnnkit.data.MalformedDataException;
import org.rnnkit.data.Utf8LineReader;

/**
 * Reads the documents a language model trains on: a plain UTF-8 text file (documents separated by
 * blank lines, optionally gzipped), a TSV/CSV file (one document per row, from the text column:
 * {@code text} unless the format names another), or a directory of such files (read in name order,
 * hidden files skipped). Binary and non-UTF-8 files, and sources without any text, fail with a
 * {@link MalformedDataException} that names the file.
 */
final class TextCorpusReader {

    private TextCorpusReader() {}

    /**
     * Reads the documents under a path.
     *
     * @param path a file or a directory
     * @param format the shape of delimited files (the text column)
     * @param skipBadRows skip malformed rows of delimited files instead of failing
     * @return the non-blank documents
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException when a file is binary or not UTF-8, or there is no text
     */
    static List<String> read(Path path, DataFormat format, boolean skipBadRows) throws IOException {
        List<String> documents = new ArrayList<>();
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files =
                        walk.filter(Files::isRegularFile)
                                .filter(p -> !p.getFileName().toString().startsWith("."))
                                .sorted()
                                .toList();
            }
            for (Path file : files) {
                readFile(file, format, skipBadRows, documents);
            }
        } else {
            readFile(path, format, skipBadRows, documents);
        }
        if (documents.isEmpty()) {
            throw new MalformedDataException(
                    path,
                    0,
                    "expected UTF-8 text to train a language model on, but found no text"
                            + (Files.isDirectory(path) ? " in any file of the directory" : ""));
        }
        return documents;
    }

    private static void readFile(
            Path file, DataFormat format, boolean skipBadRows, List<String> documents)
            throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (plain.endsWith(".tsv") || plain.endsWith(".csv")) {
            readDelimited(file, format, skipBadRows, documents);
        } else {
            readPlain(file, documents);
        }
    }

    private static void readPlain(Path file, List<String> documents) throws IOException {
        StringBuilder document = new StringBuilder();
        long line = 0;
        try (Utf8LineReader reader = Utf8LineReader.open(file)) {
            String text;
            while (true) {
                try {
                    text = reader.readLine();
                } catch (CharacterCodingException e) {
                    throw new MalformedDataException(
                            file,
                            line + 1,
                            "expected UTF-8 text, but found bytes that are not UTF-8"
                                    + " (a binary file?)",
                            e);
                }
                if (text == null) {
                    break;
                }
                line++;
                if (text.indexOf('\0') >= 0) {
                    throw new MalformedDataException(
                            file,
                            line,
                            "expected UTF-8 text, but found a NUL byte (a binary file?)");
                }
                if (text.isBlank()) {
                    flush(document, documents);
                } else {
                    if (!document.isEmpty()) {
                        document.append('\n');
                    }
                    document.append(text);
                }
            }
        }
        flush(document, documents);
    }

    private static void flush(StringBuilder document, List<String> documents) {
        if (!document.isEmpty()) {
            documents.add(document.toString());
            document.setLength(0);
        }
    }

    private static void readDelimited(
            Path file, DataFormat format, boolean skipBadRows, List<String> documents)
            throws IOException {
        try (DelimitedRows rows = DelimitedRows.open(file, format)) {
            List<String> refs = format.columns(DataFormat.TEXT);
            if (refs.isEmpty()) {
                refs = List.of(DataFormat.TEXT);
            }
            List<Integer> columns = new ArrayList<>();
            for (String ref : refs) {
                columns.add(DataFormat.resolve(ref, rows.header(), DataFormat.TEXT, file));
            }
            while (true) {
                boolean more;
                try {
                    more = rows.hasNext();
                } catch (MalformedDataException e) {
                    if (skipBadRows && !(e instanceof DelimitedRows.Fatal)) {
                        continue;
                    }
                    throw e;
                }
                if (!more) {
                    break;
                }
                DelimitedRows.Row row = rows.next();
                StringBuilder text = new StringBuilder();
                for (int c : columns) {
                    if (c >= row.fields().size()) {
                        if (skipBadRows) {
                            text.setLength(0);
                            break;
                        }
                        throw new MalformedDataException(
                                file,
                                row.line(),
                                "expected a text column "
                                        + (c + 1)
                                        + ", but the row has "
                                        + row.fields().size()
                                        + " fields");
                    }
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(DataFormat.clean(row.fields().get(c)));
                }
                if (!text.toString().isBlank()) {
                    documents.add(text.toString());
                }
            }
        }
    }
}
