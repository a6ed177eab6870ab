package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BagOfWordsClassifierTest {

    @Test
    void givenWordIndicatesClass_whenTrained_thenPredictsItAndRoundTrips() {
        List<int[]> x =
                List.of(new int[] {4, 6}, new int[] {4, 7}, new int[] {5, 6}, new int[] {5, 7, 7});
        int[] y = {0, 0, 1, 1};
        BagOfWordsClassifier model = BagOfWordsClassifier.train(x, y, 8, 2, 20, 0, 1);
        assertArrayEquals(y, model.predict(x));
        assertArrayEquals(new int[] {0, 1}, model.predict(List.of(new int[] {4}, new int[] {5})));
        assertArrayEquals(y, BagOfWordsClassifier.fromBytes(model.toBytes()).predict(x));
    }

    @Test
    void givenOrderOnlyDifference_whenTrained_thenCannotSeparate() {
        // "not good" vs "good not": same bag, different labels.
        List<int[]> x = List.of(new int[] {4, 5}, new int[] {5, 4});
        int[] predicted =
                BagOfWordsClassifier.train(x, new int[] {0, 1}, 6, 2, 20, 0, 1).predict(x);
        assertArrayEquals(new int[] {predicted[0], predicted[0]}, predicted);
    }

    @Test
    void givenTruncatedBytes_whenRestored_thenRejected() {
        byte[] bytes =
                BagOfWordsClassifier.train(
                                List.of(new int[] {4}, new int[] {5}),
                                new int[] {0, 1},
                                6,
                                2,
                                1,
                                0,
                                1)
                        .toBytes();
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        BagOfWordsClassifier.fromBytes(
                                java.util.Arrays.copyOf(bytes, bytes.length - 3)));
    }
}
