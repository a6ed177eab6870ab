package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShuffleInvarianceTest {

    @Test
    void sequenceOrderDoesNotMatterButStepOrderDoes() {
        ShuffleInvariance.Result r = ShuffleInvariance.run(64, 10, 60, 42);
        assertTrue(
                r.maxDifferenceSequencesShuffled() < 1e-10,
                "sequence shuffle changed the weights by " + r.maxDifferenceSequencesShuffled());
        assertTrue(
                r.maxDifferenceStepsShuffled() > 1e-2,
                "step shuffle changed the weights only by " + r.maxDifferenceStepsShuffled());
        assertTrue(Double.isFinite(r.finalLoss()));
    }
}
