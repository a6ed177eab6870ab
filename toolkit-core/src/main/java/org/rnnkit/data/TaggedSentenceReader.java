package org.rnnkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.datavec.api.records.Record;
import org.datavec.api.records.SequenceRecord;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;

/**
 * A DataVec sequence record reader for tagged sentences. Each sequence is one sentence; each of its
 * steps is {@code [word, tag]} as two {@link Text} writables; the metadata carries the file and the
 * sentence's first line.
 *
 * <p>Formats, chosen by the file name ({@code .conllu}, optionally {@code .gz}) or else by the
 * first non-blank line (ten tab-separated columns mean CoNLL-U):
 *
 * <ul>
 *   <li><b>CoNLL-U</b> (Universal Dependencies): one token per line in ten tab-separated columns,
 *       word form in column 2, UPOS in column 4, XPOS in column 5 (see {@link Tagset}); sentences
 *       end at a blank line; comment lines ({@code #}), multiword-token lines ({@code 3-4}) and
 *       empty nodes ({@code 5.1}) are skipped; token ids must count 1, 2, 3, ... The {@link
 *       DataFormat#TOKEN} and {@link DataFormat#TAG} columns of the format, when given, replace the
 *       word and tag columns, by 1-based index or by CoNLL-U field name ({@code form}, {@code
 *       lemma}, {@code upos}, {@code xpos}, {@code deprel}, ...).
 *   <li><b>CoNLL-like columns</b>, when the format gives a {@link DataFormat#TOKEN} or {@link
 *       DataFormat#TAG} column and the file is not CoNLL-U (CoNLL-2000/2003, other tagger exports):
 *       one token per line, sentences separated by blank lines, the token in the token column
 *       (default 1) and the tag in the tag column (default 2), by 1-based index. Fields are split
 *       by the format's delimiter, else by tab ({@code .tsv}, or a tab in the first line), comma
 *       ({@code .csv}, RFC 4180 quoting within a line) or runs of spaces; {@code space} also splits
 *       at runs of spaces. There is no header line unless a column is given by name (and {@link
 *       DataFormat#header()} is true): then the first non-blank line names the columns. {@code
 *       -DOCSTART-} lines (CoNLL-2003) are skipped.
 *   <li><b>word/TAG</b>: one sentence per line, tokens separated by white space, each {@code
 *       word/TAG} split at its last slash ({@code 1/2/CD} is word {@code 1/2}, tag {@code CD}).
 * </ul>
 *
 * Files are strict UTF-8; anything malformed throws {@link MalformedDataException} naming the file,
 * the line and what was expected.
 */
public final class TaggedSentenceReader extends FileRecordReader implements SequenceRecordReader {

    private static final long serialVersionUID = 1L;

    /** The CoNLL-U field names, which name its columns in {@code --token-column} and so on. */
    private static final List<String> CONLLU_FIELDS =
            List.of(
                    "ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS",
                    "MISC");

    private final Tagset tagset;

    /** The token and tag columns and the delimiter of CoNLL-like files. */
    private final DataFormat format;

    private transient Utf8LineReader lines;
    private transient boolean conllu;
    private transient boolean table;
    private transient int wordColumn;
    private transient int tagColumn;
    private transient String wordName;
    private transient String tagName;
    private transient char delimiter;
    private transient long lineNumber;
    private transient TaggedSentence pending;
    private transient boolean exhausted;

    /**
     * Creates a reader.
     *
     * @param tagset the CoNLL-U column to read as the tag (ignored for word/TAG files)
     */
    public TaggedSentenceReader(Tagset tagset) {
        this(tagset, DataFormat.DEFAULT);
    }

    /**
     * Creates a reader for files of a given shape.
     *
     * @param tagset the CoNLL-U column to read as the tag when the format names no tag column
     * @param format the {@link DataFormat#TOKEN} and {@link DataFormat#TAG} columns, the delimiter
     *     and header of CoNLL-like files; {@link DataFormat#DEFAULT} reads CoNLL-U and word/TAG
     * @throws IllegalArgumentException when the token or tag column is given more than once
     */
    public TaggedSentenceReader(Tagset tagset, DataFormat format) {
        this.tagset = tagset;
        this.format = java.util.Objects.requireNonNull(format, "format");
        format.requireOneColumn(DataFormat.TOKEN, DataFormat.TAG);
    }

