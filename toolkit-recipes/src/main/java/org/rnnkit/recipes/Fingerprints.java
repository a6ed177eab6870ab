package org.rnnkit.recipes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Run fingerprints: what must not change between a run and its resume. */
public final class Fingerprints {

    private Fingerprints() {}

    /**
     * Returns the options that decide the training trajectory, as text.
     *
     * @param options the recipe options as written by {@link OptionsJson#write}
     * @return the options without the training settings {@code resume}, {@code progressBar}, {@code
     *     out} and {@code epochs} (which may differ between a run and its resume)
     */
    public static String ofOptions(ObjectNode options) {
        ObjectNode copy = options.deepCopy();
        ObjectNode training = copy.withObject("/training");
        for (String field : List.of("resume", "progressBar", "out", "epochs")) {
            training.remove(field);
        }
        return copy.toString();
    }
}
