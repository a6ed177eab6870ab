package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class BidirectionalContextTest {

    @Test
    void onlyTheBidirectionalTaggerSeesTheNextWord() {
        BidirectionalContext.Result r = BidirectionalContext.run(600, 5, 7);
        assertTrue(r.bidirectional() > 0.97, "bidirectional: " + r.bidirectional());
        // Left to right, 7 of 8 tags are coin flips: about 0.5 * 7/8 + 1/8 = 56% at best.
        assertTrue(r.unidirectional() < 0.62, "unidirectional: " + r.unidirectional());
        assertTrue(r.unidirectional() > 0.5, "unidirectional did not even learn the last tag");
    }

    @Test
    void tagsFollowTheNextWord() {
        DataSet d = BidirectionalContext.data(3, new Random(1));
        for (int n = 0; n < 3; n++) {
            for (int t = 0; t + 1 < d.getFeatures().size(2); t++) {
                int next = d.getFeatures().getInt(n, 0, t + 1);
                assertEquals(next >= 8 ? 1.0 : 0.0, d.getLabels().getDouble(n, 1, t));
            }
            assertEquals(1.0, d.getLabels().getDouble(n, 0, d.getFeatures().size(2) - 1));
        }
    }
}
