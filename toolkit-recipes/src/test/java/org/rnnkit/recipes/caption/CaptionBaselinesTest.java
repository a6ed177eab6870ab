package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CaptionBaselinesTest {

    private static final List<List<String>> REFERENCES =
            List.of(
                    List.of("a dog runs on grass", "a dog plays"),
                    List.of("a dog sits", "a cat sits on a mat"),
                    List.of("a man rides a bike", "a dog runs"));

    @Test
    void givenTrainingCaptions_whenBestConstantFound_thenItMaximisesCorpusBleu4ByBruteForce() {
        String best = CaptionBaselines.bestConstant(REFERENCES);
        // Brute force with the metric itself: every distinct training caption for every image.
        List<String> candidates = new ArrayList<>();
        REFERENCES.forEach(candidates::addAll);
        double bestScore = -1;
        for (String c : candidates) {
            double s =
                    CaptionBaselines.BLEU
                            .corpus(Collections.nCopies(REFERENCES.size(), c), REFERENCES)
                            .cumulative(4);
            bestScore = Math.max(bestScore, s);
        }
        double chosen =
                CaptionBaselines.BLEU
                        .corpus(Collections.nCopies(REFERENCES.size(), best), REFERENCES)
                        .cumulative(4);
        assertEquals(bestScore, chosen, 1e-9);
    }

    @Test
    void givenImageVectors_whenNearestAsked_thenClosestByCosineGivesItsConsensusCaption() {
        INDArray train = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        CaptionBaselines b = CaptionBaselines.fit(REFERENCES, train);
        INDArray queries = Nd4j.createFromArray(new double[][] {{0.1, 5}, {3, 0.2}, {2, 2.1}});
        List<String> nearest = b.nearest(queries);
        assertEquals(b.neighbourCaptions().get(1), nearest.get(0));
        assertEquals(b.neighbourCaptions().get(0), nearest.get(1));
        assertEquals(b.neighbourCaptions().get(2), nearest.get(2));
        // Consensus: every n-gram of "a dog runs" is in "a dog runs fast" (sentence BLEU 100 with
        // effective order); the other two captions miss some.
        assertEquals(
                "a dog runs",
                CaptionBaselines.consensus(
                        List.of("a cat sleeps", "a dog runs fast", "a dog runs")));
    }
}
