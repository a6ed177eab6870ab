package org.rnnkit.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image-captioning corpora in five layouts (a directory, a COCO JSON file, or a table):
 *
 * <ul>
 *   <li><b>captions.txt</b>: {@code captions.txt} with one caption per line, {@code
 *       image.jpg#k<TAB>caption} (the Flickr8k token format; {@code #k} is optional), images in
 *       {@code images/}, and an optional {@code splits.tsv} of {@code image<TAB>train|dev|test} (an
 *       optional header line {@code image<TAB>split} first).
 *   <li><b>Flickr8k</b> as distributed: {@code Flickr8k.token.txt} (same line format), {@code
 *       Flickr_8k.trainImages.txt}, {@code Flickr_8k.devImages.txt}, {@code
 *       Flickr_8k.testImages.txt} (one image name per line) and the images in {@code
 *       Flicker8k_Dataset/} (sic), {@code Flickr8k_Dataset/} or {@code images/}.
 *   <li><b>COCO</b> captions JSON ({@code {"images": [{"id", "file_name"}], "annotations":
 *       [{"image_id", "caption"}]}}), given as the file or as the only {@code .json} file of the
 *       directory; an image's optional {@code "split"} ({@code train}, {@code restval} -> train,
 *       {@code val}/{@code dev} -> dev, {@code test}) is kept. Images in {@code images/} beside the
 *       JSON, or else beside it. Optionally gzipped ({@code .json.gz}).
 *   <li><b>A CSV or TSV table</b> (any other file, optionally gzipped): one caption per row, the
 *       image file in the {@link DataFormat#IMAGE} column and the caption in the {@link
 *       DataFormat#CAPTION} column of the {@link DataFormat} (by header name or 1-based index;
 *       defaults: the header's {@code image}, {@code image_name}, {@code file_name}, {@code
 *       filename} or {@code path}, and its {@code caption}, {@code comment}, {@code text} or {@code
 *       sentence}). The format's delimiter, else the file name's ({@code .csv} comma, {@code .tsv}
 *       tab) or the first line's; RFC 4180 quoting (see {@link DelimitedRows}). Several rows of one
 *       image give it several captions.
 *   <li><b>JSON lines</b> ({@code .jsonl} or {@code .ndjson}, optionally gzipped): one object per
 *       line, the image file in the image field and the caption in the caption field (by field
 *       name; the same defaults, plus {@code captions}); a caption field may also hold a list of
 *       captions.
 * </ul>
 *
 * <p>The images of a table or JSON-lines file lie in {@code images/} beside it, or else beside it;
 * an image name may also be a path below that directory or an absolute path. Such files have no
 * splits: training draws a seeded dev share, evaluation uses every image.
 *
 * <p>Blank lines are skipped. A malformed line throws {@link MalformedDataException} naming the
 * file, the line and what was expected, unless {@code skipBadRows}, which counts and skips it. A
 * split file naming an image without captions is logged and ignored; images without a split get
 * none.
 */
