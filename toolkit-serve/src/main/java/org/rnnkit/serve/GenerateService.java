package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.rnnkit.decode.TokenSampler;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.generate.GenerateModel;

/**
 * Text generation: {@code {"prompt": "...", "length": 200, "temperature": 1.0, "topK": 0, "topP":
 * 1.0, "seed": 7, "count": 1}} (or {@code "prompts": [...]}) to the sampled texts, each the prompt
 * followed by its continuation.
 *
 * <p>All of a request's samples are drawn in order, prompt by prompt and {@code count} per prompt,
 * from one {@code Random(seed)}, as {@code rnnkit generate predict --seed S PROMPT...} (count 1)
 * and {@code rnnkit generate sample --seed S --prompt P --count C} draw theirs; so the same seed
 * gives the same texts as the command line. Without a seed the server draws one and returns it.
 * Sampling is sequential by nature: the worker runs a batch's requests one after another, each with
 * its own random source, so batching never changes a request's texts.
 */
final class GenerateService extends ServedModel<GenerateService.Request, List<String>> {

    /** {@code rnnkit generate}'s default number of tokens to draw. */
    static final int DEFAULT_LENGTH = 200;

    /** The most tokens one request may ask for, over all its samples (bounds the worker's time). */
    static final int MAX_TOKENS = 20_000;

    /** The most samples per prompt. */
    static final int MAX_COUNT = 64;

    /** The request's fields. */
    static final Set<String> FIELDS =
            Set.of("prompt", "prompts", "length", "temperature", "topK", "topP", "seed", "count");

    private static final SecureRandom SEEDS = new SecureRandom();

    /** One request's work: its prompts and sampling settings. */
    record Request(List<String> prompts, int count, int length, TokenSampler sampler, long seed) {}

    private final GenerateModel model;

    GenerateService(
            String name,
            GenerateModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, GenerateModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<List<String>> forward(Object key, List<Request> requests) {
        List<List<String>> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            Random random = new Random(r.seed());
            List<String> texts = new ArrayList<>(r.prompts().size() * r.count());
            for (String prompt : r.prompts()) {
                for (int i = 0; i < r.count(); i++) {
                    texts.add(model.sample(prompt, r.length(), r.sampler(), random));
                }
            }
            out.add(texts);
        }
        return out;
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        ObjectNode body = reader.object(ctx, FIELDS);
        Request request = read(body, reader);
        List<String> texts = run(null, List.of(request), "prompt").get(0);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("texts");
        texts.forEach(rows::add);
        out.put("seed", request.seed());
        return out;
    }

    private Request read(ObjectNode body, RequestReader reader) {
        List<String> prompts = prompts(body, reader);
        int count = reader.optInt(body, "count", 1, 1, MAX_COUNT);
        int length = reader.optInt(body, "length", DEFAULT_LENGTH, 1, MAX_TOKENS);
        long tokens = (long) length * count * prompts.size();
        if (tokens > MAX_TOKENS) {
            throw RequestException.badField(
                    "length",
                    "length * count * prompts must be at most "
                            + MAX_TOKENS
                            + " tokens, received: "
                            + length
                            + " * "
                            + count
                            + " * "
                            + prompts.size()
                            + " = "
                            + tokens);
        }
        double temperature = number(body, "temperature", 1.0);
        if (!(temperature > 0)) {
            throw RequestException.badField(
                    "temperature", "temperature must be > 0, received: temperature=" + temperature);
        }
        int topK = reader.optInt(body, "topK", 0, 0, Integer.MAX_VALUE);
        double topP = number(body, "topP", 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw RequestException.badField(
                    "topP", "topP must be in (0, 1], received: topP=" + topP);
        }
        return new Request(
                prompts, count, length, new TokenSampler(temperature, topK, topP), seed(body));
    }

    /** {@code prompt} (one string, may be empty) or {@code prompts} (an array), not both. */
    private static List<String> prompts(ObjectNode body, RequestReader reader) {
        if (body.has("prompt") && body.has("prompts")) {
            throw RequestException.badField(
                    "prompts", "give either prompt or prompts, received: both");
        }
        if (body.has("prompts")) {
            JsonNode array = reader.inputs(body, "prompts");
            List<String> prompts = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                prompts.add(prompt(array.get(i), "prompts[" + i + "]", reader));
            }
            return prompts;
        }
        return List.of(body.has("prompt") ? prompt(body.get("prompt"), "prompt", reader) : "");
    }

    /** A prompt: a string of at most {@code maxInputLength} characters; empty is allowed. */
    private static String prompt(JsonNode node, String field, RequestReader reader) {
        if (node == null || !node.isTextual()) {
            throw RequestException.badField(
                    field, field + " must be a string, received: " + RequestReader.type(node));
        }
        return node.textValue().isEmpty() ? "" : reader.text(node, field);
    }

    private static double number(ObjectNode body, String field, double fallback) {
        JsonNode node = body.get(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw RequestException.badField(
                    field,
                    field + " must be a finite number, received: " + RequestReader.type(node));
        }
        return node.asDouble();
    }

    private static long seed(ObjectNode body) {
        JsonNode node = body.get("seed");
        if (node == null) {
            return SEEDS.nextLong();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw RequestException.badField(
                    "seed",
                    "seed must be an integer (64-bit), received: " + RequestReader.type(node));
        }
        return node.asLong();
    }
}
