package org.rnnkit.bundle;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that readers see either the old content or the complete new one, never a
 * half-written file: content goes to a temporary file in the same directory, is flushed to disk and
 * then renamed over the target. Temporary files left by a writer that was killed before its rename
 * are removed by the next write of the same target.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param out the stream to write to; closed by the caller
         * @throws IOException when writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes a file atomically; on failure the target is unchanged and the temporary file removed.
     *
     * @param target the file to create or replace
     * @param writer produces the content
     * @throws IOException when writing or renaming fails
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String prefix = "." + absolute.getFileName() + ".";
        removeStaleTemporaries(dir, prefix);
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out =
                        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                // A writer may close what it is given (a ZipOutputStream does); the channel stays
                // open until its content is on disk.
                writer.write(
                        new FilterOutputStream(out) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                out.write(b, off, len);
                            }

                            @Override
                            public void close() throws IOException {
                                out.flush();
                            }
                        });
                out.flush();
                channel.force(true);
            }
            copyPermissions(absolute, tmp);
            try {
                Files.move(
                        tmp,
                        absolute,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes what an earlier writer of the same target left behind when it was killed before its
     * rename ({@code .NAME.<random>.tmp}); the target itself always holds the last whole version.
     */
    private static void removeStaleTemporaries(Path dir, String prefix) throws IOException {
        DirectoryStream.Filter<Path> leftOver =
                p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith(prefix) && name.endsWith(".tmp");
                };
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, leftOver)) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Gives the temporary file the permissions a plainly created file would have: those of the file
     * it replaces, or {@code rw-r--r--} for a new one ({@code createTempFile} makes it owner-only).
     */
    private static void copyPermissions(Path target, Path tmp) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> permissions =
                Files.exists(target)
                        ? Files.getPosixFilePermissions(target)
                        : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to create or replace
     * @param content the bytes
     * @throws IOException when writing or renaming fails
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }
}
