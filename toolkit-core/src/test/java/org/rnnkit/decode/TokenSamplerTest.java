package org.rnnkit.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] P = {0.1f, 0.5f, 0.25f, 0.15f};

    @Test
    void givenSameSeed_whenSampled_thenSameTokens() {
        TokenSampler s = TokenSampler.defaults();
        Random a = new Random(3);
        Random b = new Random(3);
        for (int i = 0; i < 50; i++) {
            assertEquals(s.sample(P, a), s.sample(P, b));
        }
    }

    @Test
    void givenTopKOne_whenSampled_thenAlwaysTheMostProbable() {
        TokenSampler s = new TokenSampler(1.5, 1, 1.0);
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            assertEquals(1, s.sample(P, r));
        }
    }

    @Test
    void givenTopP_whenFiltered_thenSmallestSetReachingTheMassIsKept() {
        double[] d = new TokenSampler(1.0, 0, 0.7).distribution(P);
        assertArrayEquals(new double[] {0, 0.5 / 0.75, 0.25 / 0.75, 0}, d, 1e-6);
    }

    @Test
    void givenLowTemperature_whenFiltered_thenSharper() {
        double[] cold = new TokenSampler(0.5, 0, 1.0).distribution(P);
        double[] plain = TokenSampler.defaults().distribution(P);
        assertEquals(0.5, plain[1], 1e-6);
        assertEquals(0.25 / (0.01 + 0.25 + 0.0625 + 0.0225), cold[1], 1e-6);
    }

    @Test
    void givenExcludedTokens_whenSampled_thenNeverDrawn() {
        Random r = new Random(5);
        for (int i = 0; i < 100; i++) {
            int id = TokenSampler.defaults().sample(P, r, 1, 2);
            assertTrue(id == 0 || id == 3, "drew " + id);
        }
    }

    @Test
    void givenBadSettings_whenCreated_thenRejectedByName() {
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new TokenSampler(0, 0, 1))
                        .getMessage()
                        .contains("temperature"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new TokenSampler(1, -1, 1))
                        .getMessage()
                        .contains("topK"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new TokenSampler(1, 0, 0))
                        .getMessage()
                        .contains("topP"));
    }
}
