package org.rnnkit.eval;

import java.util.Arrays;
import java.util.List;

/** Tokenized captions for the caption-metric tests, written as space-separated strings. */
final class CaptionTokens {

    private CaptionTokens() {}

    /** The tokens of a caption split at single spaces; the empty caption has none. */
    static List<String> t(String caption) {
        return caption.isEmpty() ? List.of() : Arrays.asList(caption.split(" "));
    }

    /** The tokenized references of one image. */
    static List<List<String>> refs(String... captions) {
        return Arrays.stream(captions).map(CaptionTokens::t).toList();
    }
}
