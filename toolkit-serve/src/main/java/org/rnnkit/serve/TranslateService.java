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
import org.rnnkit.recipes.translate.TranslateModel;
import org.rnnkit.recipes.translate.TranslateModel.Translation;

/**
 * Translation: {@code {"sources": [...], "beam": 5}} to one translation per source. Requests are
 * batched only with requests of the same beam width.
 */
final class TranslateService extends ServedModel<String, Translation> {

    /** {@code rnnkit translate predict}'s default beam width. */
    static final int DEFAULT_BEAM = 5;

    /** The widest beam a request may ask for. */
    static final int MAX_BEAM = 16;

    private final TranslateModel model;

    TranslateService(
            String name,
            TranslateModel model,
            JsonNode provenance,
            ServeOptions options,
            MeterRegistry registry) {
        super(name, TranslateModel.TASK, provenance, options, registry);
        this.model = model;
    }

    @Override
    List<Translation> forward(Object key, List<String> sources) {
        int beam = (Integer) key;
        return model.translate(
                sources, model.decoder(beam, model.options().lengthPenalty()), beam > 1, true);
    }

    @Override
    ObjectNode predict(Context ctx, RequestReader reader) throws Exception {
        ObjectNode body = reader.object(ctx, Set.of("sources", "beam"));
        List<String> sources = reader.texts(body, "sources");
        int beam = reader.optInt(body, "beam", DEFAULT_BEAM, 1, MAX_BEAM);
        List<Translation> translations = run(beam, sources, "sources");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("translations");
        translations.forEach(t -> rows.add(t.text()));
        return out;
    }
}
