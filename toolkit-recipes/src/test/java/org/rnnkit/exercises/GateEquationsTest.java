package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GateEquationsTest {

    @Test
    void lstmGatesByHandEqualDl4j() {
        GateEquations.LstmResult r = GateEquations.lstm(3, 4, 6, 5);
        assertTrue(r.maxDifferenceOutput() < 1e-12, "h: " + r.maxDifferenceOutput());
        assertTrue(r.maxDifferenceCell() < 1e-12, "c: " + r.maxDifferenceCell());
        // Gates are sigmoids in (0, 1); h = o * tanh(c) holds entry by entry.
        INDArray o = r.gates().get("o");
        assertTrue(o.minNumber().doubleValue() > 0 && o.maxNumber().doubleValue() < 1);
        assertEquals(
                o.getDouble(2, 3) * Math.tanh(r.gates().get("c").getDouble(2, 3)),
                r.dl4jOutput().getDouble(2, 3),
                1e-12);
    }

    @Test
    void gruGatesByHandEqualRnnkitsLayer() {
        GateEquations.GruResult r = GateEquations.gru(3, 4, 6, 5);
        assertTrue(r.maxDifference() < 1e-12, "h: " + r.maxDifference());
        // h_t = (1 - z) n + z h_(t-1), checked at step 2 for unit 1 with scalars.
        double z = r.gates().get("z").getDouble(1, 2);
        double n = r.gates().get("n").getDouble(1, 2);
        double prev = r.layerOutput().getDouble(1, 1);
        assertEquals((1 - z) * n + z * prev, r.layerOutput().getDouble(1, 2), 1e-12);
    }

    @Test
    void forgetGateOneInputGateZeroCarriesTheCellState() {
        GateEquations.CarryResult r = GateEquations.carry(5, 40, 3);
        assertTrue(r.maxChange() < 1e-12, "carried cell changed by " + r.maxChange());
        assertTrue(
                r.maxChangeUsualGates() > 0.1,
                "usual gates changed it only by " + r.maxChangeUsualGates());
        assertTrue(r.initialCell().amaxNumber().doubleValue() > 0.1);
    }
}