public final class CaptionCorpusReader {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionCorpusReader.class);

    /** The caption file of the captions.txt layout. */
    public static final String CAPTIONS = "captions.txt";

    /** The split file of the captions.txt layout. */
    public static final String SPLITS = "splits.tsv";

    /** The caption file of the original Flickr8k layout. */
    public static final String FLICKR8K_TOKENS = "Flickr8k.token.txt";

    private static final Pattern CAPTION_NUMBER = Pattern.compile("^(.*)#(\\d+)$");

    /** The image column's names when none is given (case-insensitive). */
    private static final List<String> IMAGE_NAMES =
            List.of("image", "image_name", "file_name", "filename", "path");

    /** The caption column's names when none is given (case-insensitive). */
    private static final List<String> CAPTION_NAMES =
            List.of("caption", "comment", "text", "sentence", "captions");

    private static final Set<String> SPLIT_NAMES = Set.of("train", "dev", "test");

    private CaptionCorpusReader() {}

    /**
     * Reads a corpus, detecting its layout.
     *
     * @param path a directory in one of the layouts, or a COCO JSON file
     * @param skipBadRows count and skip malformed rows instead of failing
     * @return the corpus
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException for a malformed line (without {@code skipBadRows})
     * @throws IllegalArgumentException when the path is in none of the layouts
     */
    public static CaptionCorpus read(Path path, boolean skipBadRows) throws IOException {
        return read(path, skipBadRows, DataFormat.DEFAULT);
    }

    /**
     * Reads a corpus, detecting its layout; a table or JSON-lines file is read in a given shape.
     *
     * @param path a directory in one of the layouts, a COCO JSON file, a CSV/TSV table or a
     *     JSON-lines file
     * @param skipBadRows count and skip malformed rows instead of failing
     * @param format the delimiter, header and {@link DataFormat#IMAGE}/{@link DataFormat#CAPTION}
     *     columns of a table or JSON-lines file (the other layouts ignore it)
     * @return the corpus
     * @throws IOException when a file cannot be read
     * @throws MalformedDataException for a malformed line (without {@code skipBadRows}), or a
     *     column that is not in the table
     * @throws IllegalArgumentException when the path is in none of the layouts, or a column is
     *     given more than once
     */
    public static CaptionCorpus read(Path path, boolean skipBadRows, DataFormat format)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        format.requireOneColumn(DataFormat.IMAGE, DataFormat.CAPTION);
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".gz")) {
                name = name.substring(0, name.length() - 3);
            }
            if (name.endsWith(".json")) {
                return readCoco(path, skipBadRows);
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return readJsonLines(path, skipBadRows, format);
            }
            return readTable(path, skipBadRows, format);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(
                    "data must be a directory (captions.txt, Flickr8k or COCO layout), a COCO"
                            + " .json file, a CSV/TSV table or a .jsonl file, received: "
                            + path
                            + (Files.exists(path) ? "" : " (does not exist)"));
        }
        if (Files.isRegularFile(path.resolve(CAPTIONS))) {
            return readCaptionsTxt(path, skipBadRows);
        }
        if (Files.isRegularFile(path.resolve(FLICKR8K_TOKENS))) {
            return readFlickr8k(path, skipBadRows);
        }
        List<Path> json;
        try (var files = Files.list(path)) {
            json =
                    files.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .toList();
        }
        if (json.size() == 1) {
            return readCoco(json.get(0), skipBadRows);
        }
        throw new IllegalArgumentException(
                "no caption corpus in "
                        + path
                        + ": expected captions.txt (image.jpg#k<TAB>caption, with images/ and an"
                        + " optional splits.tsv), Flickr8k.token.txt, or one COCO captions .json"
                        + (json.size() > 1 ? " (found " + json.size() + " .json files)" : "")
                        + "; or give a CSV, TSV or .jsonl file of image and caption columns as"
                        + " the data");
    }

    private static CaptionCorpus readCaptionsTxt(Path dir, boolean skipBadRows) throws IOException {
        Counter skipped = new Counter();
        Map<String, List<String>> captions =
                readTokenFile(dir.resolve(CAPTIONS), skipBadRows, skipped);
        Map<String, String> splits = new LinkedHashMap<>();
        Path splitFile = dir.resolve(SPLITS);
        if (Files.isRegularFile(splitFile)) {
            readSplitsTsv(splitFile, skipBadRows, skipped, splits);
        }
        return build(dir, dir.resolve("images"), captions, splits, skipped.n, CAPTIONS);
    }

    private static CaptionCorpus readFlickr8k(Path dir, boolean skipBadRows) throws IOException {
        Counter skipped = new Counter();
        Map<String, List<String>> captions =
                readTokenFile(dir.resolve(FLICKR8K_TOKENS), skipBadRows, skipped);
        Map<String, String> splits = new LinkedHashMap<>();
        for (String[] f :
                new String[][] {
                    {"Flickr_8k.trainImages.txt", "train"},
                    {"Flickr_8k.devImages.txt", "dev"},
                    {"Flickr_8k.testImages.txt", "test"}
                }) {
            Path file = dir.resolve(f[0]);
            if (Files.isRegularFile(file)) {
                readImageList(file, f[1], splits);
            }
        }
        Path images = dir.resolve("images");
        for (String name : List.of("Flicker8k_Dataset", "Flickr8k_Dataset")) {
            if (Files.isDirectory(dir.resolve(name))) {
                images = dir.resolve(name);
            }
        }
        return build(dir, images, captions, splits, skipped.n, "flickr8k");
    }

    /** Reads {@code image#k<TAB>caption} lines into captions per image, in first-seen order. */
    private static Map<String, List<String>> readTokenFile(
            Path file, boolean skipBadRows, Counter skipped) throws IOException {
        Map<String, List<String>> captions = new LinkedHashMap<>();
        forEachLine(
                file,
                (line, n) -> {
                    String problem = null;
                    int tab = line.indexOf('\t');
                    String image = null;
                    String caption = null;
                    if (tab < 0) {
                        problem = "expected image.jpg#k<TAB>caption, found no tab";
                    } else {
                        image = line.substring(0, tab).strip();
                        caption = line.substring(tab + 1).strip();
                        Matcher m = CAPTION_NUMBER.matcher(image);
                        if (m.matches()) {
                            image = m.group(1);
                        } else if (image.contains("#")) {
                            problem =
                                    "expected image.jpg#k with a caption number k, found \""
                                            + image
                                            + "\"";
                        }
                        if (problem == null && image.isEmpty()) {
                            problem = "expected an image name before the tab, found none";
                        } else if (problem == null && caption.isEmpty()) {
                            problem = "expected a caption after the tab, found none";
                        }
                    }
                    if (problem != null) {
                        skipOrThrow(file, n, problem, skipBadRows, skipped);
                        return;
                    }
                    captions.computeIfAbsent(image, k -> new ArrayList<>()).add(caption);
                });
        if (captions.isEmpty()) {
            throw new MalformedDataException(file, 0, "no captions found");
        }
        return captions;
    }

    private static void readSplitsTsv(
            Path file, boolean skipBadRows, Counter skipped, Map<String, String> splits)
            throws IOException {
        forEachLine(
                file,
                (line, n) -> {
                    String[] cols = line.split("\t", -1);
                    String problem = null;
                    if (n == 1
                            && cols.length == 2
                            && cols[0].strip().equalsIgnoreCase("image")
                            && cols[1].strip().equalsIgnoreCase("split")) {
                        return; // an optional header line
                    }
                    if (cols.length != 2) {
                        problem =
                                "expected image<TAB>train|dev|test, found "
                                        + cols.length
                                        + " column(s)";
                    } else if (cols[0].isBlank()) {
                        problem = "expected an image name, found none";
                    } else if (!SPLIT_NAMES.contains(cols[1].strip())) {
                        problem = "expected split train, dev or test, found \"" + cols[1] + "\"";
                    } else {
                        problem = putSplit(splits, cols[0].strip(), cols[1].strip());
                    }
                    if (problem != null) {
                        skipOrThrow(file, n, problem, skipBadRows, skipped);
                    }
                });
    }

    private static void readImageList(Path file, String split, Map<String, String> splits)
            throws IOException {
        forEachLine(
                file,
                (line, n) -> {
                    String problem = putSplit(splits, line.strip(), split);
                    if (problem != null) {
                        throw new MalformedDataException(file, n, problem);
                    }
                });
    }

    private static CaptionCorpus readCoco(Path file, boolean skipBadRows) throws IOException {
        JsonNode root;
        boolean gz = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (java.io.InputStream raw = Files.newInputStream(file);
                java.io.InputStream in = gz ? new java.util.zip.GZIPInputStream(raw) : raw) {
            root = new ObjectMapper().readTree(in);
        } catch (java.util.zip.ZipException e) {
            throw new MalformedDataException(
                    file, 0, "expected a gzip file (name ends in .gz): " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedDataException(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    "expected COCO captions JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (root == null || !root.path("images").isArray() || !root.path("annotations").isArray()) {
            throw new MalformedDataException(
                    file,
                    0,
                    "expected a COCO captions object with \"images\" and \"annotations\" arrays"
                            + " (for one JSON object per line, name the file .jsonl)");
        }
        Counter skipped = new Counter();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<String, String> splits = new LinkedHashMap<>();
        int k = 0;
        for (JsonNode image : root.get("images")) {
            String where = "images[" + k++ + "]";
            if (!image.path("id").canConvertToLong() || !image.path("file_name").isTextual()) {
                skipOrThrow(
                        file,
                        where + ": expected \"id\" (number) and \"file_name\" (text)",
                        skipBadRows,
                        skipped);
                continue;
            }
            String name = image.get("file_name").asText();
            names.put(image.get("id").asLong(), name);
            String split = image.path("split").asText("");
            switch (split) {
                case "train", "restval" -> splits.put(name, "train");
                case "val", "dev" -> splits.put(name, "dev");
                case "test" -> splits.put(name, "test");
                default -> {}
            }
        }
        Map<String, List<String>> captions = new LinkedHashMap<>();
        for (String name : names.values()) {
            captions.put(name, new ArrayList<>());
        }
        k = 0;
        for (JsonNode a : root.get("annotations")) {
            String where = "annotations[" + k++ + "]";
            if (!a.path("image_id").canConvertToLong() || !a.path("caption").isTextual()) {
                skipOrThrow(
                        file,
                        where + ": expected \"image_id\" (number) and \"caption\" (text)",
                        skipBadRows,
                        skipped);
                continue;
            }
            String name = names.get(a.get("image_id").asLong());
            String caption = a.get("caption").asText().strip();
            if (name == null) {
                skipOrThrow(
                        file,
                        where
                                + ": image_id "
                                + a.get("image_id").asLong()
                                + " is not in \"images\"",
                        skipBadRows,
                        skipped);
            } else if (caption.isEmpty()) {
                skipOrThrow(file, where + ": empty caption", skipBadRows, skipped);
            } else {
                captions.get(name).add(caption);
            }
        }
        captions.values().removeIf(List::isEmpty);
        if (captions.isEmpty()) {
            throw new MalformedDataException(file, 0, "no captions found");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path images = Files.isDirectory(dir.resolve("images")) ? dir.resolve("images") : dir;
        return build(file, images, captions, splits, skipped.n, "coco");
    }

    /** Reads a CSV/TSV table of image and caption columns. */
    private static CaptionCorpus readTable(Path file, boolean skipBadRows, DataFormat format)
            throws IOException {
        Counter skipped = new Counter();
        Map<String, List<String>> captions = new LinkedHashMap<>();
        try (DelimitedRows rows = DelimitedRows.open(file, format)) {
            List<String> header = rows.header();
            int image = tableColumn(format, DataFormat.IMAGE, IMAGE_NAMES, header, file);
            int caption = tableColumn(format, DataFormat.CAPTION, CAPTION_NAMES, header, file);
            if (image == caption) {
                throw new DelimitedRows.Fatal(
                        file,
                        0,
                        "the image and the caption are both in column "
                                + (image + 1)
                                + "; give the other with --image-column or --caption-column",
                        null);
            }
            String imageName = columnName(header, image);
            String captionName = columnName(header, caption);
            int needed = Math.max(image, caption) + 1;
            while (true) {
                DelimitedRows.Row row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (DelimitedRows.Fatal e) {
                    throw e;
                } catch (MalformedDataException e) {
                    if (!skipBadRows) {
                        throw e;
                    }
                    skipped.n++;
                    LOG.debug("{} (skipped)", e.getMessage());
                    continue;
                }
                List<String> fields = row.fields();
                String problem = null;
                if (fields.size() < needed) {
                    problem =
                            "expected at least "
                                    + needed
                                    + " columns separated by '"
                                    + (rows.delimiter() == '\t' ? "\\t" : rows.delimiter())
                                    + "' (image in "
                                    + imageName
                                    + ", caption in "
                                    + captionName
                                    + "), found "
                                    + fields.size();
                } else if (fields.get(image).isBlank()) {
                    problem = "expected an image file in " + imageName + ", found nothing";
                } else if (fields.get(caption).isBlank()) {
                    problem = "expected a caption in " + captionName + ", found nothing";
                }
                if (problem != null) {
                    skipOrThrow(file, row.line(), problem, skipBadRows, skipped);
                    continue;
                }
                captions.computeIfAbsent(fields.get(image).strip(), k -> new ArrayList<>())
                        .add(fields.get(caption).strip());
            }
        }
        return buildFile(file, captions, skipped, "table");
    }

    /** The column of a role: the given one, or the first default name in the header. */
    private static int tableColumn(
            DataFormat format, String role, List<String> names, List<String> header, Path file) {
        List<String> refs = format.columns(role);
        if (!refs.isEmpty()) {
            return DataFormat.resolve(refs.get(0), header, role, file);
        }
        if (header == null) {
            throw new DelimitedRows.Fatal(
                    file,
                    0,
                    "a file without a header (--no-header) needs --image-column and"
                            + " --caption-column as 1-based indices",
                    null);
        }
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new DelimitedRows.Fatal(
                file,
                1,
                "expected a header with an image column named one of "
                        + IMAGE_NAMES
                        + " and a caption column named one of "
                        + CAPTION_NAMES
                        + ", found columns "
                        + header
                        + "; name yours with --image-column and --caption-column (names or"
                        + " 1-based indices)",
                null);
    }

    private static String columnName(List<String> header, int column) {
        return "column " + (column + 1) + (header == null ? "" : " (" + header.get(column) + ")");
    }

    /** Reads a JSON-lines file of image and caption fields. */
    private static CaptionCorpus readJsonLines(Path file, boolean skipBadRows, DataFormat format)
            throws IOException {
        Counter skipped = new Counter();
        Map<String, List<String>> captions = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        forEachLine(
                file,
                (line, n) -> {
                    String text = n == 1 && line.startsWith("\ufeff") ? line.substring(1) : line;
                    JsonNode object;
                    try {
                        object = json.readTree(text);
                    } catch (JsonProcessingException e) {
                        skipOrThrow(
                                file,
                                n,
                                "expected one JSON object per line: " + e.getOriginalMessage(),
                                skipBadRows,
                                skipped);
                        return;
                    }
                    if (object == null || !object.isObject()) {
                        skipOrThrow(
                                file,
                                n,
                                "expected one JSON object per line, found "
                                        + (object == null ? "nothing" : object.getNodeType()),
                                skipBadRows,
                                skipped);
                        return;
                    }
                    String problem = null;
                    String imageField = field(object, format, DataFormat.IMAGE, IMAGE_NAMES);
                    String captionField = field(object, format, DataFormat.CAPTION, CAPTION_NAMES);
                    if (imageField == null || captionField == null) {
                        problem =
                                missingField(
                                        object,
                                        format,
                                        imageField == null ? DataFormat.IMAGE : DataFormat.CAPTION,
                                        imageField == null ? IMAGE_NAMES : CAPTION_NAMES);
                    }
                    List<String> texts = new ArrayList<>();
                    String image = null;
                    if (problem == null) {
                        JsonNode i = object.get(imageField);
                        JsonNode c = object.get(captionField);
                        if (!i.isTextual() || i.asText().isBlank()) {
                            problem =
                                    "expected an image file name (text) in field \""
                                            + imageField
                                            + "\", found "
                                            + i;
                        } else {
                            image = i.asText().strip();
                            if (c.isTextual()) {
                                texts.add(c.asText());
                            } else if (c.isArray()) {
                                c.forEach(t -> texts.add(t.isTextual() ? t.asText() : null));
                            }
                            if (texts.isEmpty()
                                    || texts.stream().anyMatch(t -> t == null || t.isBlank())) {
                                problem =
                                        "expected a caption (text, or a list of texts) in field"
                                                + " \""
                                                + captionField
                                                + "\", found "
                                                + c;
                            }
                        }
                    }
                    if (problem != null) {
                        skipOrThrow(file, n, problem, skipBadRows, skipped);
                        return;
                    }
                    List<String> list = captions.computeIfAbsent(image, k -> new ArrayList<>());
                    texts.forEach(t -> list.add(t.strip()));
                });
        return buildFile(file, captions, skipped, "jsonl");
    }

    /**
     * Finds a role's field in an object: the given name (exact, else case-insensitive), or the
     * first default name present.
     *
     * @return the field's name as in the object, or null when it has none
     */
    private static String field(
            JsonNode object, DataFormat format, String role, List<String> defaults) {
        List<String> refs = format.columns(role);
        List<String> wanted = refs.isEmpty() ? defaults : List.of(refs.get(0).trim());
        for (String w : wanted) {
            if (object.has(w)) {
                return w;
            }
            for (var it = object.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (name.equalsIgnoreCase(w)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String missingField(
            JsonNode object, DataFormat format, String role, List<String> defaults) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        List<String> refs = format.columns(role);
        if (refs.isEmpty()) {
            return "expected a field named one of "
                    + defaults
                    + " for the "
                    + role
                    + ", found fields "
                    + names
                    + "; name yours with --"
                    + role
                    + "-column";
        }
        String ref = refs.get(0);
        return "--"
                + role
                + "-column "
                + ref
                + ": no such field; this object has "
                + names
                + (ref.trim().matches("\\d+")
                        ? " (JSON lines name their fields: give a name)"
                        : "");
    }

    /** A corpus of a single file (table or JSON lines): images beside it, no splits. */
    private static CaptionCorpus buildFile(
            Path file, Map<String, List<String>> captions, Counter skipped, String format) {
        if (captions.isEmpty()) {
            throw new MalformedDataException(file, 0, "no captions found");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path images = Files.isDirectory(dir.resolve("images")) ? dir.resolve("images") : dir;
        return build(file, images, captions, Map.of(), skipped.n, format);
    }

    /**
     * Calls {@code action} with every line of a file that is not blank and its line number.
     *
     * @param file a UTF-8 text file, optionally gzipped
     * @param action what to do with a line
     * @throws IOException when the file cannot be read
     * @throws MalformedDataException naming the line that is not valid UTF-8, or where a gzip
     *     stream ends early
     */
    private static void forEachLine(Path file, LineAction action) throws IOException {
        try (Utf8LineReader in = Utf8LineReader.open(file)) {
            long n = 0;
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new MalformedDataException(
                            file, n + 1, "expected UTF-8 text, found an invalid byte sequence", e);
                } catch (EOFException | ZipException e) {
                    throw new MalformedDataException(
                            file,
                            n + 1,
                            "the gzip stream ends early (truncated or corrupt file)",
                            e);
                }
                if (line == null) {
                    return;
                }
                n++;
                if (!line.isBlank()) {
                    action.accept(line, n);
                }
            }
        }
    }

    /** What {@link #forEachLine} does with one line. */
    @FunctionalInterface
    private interface LineAction {
        void accept(String line, long number);
    }

    private static void skipOrThrow(Path file, String problem, boolean skip, Counter skipped) {
        skipOrThrow(file, 0, problem, skip, skipped);
    }

    /** Throws for a malformed row, or counts it when rows may be skipped. */
    private static void skipOrThrow(
            Path file, long line, String problem, boolean skip, Counter skipped) {
        if (!skip) {
            throw new MalformedDataException(file, line, problem);
        }
        skipped.n++;
        LOG.debug("{}:{}: {} (skipped)", file, line, problem);
    }

    /**
     * Records an image's split.
     *
     * @return null, or the problem when the image already has another split
     */
    private static String putSplit(Map<String, String> splits, String image, String split) {
        String previous = splits.put(image, split);
        return previous != null && !previous.equals(split)
                ? "image " + image + " is in both " + previous + " and " + split
                : null;
    }

    private static CaptionCorpus build(
            Path source,
            Path images,
            Map<String, List<String>> captions,
            Map<String, String> splits,
            int skipped,
            String format) {
        List<CaptionedImage> out = new ArrayList<>(captions.size());
        for (Map.Entry<String, List<String>> e : captions.entrySet()) {
            out.add(new CaptionedImage(e.getKey(), e.getValue(), splits.get(e.getKey())));
        }
        long unknown = splits.keySet().stream().filter(i -> !captions.containsKey(i)).count();
        if (unknown > 0) {
            LOG.warn(
                    "{}: {} images of the split lists have no captions (ignored)", source, unknown);
        }
        if (!splits.isEmpty()) {
            long none = out.stream().filter(i -> i.split() == null).count();
            if (none > 0) {
                LOG.warn("{}: {} captioned images are in no split (not used)", source, none);
            }
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} malformed rows", source, skipped);
        }
        return new CaptionCorpus(source, images, out, skipped, format);
    }

    private static final class Counter {
        int n;
    }
}
