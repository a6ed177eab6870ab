package org.rnnkit.model.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Writes tiny TF.js graph models (model.json + one .bin shard) for the op tests. */
final class TfjsTestGraph {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode nodes;
    private final ArrayNode weights;
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();

    TfjsTestGraph() {
        root.put("format", "graph-model");
        nodes = root.putObject("modelTopology").putArray("node");
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add("model.bin");
        weights = group.putArray("weights");
    }

    /** A float placeholder. */
    TfjsTestGraph placeholder(String name) {
        ObjectNode n = nodes.addObject();
        n.put("name", name).put("op", "Placeholder");
        n.putObject("attr").putObject("dtype").put("type", "DT_FLOAT");
        return this;
    }

    /** A float32 Const stored as float32 in the shard. */
    TfjsTestGraph constant(String name, float[] values, long... shape) {
        constNode(name);
        ObjectNode w = weight(name, "float32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        bin.writeBytes(b.array());
        return this;
    }

    /** An int32 Const. */
    TfjsTestGraph ints(String name, int[] values, long... shape) {
        constNode(name);
        weight(name, "int32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        bin.writeBytes(b.array());
        return this;
    }

    /** A float32 Const stored as float16 bit patterns. */
    TfjsTestGraph half(String name, short[] bits, long... shape) {
        constNode(name);
        ObjectNode q = weight(name, "float32", shape).putObject("quantization");
        q.put("dtype", "float16").put("original_dtype", "float32");
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : bits) {
            b.putShort(v);
        }
        bin.writeBytes(b.array());
        return this;
    }

    /** A float32 Const stored as uint8 with min and scale. */
    TfjsTestGraph uint8(String name, byte[] q, double min, double scale, long... shape) {
        constNode(name);
        ObjectNode qn = weight(name, "float32", shape).putObject("quantization");
        qn.put("dtype", "uint8").put("min", min).put("scale", scale);
        bin.writeBytes(q);
        return this;
    }

    /** A manifest entry with an arbitrary dtype and no bytes. */
    TfjsTestGraph rawWeight(String name, String dtype, long... shape) {
        constNode(name);
        weight(name, dtype, shape);
        return this;
    }

    /** An op node; attrs in pairs: key, JSON text of the attr value. */
    TfjsTestGraph op(String name, String op, String[] inputs, String... attrs) {
        ObjectNode n = nodes.addObject();
        n.put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        for (String s : inputs) {
            in.add(s);
        }
        ObjectNode a = n.putObject("attr");
        for (int i = 0; i < attrs.length; i += 2) {
            try {
                a.set(attrs[i], JSON.readTree(attrs[i + 1]));
            } catch (IOException e) {
                throw new IllegalArgumentException(attrs[i + 1], e);
            }
        }
        return this;
    }

    /** The JSON for a string attr. */
    static String s(String value) {
        return "{\"s\":\""
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                + "\"}";
    }

    /** The JSON for a string-list attr. */
    static String sList(String... values) {
        StringBuilder b = new StringBuilder("{\"list\":{\"s\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "\"" : ",\"")
                    .append(
                            Base64.getEncoder()
                                    .encodeToString(values[i].getBytes(StandardCharsets.UTF_8)))
                    .append('"');
        }
        return b.append("]}}").toString();
    }

    /** The JSON for an int-list attr. */
    static String iList(long... values) {
        StringBuilder b = new StringBuilder("{\"list\":{\"i\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "\"" : ",\"").append(values[i]).append('"');
        }
        return b.append("]}}").toString();
    }

    /** Writes model.json and model.bin into the folder; returns the model.json path. */
    Path write(Path dir) throws IOException {
        Files.write(dir.resolve("model.bin"), bin.toByteArray());
        Path json = dir.resolve("model.json");
        JSON.writeValue(json.toFile(), root);
        return json;
    }

    /** Writes the model and loads it. */
    TfjsGraphModel load(Path dir) throws IOException {
        return TfjsGraphModel.load(write(dir));
    }

    private void constNode(String name) {
        ObjectNode n = nodes.addObject();
        n.put("name", name).put("op", "Const");
    }

    private ObjectNode weight(String name, String dtype, long... shape) {
        ObjectNode w = weights.addObject();
        w.put("name", name).put("dtype", dtype);
        ArrayNode s = w.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        return w;
    }
}
