package org.rnnkit.text;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rnnkit.data.Arguments;

/**
 * An immutable mapping between tokens and integer ids.
 *
 * <p>Ids 0-3 are reserved: {@link #PAD} (padding, never produced by {@link #encode}), {@link #UNK}
 * (any token not in the vocabulary), {@link #BOS} and {@link #EOS} (sequence start and end markers
 * for generative models). The remaining ids are assigned by descending count, ties broken by the
 * token's lexical order, so the same corpus always yields the same ids.
 *
 * <p>Build one with {@link #builder()}: count tokens, then {@link Builder#build(int, int)}.
 */
public final class Vocabulary {

    /** Id of the padding token. */
    public static final int PAD = 0;

    /** Id of the unknown-token placeholder. */
    public static final int UNK = 1;

    /** Id of the begin-of-sequence marker. */
    public static final int BOS = 2;

    /** Id of the end-of-sequence marker. */
    public static final int EOS = 3;

    /** The reserved tokens, in id order. */
    public static final List<String> RESERVED = List.of("<pad>", "<unk>", "<bos>", "<eos>");

    private static final String FORMAT = "rnnkit-vocabulary";
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private final List<String> tokens;
    private final long[] counts;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens, long[] counts) {
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        Map<String, Integer> map = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (map.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "duplicate token in vocabulary: '" + tokens.get(i) + "'");
            }
        }
        this.ids = map;
    }

    /**
     * Starts counting tokens for a new vocabulary.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of ids, reserved ones included.
     *
     * @return the vocabulary size; the embedding table needs this many rows
     */
    public int size() {
        return tokens.size();
    }

    /**
     * Returns the id of a token.
     *
     * @param token a token as produced by the tokenizer
     * @return its id, or {@link #UNK} when the token is not in the vocabulary
     */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    /**
     * Tells whether a token has its own id.
     *
     * @param token a token
     * @return {@code true} when {@link #id(String)} would not return {@link #UNK} for it
     */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * Returns the token of an id.
     *
     * @param id an id in {@code [0, size())}
     * @return the token, or the reserved name such as {@code <unk>}
     * @throws IllegalArgumentException when the id is out of range
     */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException(
                    "id must be in [0, " + tokens.size() + "), received: id=" + id);
        }
        return tokens.get(id);
    }

    /**
     * Returns how often a token was counted when the vocabulary was built.
     *
     * @param id an id in {@code [0, size())}
     * @return the training count; 0 for reserved ids
     * @throws IllegalArgumentException when the id is out of range
     */
    public long count(int id) {
        token(id);
        return counts[id];
    }

    /**
     * Returns this vocabulary with extra tokens appended after its last id, each with count 0 (for
     * example the words of a pretrained embedding file that never occurred in training). Existing
     * ids are unchanged; extra tokens already present, reserved or repeated are skipped, the others
     * keep their order.
     *
     * @param extra the tokens to add
     * @return the extended vocabulary ({@code this} when nothing is added)
     * @throws NullPointerException when {@code extra} or one of its tokens is null
     */
    public Vocabulary withExtraTokens(Collection<String> extra) {
        Objects.requireNonNull(extra, "extra");
        List<String> all = new ArrayList<>(tokens);
        Set<String> seen = new HashSet<>(ids.keySet());
        for (String t : extra) {
            if (seen.add(Objects.requireNonNull(t, "token"))) {
                all.add(t);
            }
        }
        if (all.size() == tokens.size()) {
            return this;
        }
        return new Vocabulary(all, Arrays.copyOf(counts, all.size()));
    }

    /**
     * Maps tokens to ids; unknown tokens become {@link #UNK}.
     *
     * @param tokens the tokens of one sequence
     * @return their ids, same length
     */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    /**
     * Maps ids back to tokens.
     *
     * @param ids ids in {@code [0, size())}
     * @return the tokens, same length
     * @throws IllegalArgumentException when an id is out of range
     */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(token(id));
        }
        return out;
    }

    /**
     * Returns all tokens in id order, reserved ones first.
     *
     * @return an unmodifiable list
     */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Writes the vocabulary as JSON. The stream is not closed.
     *
     * @param out the destination
     * @throws IOException when writing fails
     */
    public void write(OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        ArrayNode tokenArray = root.putArray("tokens");
        tokens.forEach(tokenArray::add);
        ArrayNode countArray = root.putArray("counts");
        for (long c : counts) {
            countArray.add(c);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    /**
     * Reads a vocabulary written by {@link #write(OutputStream)}. The stream is not closed.
     *
     * @param in the source
     * @return the vocabulary
     * @throws IOException when reading fails or the content is not a vocabulary of a supported
     *     version
     */
    public static Vocabulary read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(
                    "not an rnnkit vocabulary (expected \"format\": \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(
                    "unsupported vocabulary version "
                            + version
                            + "; this rnnkit reads versions 1 to "
                            + FORMAT_VERSION);
        }
        JsonNode tokenArray = root.path("tokens");
        JsonNode countArray = root.path("counts");
        if (!tokenArray.isArray()
                || !countArray.isArray()
                || tokenArray.size() != countArray.size()
                || tokenArray.size() < RESERVED.size()) {
            throw new IOException(
                    "corrupt vocabulary: \"tokens\" and \"counts\" must be arrays of equal"
                            + " length >= "
                            + RESERVED.size());
        }
        List<String> tokens = new ArrayList<>(tokenArray.size());
        long[] counts = new long[tokenArray.size()];
        for (int i = 0; i < tokenArray.size(); i++) {
            tokens.add(tokenArray.get(i).asText());
            counts[i] = countArray.get(i).asLong();
        }
        if (!tokens.subList(0, RESERVED.size()).equals(RESERVED)) {
            throw new IOException("corrupt vocabulary: the first ids must be " + RESERVED);
        }
        try {
            return new Vocabulary(tokens, counts);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt vocabulary: " + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary other
                && tokens.equals(other.tokens)
                && Arrays.equals(counts, other.counts);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Vocabulary(size=" + size() + ")";
    }

    /** Counts tokens; mutable and not thread-safe. */
    public static final class Builder {
        private final Map<String, Long> counts = new HashMap<>();

        private Builder() {}

        /**
         * Counts every token of one sequence.
         *
         * @param tokens the tokens
         * @return this builder
         */
        public Builder add(List<String> tokens) {
            for (String t : tokens) {
                counts.merge(Objects.requireNonNull(t, "token"), 1L, Long::sum);
            }
            return this;
        }

        /**
         * Freezes the counts into a vocabulary.
         *
         * @param minCount tokens seen fewer times than this are left out (they encode to UNK); at
         *     least 1
         * @param maxSize the largest vocabulary size, reserved ids included; at least 4
         * @return the vocabulary, ids ordered by count descending, then token
         * @throws IllegalArgumentException when {@code minCount < 1} or {@code maxSize < 4}
         */
        public Vocabulary build(int minCount, int maxSize) {
            Arguments.atLeast("minCount", minCount, 1);
            if (maxSize < RESERVED.size()) {
                throw new IllegalArgumentException(
                        "maxSize must be >= " + RESERVED.size() + ", received: maxSize=" + maxSize);
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>();
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (e.getValue() >= minCount && !RESERVED.contains(e.getKey())) {
                    entries.add(e);
                }
            }
            entries.sort(
                    Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()));
            int keep = Math.min(entries.size(), maxSize - RESERVED.size());
            List<String> tokens = new ArrayList<>(RESERVED);
            long[] c = new long[RESERVED.size() + keep];
            for (int i = 0; i < keep; i++) {
                tokens.add(entries.get(i).getKey());
                c[RESERVED.size() + i] = entries.get(i).getValue();
            }
            return new Vocabulary(tokens, c);
        }
    }
}