    /**
     * Reads a whole file.
     *
     * @param file a CoNLL-U or word/TAG file
     * @param tagset the CoNLL-U column to read as the tag
     * @return the sentences in file order
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException when a line is malformed
     */
    public static List<TaggedSentence> readAll(Path file, Tagset tagset) throws IOException {
        return readAll(file, tagset, DataFormat.DEFAULT);
    }

    /**
     * Reads a whole file of a given shape.
     *
     * @param file a CoNLL-U, CoNLL-like or word/TAG file
     * @param tagset the CoNLL-U column to read as the tag when the format names no tag column
     * @param format the token and tag columns, delimiter and header (see the class comment)
     * @return the sentences in file order
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException when a line is malformed or a column is not in the file
     */
    public static List<TaggedSentence> readAll(Path file, Tagset tagset, DataFormat format)
            throws IOException {
        List<TaggedSentence> out = new ArrayList<>();
        try (TaggedSentenceReader r = new TaggedSentenceReader(tagset, format)) {
            r.initialize(file);
            while (r.hasNext()) {
                out.add(r.nextSentence());
            }
        }
        if (out.isEmpty()) {
            throw new MalformedDataException(file, 0, "expected tagged sentences, found none");
        }
        return out;
    }

    @Override
    public void initialize(InputSplit split) throws IOException {
        URI[] locations = split.locations();
        if (locations.length != 1) {
            throw new IllegalArgumentException(
                    "TaggedSentenceReader reads one file, got " + locations.length + " locations");
        }
        initialize(Paths.get(locations[0]));
    }

