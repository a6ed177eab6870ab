package org.rnnkit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import org.rnnkit.recipes.ServeOptions;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentModel.Prediction;

/** Sentiment: {@code {"texts": [...]}} to a label and every label's probability per text. */
final class SentimentService extends ServedModel<String, Prediction> {

    private final SentimentModel model;

    SentimentService(
            String name,
            SentimentModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, SentimentModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<Prediction> forward(Object key, List<String> texts) {
        return model.predict(texts);
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        ObjectNode body = reader.object(ctx, Set.of("texts"));
        List<String> texts = reader.texts(body, "texts");
        List<Prediction> predictions = run(null, texts, "texts");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("predictions");
        for (Prediction p : predictions) {
            ObjectNode row = rows.addObject();
            row.put("label", p.label());
            row.put("probability", p.probability());
            ObjectNode all = row.putObject("probabilities");
            for (int c = 0; c < model.labels().size(); c++) {
                all.put(model.labels().get(c), (double) p.probabilities()[c]);
            }
        }
        return out;
    }
}
