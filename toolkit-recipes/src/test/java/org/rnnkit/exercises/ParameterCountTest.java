package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void givenGru_whenCounted_thenResetAfterMatchesDl4jAndTheOneBiasFormIsTheHandFormula() {
        int d = 7;
        int h = 6;
        int k = 2;
        ParameterCount.Spec spec = new ParameterCount.Spec(CellType.GRU, d, List.of(h), false, k);
        ParameterCount.Count c = ParameterCount.count(spec);
        // rnnkit's GruLayer: three gates, each W (h x d), U (h x h), input bias and recurrent bias.
        long resetAfter = 3L * (h * (d + h) + 2 * h);
        assertEquals(resetAfter + k * h + k, c.numParams());
        assertEquals(c.numParams(), c.byFormula());
        // Cho et al. 2014 / Keras reset_after=False: one bias per gate, 3(h(d + h) + h).
        long oneBias = 3L * (h * (d + h) + h);
        assertEquals(oneBias, ParameterCount.gruWithoutResetAfter(d, h));
        assertEquals(oneBias + k * h + k, ParameterCount.totalWithoutResetAfter(spec));
        // Two bidirectional layers: the second sees 2h inputs; each direction has its own biases.
        ParameterCount.Spec deep = new ParameterCount.Spec(CellType.GRU, d, List.of(h, h), true, k);
        long twoLayers =
                2 * ParameterCount.gruWithoutResetAfter(d, h)
                        + 2 * ParameterCount.gruWithoutResetAfter(2 * h, h)
                        + 2L * k * h
                        + k;
        assertEquals(twoLayers, ParameterCount.totalWithoutResetAfter(deep));
        assertEquals(twoLayers + 2 * 2 * 3 * h, ParameterCount.count(deep).numParams());
    }

    @Test
    void givenOneNetwork_whenReported_thenTermsAreLabelledWithTheConventionAndSettings() {
        String report =
                ParameterCount.report(
                        ParameterCount.count(
                                new ParameterCount.Spec(CellType.GRU, 4, List.of(5), false, 3)));
        assertTrue(
                report.contains(
                        "settings: cell GRU, inputs d=4, hidden h=[5] (1 layer,"
                                + " unidirectional), outputs k=3"),
                report);
        assertTrue(report.contains("reset_after=True"), report);
        assertTrue(report.contains("| layer 1 W_F (input weights)"), report);
        assertTrue(report.contains("| 3 x h x d = 3 x 5 x 4 | 60"), report);
        assertTrue(report.contains("| layer 1 b_R (recurrent bias, reset-after)"), report);
        // 3(20 + 25 + 10) + 15 + 3 = 183 with reset-after; 3(20 + 25 + 5) + 18 = 168 without.
        assertTrue(report.contains("| total "), report);
        assertTrue(report.contains("DL4J numParams(): 183, summary() total: 183"), report);
        assertTrue(report.contains("without reset-after") && report.contains("total 168"), report);
        assertFalse(
                ParameterCount.report(
                                ParameterCount.count(
                                        new ParameterCount.Spec(
                                                CellType.LSTM, 4, List.of(5), false, 3)))
                        .contains("reset-after"));
    }

    @Test
    void badSpecIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ParameterCount.Spec(CellType.LSTM, 0, List.of(5), false, 3));
    }
}
