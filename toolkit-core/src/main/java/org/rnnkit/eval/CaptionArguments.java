package org.rnnkit.eval;

import java.util.List;
import java.util.Objects;

/**
 * The argument checks that {@link CiderD} and {@link RougeL} share for a corpus of tokenized
 * candidate captions, each with one or more tokenized references.
 */
final class CaptionArguments {

    private CaptionArguments() {}

    /**
     * Checks a corpus image by image.
     *
     * @param candidates the candidate caption of each image, as tokens
     * @param references {@code references.get(i)} holds all reference captions of image {@code i},
     *     each as tokens
     * @throws IllegalArgumentException when {@code candidates} is empty, when the two lists differ
     *     in size, or when an image has no reference
     * @throws NullPointerException when a list, a caption or a token is {@code null}
     */
    static void check(List<List<String>> candidates, List<List<List<String>>> references) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(
                    "candidates must not be empty, received: candidates.size()=0");
        }
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException(
                    "references.size() must equal candidates.size(), received: candidates.size()="
                            + candidates.size()
                            + ", references.size()="
                            + references.size());
        }
        for (int i = 0; i < candidates.size(); i++) {
            tokens(candidates.get(i), "candidates.get(" + i + ")");
            List<List<String>> imageReferences =
                    Objects.requireNonNull(references.get(i), "references.get(" + i + ")");
            if (imageReferences.isEmpty()) {
                throw new IllegalArgumentException(
                        "every image needs at least one reference, received: references.get("
                                + i
                                + ").size()=0");
            }
            for (int j = 0; j < imageReferences.size(); j++) {
                tokens(imageReferences.get(j), "references.get(" + i + ").get(" + j + ")");
            }
        }
    }

    private static void tokens(List<String> caption, String name) {
        Objects.requireNonNull(caption, name);
        for (int k = 0; k < caption.size(); k++) {
            Objects.requireNonNull(caption.get(k), name + ".get(" + k + ")");
        }
    }
}
