package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulRnnTest {

    @Test
    void chunkedSteppingEqualsOnePassAndResetStopsTheLeak() {
        StatefulRnn.Result r = StatefulRnn.run(List.of(3, 1, 5, 2), 9);
        assertTrue(r.maxDifferenceChunked() < 1e-12, "chunked: " + r.maxDifferenceChunked());
        assertTrue(
                r.maxDifferenceOneStepAtATime() < 1e-12,
                "one step: " + r.maxDifferenceOneStepAtATime());
        assertTrue(
                r.maxDifferenceWithoutReset() > 1e-3,
                "no leak seen: " + r.maxDifferenceWithoutReset());
        assertTrue(
                r.maxDifferenceAfterReset() < 1e-12, "after reset: " + r.maxDifferenceAfterReset());
        assertEquals(List.of(3, 1, 5, 2), r.chunks());
    }
}