    @Override
    void initialize(Path file) throws IOException {
        close();
        path = file;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gz = name.endsWith(".gz");
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (gz) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (ZipException | EOFException e) {
                in.close();
                throw new MalformedDataException(
                        file, 0, "expected a gzip file (name ends in .gz): " + e.getMessage(), e);
            }
        }
        lines = new Utf8LineReader(in);
        String base = gz ? name.substring(0, name.length() - 3) : name;
        pushedBack = null;
        lineNumber = 0;
        pending = null;
        exhausted = false;
        boolean columns =
                !format.columns(DataFormat.TOKEN).isEmpty()
                        || !format.columns(DataFormat.TAG).isEmpty();
        String first = firstLine();
        if (columns) {
            // CoNLL-2003 files are often named .conll, so only .conllu decides by name here
            conllu =
                    base.endsWith(".conllu")
                            || first != null
                                    && (first.startsWith("# ")
                                            || first.split("\t", -1).length == 10);
        } else {
            conllu =
                    base.endsWith(".conllu")
                            || base.endsWith(".conll")
                            || first != null
                                    && (first.startsWith("#")
                                            || first.split("\t", -1).length == 10);
        }
        table = columns && !conllu;
        try {
            if (conllu) {
                wordColumn = column(DataFormat.TOKEN, CONLLU_FIELDS, null, 1);
                tagColumn = column(DataFormat.TAG, CONLLU_FIELDS, null, tagset.column());
                wordName = "column " + (wordColumn + 1);
                tagName = "column " + (tagColumn + 1);
            } else if (table) {
                openTable(base, first);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads up to the first non-blank line, which stays buffered, and returns it. */
    private String firstLine() throws IOException {
        String line;
        while ((line = readLine()) != null && line.isBlank()) {
            // skip
        }
        if (line == null) {
            exhausted = true;
            return null;
        }
        pushedBack = line;
        return line;
    }

    /**
     * Resolves a role's column.
     *
     * @param header the names the column may be given by, or null (indices only)
     * @param fallback the reference when the role is not given, or null for {@code otherwise}
     * @param otherwise the 0-based column when neither is given
     */
    private int column(String role, List<String> header, String fallback, int otherwise) {
        List<String> refs = format.columns(role);
        String ref = refs.isEmpty() ? fallback : refs.get(0);
        return ref == null ? otherwise : DataFormat.resolve(ref, header, role, path);
    }

    /** Sets up a CoNLL-like file: delimiter, optional header line, token and tag columns. */
    private void openTable(String base, String first) throws IOException {
        if (format.delimiter() != null) {
            delimiter = DataFormat.delimiterChar(format.delimiter());
        } else if (base.endsWith(".tsv") || first != null && first.indexOf('\t') >= 0) {
            delimiter = '\t';
        } else if (base.endsWith(".csv")) {
            delimiter = ',';
        } else {
            delimiter = ' ';
        }
        boolean named =
                format.header()
                        && (isName(format.columns(DataFormat.TOKEN))
                                || isName(format.columns(DataFormat.TAG)));
        List<String> header = null;
        if (named && first != null) {
            pushedBack = null;
            header = split(first).stream().map(DataFormat::clean).toList();
        }
        wordColumn = column(DataFormat.TOKEN, header, "1", 0);
        tagColumn = column(DataFormat.TAG, header, "2", 0);
        if (wordColumn == tagColumn) {
            throw new MalformedDataException(
                    path,
                    0,
                    "the token and the tag are both in column "
                            + (wordColumn + 1)
                            + "; give the other with --token-column or --tag-column");
        }
        wordName =
                "column "
                        + (wordColumn + 1)
                        + (header == null ? "" : " (" + header.get(wordColumn) + ")");
        tagName =
                "column "
                        + (tagColumn + 1)
                        + (header == null ? "" : " (" + header.get(tagColumn) + ")");
    }

    private static boolean isName(List<String> refs) {
        return !refs.isEmpty() && !refs.get(0).trim().matches("\\d{1,6}");
    }

    private List<String> split(String line) {
        return switch (delimiter) {
            case '\t' -> List.of(line.split("\t", -1));
            case ' ' -> List.of(line.strip().split("\\s+"));
            default -> CsvLine.split(line, delimiter);
        };
    }

    private transient String pushedBack;

    private String readLine() throws IOException {
        if (pushedBack != null) {
            String l = pushedBack;
            pushedBack = null;
            return l;
        }
        try {
            String l = lines.readLine();
            if (l != null) {
                lineNumber++;
                if (lineNumber == 1 && l.startsWith("\ufeff")) {
                    l = l.substring(1);
                }
            }
            return l;
        } catch (CharacterCodingException e) {
            lineNumber++;
            throw new MalformedDataException(path, lineNumber, "expected UTF-8 text", e);
        }
    }

    /**
     * Reads the next sentence.
     *
     * @return the sentence
     * @throws NoSuchElementException at the end
     */
    public TaggedSentence nextSentence() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more sentences in " + path);
        }
        TaggedSentence s = pending;
        pending = null;
        return s;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (exhausted || lines == null) {
            return false;
        }
        try {
            pending = conllu ? readConllu() : table ? readTable() : readWordTag();
        } catch (IOException e) {
            throw new MalformedDataException(
                    path, lineNumber, "could not read: " + e.getMessage(), e);
        }
        if (pending == null) {
            exhausted = true;
        }
        return pending != null;
    }

