package org.rnnkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    // actual:    a a a b b c
    // predicted: a a b b c c
    private final ClassificationReport report =
            new ClassificationReport(
                    List.of("a", "b", "c"),
                    new int[] {0, 0, 0, 1, 1, 2},
                    new int[] {0, 0, 1, 1, 2, 2});

    @Test
    void givenFixedPredictions_whenReported_thenMetricsMatchHandComputation() {
        assertEquals(4.0 / 6, report.accuracy(), 1e-12);
        assertEquals(1.0, report.precision(0), 1e-12);
        assertEquals(2.0 / 3, report.recall(0), 1e-12);
        assertEquals(0.8, report.f1(0), 1e-12);
        assertEquals(0.5, report.precision(1), 1e-12);
        assertEquals(0.5, report.recall(1), 1e-12);
        assertEquals(0.5, report.precision(2), 1e-12);
        assertEquals(1.0, report.recall(2), 1e-12);
        assertEquals(2.0 / 3, report.f1(2), 1e-12);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, report.macroF1(), 1e-12);
        assertArrayEquals(new long[] {2, 1, 0}, report.confusion()[0]);
        Map<String, Double> m = report.toMetrics();
        assertEquals(report.accuracy(), m.get("accuracy"));
        assertEquals(0.8, m.get("f1_a"), 1e-12);
        assertTrue(report.toTable().contains("confusion matrix"));
    }

    @Test
    void givenClassNeverPredicted_whenReported_thenPrecisionZero() {
        ClassificationReport r =
                new ClassificationReport(List.of("x", "y"), new int[] {0, 1}, new int[] {0, 0});
        assertEquals(0.0, r.precision(1));
        assertEquals(0.0, r.f1(1));
    }

    @Test
    void givenMismatchedOrOutOfRange_whenReported_thenRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ClassificationReport(List.of("x", "y"), new int[] {0}, new int[] {0, 1}));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ClassificationReport(List.of("x", "y"), new int[] {2}, new int[] {0}));
    }
}
