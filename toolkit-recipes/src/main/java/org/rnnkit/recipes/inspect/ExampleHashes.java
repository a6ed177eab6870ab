package org.rnnkit.recipes.inspect;

import java.util.Arrays;

/**
 * 64-bit fingerprints of examples, 8 bytes each, for counting duplicates and the overlap of two
 * sets without holding their texts. Two different texts share a fingerprint with probability about
 * {@code n^2 / 2^65}: below one in ten million for a million examples.
 *
 * <p>Mutable, not thread-safe: add fingerprints, then ask; the first question sorts the array.
 */
public final class ExampleHashes {

    private long[] hashes = new long[1024];
    private int size;
    private boolean sorted = true;

    /** Creates an empty set. */
    public ExampleHashes() {}

    /**
     * Returns a 64-bit fingerprint of a text: FNV-1a over its UTF-16 code units, finished by the
     * SplitMix64 mixer.
     *
     * @param text the text
     * @return the fingerprint
     */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= text.length();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /**
     * Returns the fingerprint of several fields together (e.g. label and text), as of the fields
     * joined by a character that no field holds.
     *
     * @param fields the fields
     * @return the fingerprint
     */
    public static long hash(String... fields) {
        return hash(String.join("\u0000", fields));
    }

    /**
     * Counts one example.
     *
     * @param hash its fingerprint
     */
    public void add(long hash) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[size++] = hash;
        sorted = false;
    }

    /**
     * Returns the number of examples counted.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * Returns how many examples repeat an earlier one: the count minus the distinct count.
     *
     * @return the number of repeats
     */
    public int duplicates() {
        sort();
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                distinct++;
            }
        }
        return size - distinct;
    }

    /**
     * Returns how many of another set's examples also occur in this one.
     *
     * @param other the other set (e.g. the dev examples)
     * @return the number of the other's examples (repeats included) found here
     */
    public int overlap(ExampleHashes other) {
        sort();
        int found = 0;
        for (int i = 0; i < other.size; i++) {
            if (contains(other.hashes[i])) {
                found++;
            }
        }
        return found;
    }

    /**
     * Tells whether a fingerprint was counted.
     *
     * @param hash the fingerprint
     * @return {@code true} when it was
     */
    public boolean contains(long hash) {
        sort();
        return Arrays.binarySearch(hashes, 0, size, hash) >= 0;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(hashes, 0, size);
            sorted = true;
        }
    }
}