    private TaggedSentence readConllu() throws IOException {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long start = 0;
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) {
                if (!words.isEmpty()) {
                    return new TaggedSentence(words, tags, start);
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 10) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected a CoNLL-U token line with 10 tab-separated columns, found "
                                + cols.length);
            }
            String id = cols[0];
            if (id.contains("-") || id.contains(".")) {
                continue; // multiword token or empty node
            }
            int expected = words.size() + 1;
            if (!id.equals(Integer.toString(expected))) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected token id " + expected + " in column 1, found '" + id + "'");
            }
            String word = cols[wordColumn];
            String tag = cols[tagColumn];
            if (word.isEmpty()) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected a word form in " + wordName + ", found nothing");
            }
            if (tag.isEmpty() || tag.equals("_")) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected a "
                                + (format.columns(DataFormat.TAG).isEmpty() ? tagset + " " : "")
                                + "tag in "
                                + tagName
                                + ", found '"
                                + tag
                                + "'");
            }
            if (words.isEmpty()) {
                start = lineNumber;
            }
            words.add(word);
            tags.add(tag);
        }
        return words.isEmpty() ? null : new TaggedSentence(words, tags, start);
    }

    private TaggedSentence readTable() throws IOException {
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long start = 0;
        int needed = Math.max(wordColumn, tagColumn) + 1;
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) {
                if (!words.isEmpty()) {
                    return new TaggedSentence(words, tags, start);
                }
                continue;
            }
            List<String> cols = split(line);
            if (cols.get(0).strip().equals("-DOCSTART-")) {
                continue;
            }
            if (cols.size() < needed) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected a token line with at least "
                                + needed
                                + " columns separated by "
                                + (delimiter == '\t'
                                        ? "tabs"
                                        : delimiter == ' ' ? "spaces" : "'" + delimiter + "'")
                                + " (token in "
                                + wordName
                                + ", tag in "
                                + tagName
                                + "), found "
                                + cols.size());
            }
            String word = cols.get(wordColumn).strip();
            String tag = cols.get(tagColumn).strip();
            if (word.isEmpty()) {
                throw new MalformedDataException(
                        path, lineNumber, "expected a token in " + wordName + ", found nothing");
            }
            if (tag.isEmpty()) {
                throw new MalformedDataException(
                        path, lineNumber, "expected a tag in " + tagName + ", found nothing");
            }
            if (words.isEmpty()) {
                start = lineNumber;
            }
            words.add(word);
            tags.add(tag);
        }
        return words.isEmpty() ? null : new TaggedSentence(words, tags, start);
    }

    private TaggedSentence readWordTag() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> words = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (String token : line.trim().split("\\s+")) {
                int slash = token.lastIndexOf('/');
                if (slash <= 0 || slash == token.length() - 1) {
                    throw new MalformedDataException(
                            path, lineNumber, "expected word/TAG tokens, found '" + token + "'");
                }
                words.add(token.substring(0, slash));
                tags.add(token.substring(slash + 1));
            }
            return new TaggedSentence(words, tags, lineNumber);
        }
        return null;
    }

    private static List<List<Writable>> steps(TaggedSentence s) {
        List<List<Writable>> steps = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            steps.add(List.of(new Text(s.words().get(i)), new Text(s.tags().get(i))));
        }
        return steps;
    }

    @Override
    public List<List<Writable>> sequenceRecord() {
        return steps(nextSentence());
    }

    @Override
    public SequenceRecord nextSequence() {
        TaggedSentence s = nextSentence();
        RecordMetaData meta =
                new RecordMetaDataLine((int) s.line(), path.toUri(), TaggedSentenceReader.class);
        return new org.datavec.api.records.impl.SequenceRecord(steps(s), meta);
    }

    @Override
    public List<List<Writable>> sequenceRecord(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("TaggedSentenceReader reads files: use initialize");
    }

    @Override
    public SequenceRecord loadSequenceFromMetaData(RecordMetaData recordMetaData) {
        throw new UnsupportedOperationException("loading single sentences by metadata");
    }

    @Override
    public List<SequenceRecord> loadSequenceFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw new UnsupportedOperationException("loading single sentences by metadata");
    }

    @Override
    public List<Writable> next() {
        throw new UnsupportedOperationException("a sequence reader: use sequenceRecord()");
    }

    @Override
    public List<List<Writable>> next(int num) {
        throw new UnsupportedOperationException("a sequence reader: use sequenceRecord()");
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public void reset() {
        try {
            initialize(path);
        } catch (IOException e) {
            throw new MalformedDataException(path, 0, "could not reopen: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("a sequence reader: use sequenceRecord()");
    }

    @Override
    public Record nextRecord() {
        throw new UnsupportedOperationException("a sequence reader: use nextSequence()");
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }
}
