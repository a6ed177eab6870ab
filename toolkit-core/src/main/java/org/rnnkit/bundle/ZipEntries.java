package org.rnnkit.bundle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads every entry of a zip written by rnnkit (a bundle or a checkpoint) into memory, refusing
 * corrupt input with a {@link BundleFormatException} that names the file: a truncated or damaged
 * zip, an entry name that is not valid UTF-8, or entries that inflate to more than the file's size
 * allows (a zip bomb or a lying size would otherwise exhaust the heap).
 */
public final class ZipEntries {

    /** The most bytes the entries of one file may inflate to (2 GiB, a Java array's limit). */
    private static final long MAX_INFLATED_BYTES = Integer.MAX_VALUE - 8L;

    private ZipEntries() {}

    /**
     * Reads all entries.
     *
     * @param file the zip
     * @return the entries by name, in file order
     * @throws BundleFormatException when the zip is corrupt or inflates too far (its message names
     *     the file, and the entry where one is to blame)
     * @throws IOException when reading fails
     */
    public static Map<String, byte[]> read(Path file) throws IOException {
        // Real bundles and checkpoints inflate to a few times their size.
        long budget = Math.min(MAX_INFLATED_BYTES, 64 * Files.size(file) + (16L << 20));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readNBytes((int) Math.min(MAX_INFLATED_BYTES, budget + 1));
                budget -= bytes.length;
                if (budget < 0) {
                    throw new BundleFormatException(
                            file,
                            "entry "
                                    + e.getName()
                                    + " inflates to more than the file's size allows; the file is"
                                    + " corrupt or was not written by rnnkit",
                            null);
                }
                entries.put(e.getName(), bytes);
            }
        } catch (ZipException | EOFException | IllegalArgumentException e) {
            // IllegalArgumentException: ZipInputStream's answer to an entry name that is not UTF-8.
            throw new BundleFormatException(
                    file, "not a valid zip file (corrupt or truncated): " + e.getMessage(), e);
        }
        return entries;
    }
}
