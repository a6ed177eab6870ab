package org.rnnkit.model.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the weights a TF.js {@code weightsManifest} names: each group's shards are concatenated
 * (little-endian) and the group's weights are read from it in order. Quantized weights ({@code
 * quantization.dtype} float16, uint8, uint16) are dequantized to their {@code original_dtype}.
 */
final class TfjsWeights {

    private TfjsWeights() {}

    /**
     * Reads every weight of a manifest.
     *
     * @param manifest the {@code weightsManifest} array
     * @param baseDir the folder the shard paths are relative to
     * @param modelFile the model.json, for error messages
     * @return the weights by name, float32 or int32 (bool as BOOL)
     * @throws IOException when a shard cannot be read
     * @throws IllegalArgumentException when the manifest is malformed or a shard is too short
     */
    static Map<String, INDArray> read(JsonNode manifest, Path baseDir, Path modelFile)
            throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (manifest == null || manifest.isMissingNode() || manifest.isNull()) {
            return out;
        }
        if (!manifest.isArray()) {
            throw new IllegalArgumentException(
                    modelFile + ": field 'weightsManifest' is not an array");
        }
        for (int g = 0; g < manifest.size(); g++) {
            JsonNode group = manifest.get(g);
            String where = "weightsManifest[" + g + "]";
            JsonNode paths = group.get("paths");
            JsonNode weights = group.get("weights");
            if (paths == null || !paths.isArray() || weights == null || !weights.isArray()) {
                throw new IllegalArgumentException(
                        modelFile + ": field '" + where + "' needs arrays 'paths' and 'weights'");
            }
            List<Path> shards = new ArrayList<>();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (JsonNode p : paths) {
                Path shard = baseDir.resolve(p.asText());
                if (!Files.isRegularFile(shard)) {
                    throw new IllegalArgumentException(
                            modelFile
                                    + ": weight shard "
                                    + shard
                                    + " named in '"
                                    + where
                                    + ".paths' does not exist");
                }
                shards.add(shard);
                bytes.write(Files.readAllBytes(shard));
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < weights.size(); i++) {
                JsonNode w = weights.get(i);
                String field = where + ".weights[" + i + "]";
                String name = text(w, "name", modelFile, field);
                long[] shape = shape(w.get("shape"), modelFile, field);
                long n = 1;
                for (long d : shape) {
                    n *= d;
                }
                String dtype = text(w, "dtype", modelFile, field);
                JsonNode q = w.get("quantization");
                String storeType =
                        q == null ? dtype : text(q, "dtype", modelFile, field + ".quantization");
                int width =
                        byteWidth(
                                storeType,
                                modelFile,
                                field + (q == null ? ".dtype" : ".quantization.dtype"));
                long need = n * width;
                if (buf.remaining() < need) {
                    throw new IllegalArgumentException(
                            "weight shard(s) "
                                    + shards
                                    + " too short: '"
                                    + field
                                    + "' ("
                                    + name
                                    + ", shape "
                                    + java.util.Arrays.toString(shape)
                                    + ", "
                                    + storeType
                                    + ") needs "
                                    + need
                                    + " bytes at offset "
                                    + buf.position()
                                    + " but only "
                                    + buf.remaining()
                                    + " remain (manifest "
                                    + modelFile
                                    + ")");
                }
                out.put(name, decode(buf, (int) n, shape, dtype, storeType, q, modelFile, field));
            }
            if (buf.remaining() > 0) {
                // Extra bytes are tolerated (TF.js ignores them too) but usually mean a wrong
                // shard.
                org.slf4j.LoggerFactory.getLogger(TfjsWeights.class)
                        .warn(
                                "{}: {} bytes left over in shard(s) {} of '{}'",
                                modelFile,
                                buf.remaining(),
                                shards,
                                where);
            }
        }
        return out;
    }

    private static String text(JsonNode w, String key, Path modelFile, String field) {
        JsonNode v = w.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(
                    modelFile + ": field '" + field + "." + key + "' is missing or not a string");
        }
        return v.asText();
    }

    private static long[] shape(JsonNode s, Path modelFile, String field) {
        if (s == null || !s.isArray()) {
            throw new IllegalArgumentException(
                    modelFile + ": field '" + field + ".shape' is missing or not an array");
        }
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new IllegalArgumentException(
                        modelFile + ": field '" + field + ".shape' has a negative dimension");
            }
        }
        return shape;
    }

    private static int byteWidth(String dtype, Path modelFile, String field) {
        switch (dtype) {
            case "float32":
            case "int32":
                return 4;
            case "float16":
            case "uint16":
                return 2;
            case "uint8":
            case "bool":
                return 1;
            default:
                throw new IllegalArgumentException(
                        modelFile
                                + ": field '"
                                + field
                                + "' has unsupported dtype '"
                                + dtype
                                + "'");
        }
    }

    private static INDArray decode(
            ByteBuffer buf,
            int n,
            long[] shape,
            String dtype,
            String storeType,
            JsonNode q,
            Path modelFile,
            String field) {
        boolean toInt = dtype.equals("int32");
        if (!toInt && !dtype.equals("float32") && !dtype.equals("bool")) {
            throw new IllegalArgumentException(
                    modelFile
                            + ": field '"
                            + field
                            + ".dtype' has unsupported dtype '"
                            + dtype
                            + "'");
        }
        if (dtype.equals("bool")) {
            boolean[] v = new boolean[n];
            for (int i = 0; i < n; i++) {
                v[i] = buf.get() != 0;
            }
            return shaped(Nd4j.createFromArray(v), shape);
        }
        double min = 0;
        double scale = 1;
        if (storeType.equals("uint8") || storeType.equals("uint16")) {
            if (q == null || !q.has("scale") || !q.has("min")) {
                throw new IllegalArgumentException(
                        modelFile + ": field '" + field + ".quantization' needs 'min' and 'scale'");
            }
            min = q.get("min").asDouble();
            scale = q.get("scale").asDouble();
        }
        float[] f = toInt ? null : new float[n];
        int[] ints = toInt ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            double v;
            switch (storeType) {
                case "float32":
                    v = buf.getFloat();
                    break;
                case "int32":
                    v = buf.getInt();
                    break;
                case "float16":
                    v = halfToFloat(buf.getShort());
                    break;
                case "uint16":
                    v = (buf.getShort() & 0xFFFF) * scale + min;
                    break;
                case "uint8":
                    v = (buf.get() & 0xFF) * scale + min;
                    break;
                default:
                    throw new IllegalArgumentException(
                            modelFile
                                    + ": field '"
                                    + field
                                    + "' has unsupported dtype '"
                                    + storeType
                                    + "'");
            }
            if (toInt) {
                ints[i] = (int) Math.round(v);
            } else {
                f[i] = (float) v;
            }
        }
        return shaped(toInt ? Nd4j.createFromArray(ints) : Nd4j.createFromArray(f), shape);
    }

    /**
     * Gives a flat array the stated shape; rank 0 gives a scalar.
     *
     * @param flat the values in row-major order
     * @param shape the shape, possibly empty
     * @return the shaped array
     */
    static INDArray shaped(INDArray flat, long[] shape) {
        if (shape.length == 0) {
            return flat.reshape(new long[0]);
        }
        return flat.reshape('c', shape);
    }

    /**
     * Converts an IEEE 754 half-precision bit pattern to float (subnormals, infinities and NaN
     * included).
     *
     * @param bits the 16 bits
     * @return the float value
     */
    static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
