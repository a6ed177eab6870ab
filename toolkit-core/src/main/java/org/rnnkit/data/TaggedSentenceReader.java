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
 *       empty nodes ({@code 5.1}) are skipped; token ids must count 1, 2, 3, ...
 *   <li><b>word/TAG</b>: one sentence per line, tokens separated by white space, each {@code
 *       word/TAG} split at its last slash ({@code 1/2/CD} is word {@code 1/2}, tag {@code CD}).
 * </ul>
 *
 * Files are strict UTF-8; anything malformed throws {@link MalformedDataException} naming the file,
 * the line and what was expected.
 */
public final class TaggedSentenceReader extends FileRecordReader implements SequenceRecordReader {

    private static final long serialVersionUID = 1L;

    private final Tagset tagset;
    private transient Utf8LineReader lines;
    private transient boolean conllu;
    private transient long lineNumber;
    private transient TaggedSentence pending;
    private transient boolean exhausted;

    /**
     * Creates a reader.
     *
     * @param tagset the CoNLL-U column to read as the tag (ignored for word/TAG files)
     */
    public TaggedSentenceReader(Tagset tagset) {
        this.tagset = tagset;
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
        List<TaggedSentence> out = new ArrayList<>();
        try (TaggedSentenceReader r = new TaggedSentenceReader(tagset)) {
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
        conllu = base.endsWith(".conllu") || base.endsWith(".conll") || sniff();
    }

    /** Decides the format from the first non-blank line, which stays buffered. */
    private boolean sniff() throws IOException {
        String line;
        while ((line = readLine()) != null && line.isBlank()) {
            // skip
        }
        if (line == null) {
            exhausted = true;
            return false;
        }
        boolean isConllu = line.startsWith("#") || line.split("\t", -1).length == 10;
        pushedBack = line;
        return isConllu;
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
            pending = conllu ? readConllu() : readWordTag();
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
            String word = cols[1];
            String tag = cols[tagset.column()];
            if (word.isEmpty()) {
                throw new MalformedDataException(
                        path, lineNumber, "expected a word form in column 2, found nothing");
            }
            if (tag.isEmpty() || tag.equals("_")) {
                throw new MalformedDataException(
                        path,
                        lineNumber,
                        "expected a "
                                + tagset
                                + " tag in column "
                                + (tagset.column() + 1)
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
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw new UnsupportedOperationException("a sequence reader: use nextSequence()");
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
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
