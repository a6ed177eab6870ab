package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsneTest {

    private static final int CLUSTERS = 4;
    private static final int PER_CLUSTER = 15;
    private static final int DIMENSION = 10;

    /** Four unit-variance Gaussian clusters in 10 dimensions whose centres are 10 apart. */
    private static double[][] clusters(int[] labels, long seed) {
        Random random = new Random(seed);
        double[][] data = new double[CLUSTERS * PER_CLUSTER][DIMENSION];
        for (int i = 0; i < data.length; i++) {
            int cluster = i % CLUSTERS;
            labels[i] = cluster;
            for (int k = 0; k < DIMENSION; k++) {
                double centre = k == cluster ? 10 / Math.sqrt(2) : 0;
                data[i][k] = centre + random.nextGaussian();
            }
        }
        return data;
    }

    private static final Tsne.Options OPTIONS = new Tsne.Options(10, 400, 100, 12, 100, 7);

    @Test
    void
            givenSeparatedClusters_whenEmbedded_thenEveryNearestNeighbourInTwoDimsIsInTheSameCluster() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        double[][] data = clusters(labels, 1);
        // In the input space itself the clusters are separated, so the 2-D map should keep that.
        assertEquals(1.0, Tsne.nearestNeighbourAgreement(data, labels));
        Tsne.Result result = Tsne.embed(data, OPTIONS);
        assertEquals(data.length, result.points().length);
        assertEquals(1.0, Tsne.nearestNeighbourAgreement(result.points(), labels));
        // Stronger than nearest neighbours: every within-cluster distance in the map is smaller
        // than every between-cluster distance.
        double maxWithin = 0;
        double minBetween = Double.POSITIVE_INFINITY;
        double[][] y = result.points();
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (labels[i] == labels[j]) {
                    maxWithin = Math.max(maxWithin, d);
                } else {
                    minBetween = Math.min(minBetween, d);
                }
            }
        }
        assertTrue(maxWithin < minBetween, "within " + maxWithin + " vs between " + minBetween);
        assertTrue(
                result.klDivergence() > 0 && result.klDivergence() < 1,
                "KL = " + result.klDivergence());
    }

    @Test
    void givenRandomLabels_whenAgreementMeasured_thenFarBelowOne() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        double[][] data = clusters(labels, 1);
        int[] shuffled = labels.clone();
        Random random = new Random(3);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        assertTrue(Tsne.nearestNeighbourAgreement(data, shuffled) < 0.6);
    }

    @Test
    void givenSameSeed_whenEmbeddedTwice_thenIdenticalAndAnotherSeedDiffers() {
        int[] labels = new int[CLUSTERS * PER_CLUSTER];
        double[][] data = clusters(labels, 2);
        Tsne.Options quick = new Tsne.Options(10, 100, 100, 12, 50, 11);
        double[][] a = Tsne.embed(data, quick).points();
        double[][] b = Tsne.embed(data, quick).points();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        double[][] c = Tsne.embed(data, quick.withSeed(12)).points();
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void givenTooFewPointsOrBadOptions_whenEmbedded_thenIllegalArgumentNamesSetting() {
        double[][] five = new double[5][3];
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Tsne.embed(five, OPTIONS));
        assertTrue(e.getMessage().contains("perplexity=10.0"), e.getMessage());
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Tsne.Options.defaults().withPerplexity(0.5))
                        .getMessage()
                        .contains("perplexity must be > 1"));
    }
}
