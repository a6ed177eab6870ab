package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.model.CellType;

class ParameterCountTest {

    @Test
    void coursesExampleIs68() {
        ParameterCount.Count c =
                ParameterCount.count(
                        new ParameterCount.Spec(CellType.SIMPLE, 4, List.of(5), false, 3));
        assertEquals("20 + 25 + 5 + 15 + 3 = 68", c.sum());
        assertEquals(68, c.numParams());
        assertEquals(68, c.summaryTotal());
    }

    @Test
    void formulaMatchesDl4jForEveryExampleNetwork() {
        for (ParameterCount.Spec spec : ParameterCount.examples()) {
            ParameterCount.Count c = ParameterCount.count(spec);
            assertEquals(c.numParams(), c.byFormula(), spec.toString());
            assertEquals(c.numParams(), c.summaryTotal(), spec.toString());
        }
    }

    @Test
    void closedFormsPerCell() {
        // LSTM = 4(FH + H^2 + H), GRU (separate recurrent bias) = 3(FH + H^2 + 2H).
        assertEquals(
                4 * (10 * 32 + 32 * 32 + 32), ParameterCount.recurrentLayer(CellType.LSTM, 10, 32));
        assertEquals(
                3 * (10 * 32 + 32 * 32 + 64), ParameterCount.recurrentLayer(CellType.GRU, 10, 32));
        assertEquals(5 * (4 + 5 + 1), ParameterCount.recurrentLayer(CellType.SIMPLE, 4, 5));
        // Bidirectional doubles each layer and the next layer sees 2H inputs.
        ParameterCount.Count bi =
                ParameterCount.count(
                        new ParameterCount.Spec(CellType.LSTM, 3, List.of(4, 2), true, 2));
        long expected =
                2 * ParameterCount.recurrentLayer(CellType.LSTM, 3, 4)
                        + 2 * ParameterCount.recurrentLayer(CellType.LSTM, 8, 2)
                        + 4 * 2
                        + 2;
        assertEquals(expected, bi.numParams());
    }

    @Test
    void badSpecIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ParameterCount.Spec(CellType.LSTM, 0, List.of(5), false, 3));
    }
}
