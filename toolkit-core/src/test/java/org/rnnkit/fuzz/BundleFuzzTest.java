package org.rnnkit.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.bundle.Provenance;
import org.rnnkit.model.CellType;
import org.rnnkit.model.RnnSpec;
import org.rnnkit.model.SequenceClassifierBuilder;
import org.rnnkit.text.Vocabulary;

/**
 * Coverage-guided fuzzing of {@link ModelBundle#load}: whole files of random bytes, and a real
 * small bundle with one of its entries (or one entry of the network inside it: configuration,
 * coefficient arrays whose sizes then lie) replaced, truncated or bit-flipped. The allowed outcomes
 * are a loaded bundle or a {@link org.rnnkit.bundle.BundleFormatException} naming the file.
 */
class BundleFuzzTest {

    private static final Path DIR = FuzzFiles.directory("rnnkit-bundle-fuzz");
    private static final Map<String, byte[]> ENTRIES = validBundleEntries();
    private static final Map<String, byte[]> NETWORK_ENTRIES = unzip(ENTRIES.get("network.zip"));

    @FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
    void load(FuzzedDataProvider in) throws Exception {
        Path file = DIR.resolve("model.zip");
        Files.write(file, mutate(in));
        Outcomes.expectBundleFormat(file, () -> ModelBundle.load(file));
    }

    private static byte[] mutate(FuzzedDataProvider in) {
        int mode = in.consumeInt(0, 3);
        switch (mode) {
            case 0:
                return in.consumeRemainingAsBytes();
            case 1:
                {
                    Map<String, byte[]> outer = new LinkedHashMap<>(ENTRIES);
                    String name = pick(in, outer);
                    outer.put(name, change(in, outer.get(name)));
                    return zip(outer);
                }
            case 2:
                {
                    Map<String, byte[]> inner = new LinkedHashMap<>(NETWORK_ENTRIES);
                    String name = pick(in, inner);
                    inner.put(name, change(in, inner.get(name)));
                    Map<String, byte[]> outer = new LinkedHashMap<>(ENTRIES);
                    outer.put("network.zip", zip(inner));
                    return zip(outer);
                }
            default:
                return change(in, zip(ENTRIES));
        }
    }

    private static String pick(FuzzedDataProvider in, Map<String, byte[]> entries) {
        List<String> names = new ArrayList<>(entries.keySet());
        return names.get(in.consumeInt(0, names.size() - 1));
    }

    /** Truncates, flips bytes in, or replaces {@code original}. */
    private static byte[] change(FuzzedDataProvider in, byte[] original) {
        int how = in.consumeInt(0, 2);
        if (how == 0 || original.length == 0) {
            return Arrays.copyOf(original, in.consumeInt(0, original.length));
        }
        if (how == 1) {
            byte[] copy = original.clone();
            int flips = in.consumeInt(1, 8);
            for (int i = 0; i < flips; i++) {
                copy[in.consumeInt(0, copy.length - 1)] = in.consumeByte();
            }
            return copy;
        }
        return in.consumeRemainingAsBytes();
    }

    private static Map<String, byte[]> validBundleEntries() {
        ComputationGraph net =
                SequenceClassifierBuilder.builder()
                        .setVocabularySize(8)
                        .setNumClasses(2)
                        .optEmbeddingSize(3)
                        .optRnn(new RnnSpec(CellType.GRU, 2, 1, false, 0))
                        .build();
        Vocabulary.Builder vocabulary = Vocabulary.builder();
        vocabulary.add(List.of("a", "b", "c", "d"));
        ObjectNode options = ModelBundle.json().createObjectNode().put("hiddenSize", 2);
        ModelBundle bundle =
                new ModelBundle(
                        "sentiment",
                        net,
                        vocabulary.build(1, 100),
                        options,
                        Provenance.now("sentiment", 1, "fuzz", "abc", 1, 1),
                        Map.of("accuracy", 0.5),
                        Map.of(
                                "labels.json",
                                "[\"neg\",\"pos\"]".getBytes(StandardCharsets.UTF_8)));
        try {
            Path file = DIR.resolve("valid.zip");
            bundle.save(file);
            return unzip(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> unzip(byte[] bytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
