package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.postag.PostagModel;

/**
 * Part-of-speech tagging: {@code {"sentences": [[tokens]]}} or {@code {"texts": [...]}} (split at
 * white space, as {@code rnnkit postag predict} splits its lines) to one tag per token.
 */
final class PostagService extends ServedModel<List<String>, List<String>> {

    private final PostagModel model;

    PostagService(
            String name,
            PostagModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, PostagModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<List<String>> forward(Object key, List<List<String>> sentences) {
        return model.predict(sentences);
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        ObjectNode body = reader.object(ctx, Set.of("sentences", "texts"));
        boolean hasSentences = body.has("sentences");
        if (hasSentences == body.has("texts")) {
            throw RequestException.badField(
                    "sentences", "give exactly one of 'sentences' (token lists) and 'texts'");
        }
        List<List<String>> sentences = new ArrayList<>();
        if (hasSentences) {
            JsonNode array = reader.inputs(body, "sentences");
            for (int i = 0; i < array.size(); i++) {
                String field = "sentences[" + i + "]";
                JsonNode tokens = array.get(i);
                if (!tokens.isArray() || tokens.isEmpty()) {
                    throw RequestException.badField(
                            field,
                            field
                                    + " must be a non-empty array of tokens, received: "
                                    + RequestReader.type(tokens));
                }
                if (tokens.size() > reader.limits().maxInputLength()) {
                    throw RequestException.badField(
                            field,
                            field
                                    + " must hold at most "
                                    + reader.limits().maxInputLength()
                                    + " tokens, received: "
                                    + tokens.size());
                }
                List<String> words = new ArrayList<>(tokens.size());
                for (int t = 0; t < tokens.size(); t++) {
                    words.add(reader.text(tokens.get(t), field + "[" + t + "]").trim());
                }
                sentences.add(words);
            }
        } else {
            for (String line : reader.texts(body, "texts")) {
                sentences.add(Arrays.asList(line.trim().split("\\s+")));
            }
        }
        List<List<String>> tags = run(null, sentences, hasSentences ? "sentences" : "texts");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("tags");
        for (List<String> sentence : tags) {
            ArrayNode row = rows.addArray();
            sentence.forEach(row::add);
        }
        return out;
    }
}
