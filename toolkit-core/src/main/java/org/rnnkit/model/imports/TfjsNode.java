package org.rnnkit.model.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One node of a TensorFlow.js graph model: a TensorFlow {@code NodeDef} as the TF.js converter
 * writes it in JSON.
 *
 * @param name the node's unique name
 * @param op the TensorFlow op name, e.g. {@code _FusedConv2D}
 * @param inputs the input references, {@code "node"} or {@code "node:k"} for output k; control
 *     inputs ({@code "^node"}) are kept as written
 * @param attrs the attributes, by name, as JSON ({@code {"i": "2"}}, {@code {"b": true}}, {@code
 *     {"s": base64}}, {@code {"list": {"i": [...]}}}, ...)
 */
public record TfjsNode(String name, String op, List<String> inputs, Map<String, JsonNode> attrs) {

    /**
     * The data inputs: {@link #inputs()} without control inputs.
     *
     * @return the input references in order
     */
    public List<String> dataInputs() {
        List<String> out = new ArrayList<>();
        for (String in : inputs) {
            if (!in.startsWith("^")) {
                out.add(in);
            }
        }
        return out;
    }

    /**
     * Whether the attribute is present.
     *
     * @param key the attribute name
     * @return true when present
     */
    public boolean has(String key) {
        return attrs.containsKey(key);
    }

    /**
     * A boolean attribute ({@code {"b": true}}).
     *
     * @param key the attribute name
     * @param fallback the value when absent
     * @return the value
     */
    public boolean bool(String key, boolean fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("b") ? fallback : a.get("b").asBoolean();
    }

    /**
     * An integer attribute ({@code {"i": "3"}}; TF.js writes int64 as strings).
     *
     * @param key the attribute name
     * @param fallback the value when absent
     * @return the value
     */
    public long integer(String key, long fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("i") ? fallback : a.get("i").asLong();
    }

    /**
     * A float attribute ({@code {"f": 0.2}}).
     *
     * @param key the attribute name
     * @param fallback the value when absent
     * @return the value
     */
    public double real(String key, double fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("f") ? fallback : a.get("f").asDouble();
    }

    /**
     * A string attribute ({@code {"s": base64}}), decoded.
     *
     * @param key the attribute name
     * @param fallback the value when absent
     * @return the decoded string
     */
    public String string(String key, String fallback) {
        JsonNode a = attrs.get(key);
        if (a == null || !a.has("s")) {
            return fallback;
        }
        return new String(Base64.getDecoder().decode(a.get("s").asText()), StandardCharsets.UTF_8);
    }

    /**
     * An integer list attribute ({@code {"list": {"i": [...]}}}).
     *
     * @param key the attribute name
     * @return the values; empty when absent
     */
    public long[] ints(String key) {
        JsonNode a = attrs.get(key);
        if (a == null || !a.has("list") || !a.get("list").has("i")) {
            return new long[0];
        }
        JsonNode list = a.get("list").get("i");
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asLong();
        }
        return out;
    }

    /**
     * A string list attribute ({@code {"list": {"s": [base64, ...]}}}), decoded.
     *
     * @param key the attribute name
     * @return the decoded strings; empty when absent
     */
    public List<String> strings(String key) {
        JsonNode a = attrs.get(key);
        List<String> out = new ArrayList<>();
        if (a == null || !a.has("list") || !a.get("list").has("s")) {
            return out;
        }
        for (JsonNode s : a.get("list").get("s")) {
            out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
        }
        return out;
    }
}
