package org.rnnkit.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where a model came from: enough to reproduce or audit it.
 *
 * @param task the recipe name, for example {@code sentiment}
 * @param seed the training seed
 * @param dataSource the training data path, or a description of generated data
 * @param dataSha256 the SHA-256 of the training data (file bytes, or the sorted file tree of a
 *     directory)
 * @param trainExamples examples trained on
 * @param devExamples examples used for model selection
 * @param rnnkitVersion rnnkit's version
 * @param dl4jVersion Deeplearning4j's version
 * @param javaVersion the JVM version
 * @param os the operating system and architecture
 * @param createdAt the ISO-8601 instant the model was saved
 */
public record Provenance(
        String task,
        long seed,
        String dataSource,
        String dataSha256,
        int trainExamples,
        int devExamples,
        String rnnkitVersion,
        String dl4jVersion,
        String javaVersion,
        String os,
        String createdAt) {

    /**
     * Validates the required fields.
     *
     * @param task see {@link #task()}
     * @param seed see {@link #seed()}
     * @param dataSource see {@link #dataSource()}
     * @param dataSha256 see {@link #dataSha256()}
     * @param trainExamples see {@link #trainExamples()}
     * @param devExamples see {@link #devExamples()}
     * @param rnnkitVersion see {@link #rnnkitVersion()}
     * @param dl4jVersion see {@link #dl4jVersion()}
     * @param javaVersion see {@link #javaVersion()}
     * @param os see {@link #os()}
     * @param createdAt see {@link #createdAt()}
     * @throws NullPointerException when the task or data source is missing
     */
    public Provenance {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Describes a training run happening now, filling in versions, platform and time.
     *
     * @param task the recipe name
     * @param seed the training seed
     * @param dataSource the data path or description
     * @param dataSha256 the data hash
     * @param trainExamples examples trained on
     * @param devExamples examples used for model selection
     * @return the provenance
     */
    public static Provenance now(
            String task,
            long seed,
            String dataSource,
            String dataSha256,
            int trainExamples,
            int devExamples) {
        return new Provenance(
                task,
                seed,
                dataSource,
                dataSha256,
                trainExamples,
                devExamples,
                currentRnnkitVersion(),
                currentDl4jVersion(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now().toString());
    }

    /**
     * Returns rnnkit's version, from the jar's build properties.
     *
     * @return the version, or {@code unknown} when run from unpackaged classes without resources
     */
    public static String currentRnnkitVersion() {
        return readVersion("/org/rnnkit/version.properties", "version");
    }

    /**
     * Returns the version of Deeplearning4j on the class path.
     *
     * @return the version, or {@code unknown}
     */
    public static String currentDl4jVersion() {
        return readVersion(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties", "version");
    }

    private static String readVersion(String resource, String key) {
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Hashes a data file, or every regular file under a directory (relative paths sorted, each path
     * and its bytes fed to the digest), so renaming or editing any file changes the hash.
     *
     * @param path a file or directory
     * @return the lower-case hex SHA-256
     * @throws IOException when a file cannot be read
     */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            if (files.size() > 1 || Files.isDirectory(path)) {
                digest.update(path.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
