package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The argument checks that {@link Bleu} and {@link ChrF} share for a corpus of hypotheses, each
 * with one or more references.
 */
final class CorpusArguments {

    private CorpusArguments() {}

    /**
     * Checks a corpus segment by segment, in the order the metrics read it.
     *
     * @param hypotheses the system outputs, one string per segment
     * @param references {@code references.get(i)} holds all references of {@code hypotheses.get(i)}
     * @throws IllegalArgumentException when {@code hypotheses} is empty, when the two lists differ
     *     in size, or when a hypothesis has no reference
     * @throws NullPointerException when a list or one of its strings is {@code null}
     */
    static void check(List<String> hypotheses, List<List<String>> references) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        Objects.requireNonNull(references, "references");
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException(
                    "hypotheses must not be empty, received: hypotheses.size()=0");
        }
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(
                    "references.size() must equal hypotheses.size(), received: hypotheses.size()="
                            + hypotheses.size()
                            + ", references.size()="
                            + references.size());
        }
        for (int i = 0; i < hypotheses.size(); i++) {
            Objects.requireNonNull(hypotheses.get(i), "hypotheses.get(" + i + ")");
            List<String> segmentReferences =
                    Objects.requireNonNull(references.get(i), "references.get(" + i + ")");
            if (segmentReferences.isEmpty()) {
                throw new IllegalArgumentException(
                        "every hypothesis needs at least one reference, received: references.get("
                                + i
                                + ").size()=0");
            }
            for (int j = 0; j < segmentReferences.size(); j++) {
                Objects.requireNonNull(
                        segmentReferences.get(j), "references.get(" + i + ").get(" + j + ")");
            }
        }
    }

    /**
     * Wraps each reference of a single-reference corpus in a list of one.
     *
     * @param references {@code references.get(i)} is the reference of segment {@code i}
     * @return {@code [references.size()]} lists of one reference each
     * @throws NullPointerException when the list or one of its strings is {@code null}
     */
    static List<List<String>> singleReferences(List<String> references) {
        Objects.requireNonNull(references, "references");
        List<List<String>> wrapped = new ArrayList<>(references.size());
        for (int i = 0; i < references.size(); i++) {
            wrapped.add(
                    List.of(
                            Objects.requireNonNull(
                                    references.get(i), "references.get(" + i + ")")));
        }
        return wrapped;
    }
}
