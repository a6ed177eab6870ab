package org.rnnkit.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rnnkit.recipes.ServeOptions;

/**
 * Reads and checks request bodies: a bounded read, strict JSON, and typed fields that name
 * themselves in every error (400 with {@code "field"}).
 */
final class RequestReader {

    /** JSON nesting deeper than this is refused before it costs stack. */
    static final int MAX_DEPTH = 16;

    private final ObjectMapper json;
    private final ServeOptions limits;

    RequestReader(ServeOptions limits) {
        this.limits = limits;
        this.json = new ObjectMapper();
        json.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(limits.maxBodyBytes())
                                .maxNumberLength(100)
                                .build());
    }

    ServeOptions limits() {
        return limits;
    }

    /**
     * Reads the body, refusing more than {@code maxBodyBytes} (413) whether or not the client said
     * how long it is.
     */
    byte[] body(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            throw tooLarge(declared);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = ctx.req().getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limits.maxBodyBytes()) {
                    throw tooLarge(out.size() + n);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A client that stops sending (idle timeout) or sends a broken chunked body.
            throw new RequestException(
                    400, "body", "request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private RequestException tooLarge(long bytes) {
        return new RequestException(
                413,
                null,
                "request body must be at most "
                        + limits.maxBodyBytes()
                        + " bytes, received: at least "
                        + bytes);
    }

    /** Requires a JSON content type, then reads the body as one JSON object. */
    ObjectNode object(Context ctx, Set<String> fields) throws IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new RequestException(
                    415,
                    null,
                    "Content-Type must be application/json, received: "
                            + (type == null ? "none" : type));
        }
        return object(body(ctx), fields);
    }

    /** Parses a JSON object and refuses fields other than {@code fields}. */
    ObjectNode object(byte[] body, Set<String> fields) {
        if (body.length == 0) {
            throw RequestException.badField(
                    "body", "request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RequestException.badField(
                    "body", "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestException.badField("body", "request body cannot be read: " + e);
        }
        if (node == null || !node.isObject()) {
            throw RequestException.badField(
                    "body",
                    "request body must be a JSON object, received: "
                            + (node == null ? "nothing" : node.getNodeType()));
        }
        ObjectNode object = (ObjectNode) node;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw RequestException.badField(
                        name,
                        "unknown field '" + abbreviate(name) + "'; expected one of " + fields);
            }
        }
        return object;
    }

    /**
     * Reads a required array of non-blank strings, each at most {@code maxInputLength} characters,
     * at most {@code maxInputs} of them.
     */
    List<String> texts(ObjectNode body, String field) {
        JsonNode array = inputs(body, field);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(text(array.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    /** Reads one non-blank string of at most {@code maxInputLength} characters. */
    String text(JsonNode node, String field) {
        if (node == null || !node.isTextual()) {
            throw RequestException.badField(
                    field, field + " must be a string, received: " + type(node));
        }
        String text = node.textValue();
        if (text.length() > limits.maxInputLength()) {
            throw RequestException.badField(
                    field,
                    field
                            + " must be at most "
                            + limits.maxInputLength()
                            + " characters, received: "
                            + text.length());
        }
        if (text.isBlank()) {
            throw RequestException.badField(field, field + " must not be blank");
        }
        return text;
    }

    /** Reads a required non-empty array of at most {@code maxInputs} elements. */
    JsonNode inputs(ObjectNode body, String field) {
        JsonNode array = body.get(field);
        if (array == null || !array.isArray()) {
            throw RequestException.badField(
                    field, field + " must be an array, received: " + type(array));
        }
        if (array.isEmpty()) {
            throw RequestException.badField(field, field + " must not be empty");
        }
        if (array.size() > limits.maxInputs()) {
            throw RequestException.badField(
                    field,
                    field
                            + " must hold at most "
                            + limits.maxInputs()
                            + " inputs, received: "
                            + array.size());
        }
        return array;
    }

    /** Reads an optional integer in {@code [min, max]}. */
    int optInt(ObjectNode body, String field, int fallback, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null) {
            return fallback;
        }
        return checkInt(
                node.isIntegralNumber() && node.canConvertToInt(),
                node.asInt(),
                field,
                type(node),
                min,
                max);
    }

    /** Checks a parsed integer against its range. */
    static int checkInt(boolean isInt, int value, String field, String received, int min, int max) {
        if (!isInt) {
            throw RequestException.badField(
                    field, field + " must be an integer, received: " + received);
        }
        if (value < min || value > max) {
            throw RequestException.badField(
                    field,
                    field
                            + " must be in ["
                            + min
                            + ", "
                            + max
                            + "], received: "
                            + field
                            + "="
                            + value);
        }
        return value;
    }

    /** Describes a JSON value for an error message, without echoing large input. */
    static String type(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber() || node.isNumber()) {
            return "number " + abbreviate(node.asText());
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    ObjectMapper json() {
        return json;
    }
}
