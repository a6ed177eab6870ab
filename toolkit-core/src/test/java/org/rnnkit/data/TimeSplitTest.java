package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.data.TimeSplit.Part;

class TimeSplitTest {

    private static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void givenRatios_whenSplit_thenFloorsTrainAndDevAndTestTakesTheRest() {
        TimeSplit s = TimeSplit.ofRatios(25, 0.7, 0.1, 0.2);
        assertEquals(new TimeSplit(17, 19, 25), s);
        assertEquals(17, s.rows(Part.TRAIN));
        assertEquals(2, s.rows(Part.DEV));
        assertEquals(6, s.rows(Part.TEST));
        assertEquals(19, s.start(Part.TEST));
        assertEquals(25, s.end(Part.TEST));
    }

    @Test
    void givenRatiosWhoseProductRoundsBelow_whenSplit_thenExactRowCounts() {
        // 100 * 0.57 is 56.99999999999999 in binary floating point.
        assertEquals(new TimeSplit(57, 70, 100), TimeSplit.ofRatios(100, 0.57, 0.13, 0.30));
        assertEquals(new TimeSplit(7, 7, 10), TimeSplit.parse(" 0.7, 0 ,0.3", 10));
    }

    @Test
    void givenEttRowCounts_whenSplit_thenFirst14400RowsUsed() {
        TimeSplit s = TimeSplit.parseRows("8640,2880,2880", 17420);
        assertEquals(new TimeSplit(8640, 11520, 14400), s);
        assertEquals(8640, s.start(Part.DEV));
        assertEquals(2880, s.rows(Part.TEST));
    }

    @Test
    void givenInvalidRatios_whenSplit_thenMessagesNameTheParameter() {
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TimeSplit.ofRatios(100, 0.7, 0.2, 0.2)),
                "train + dev + test must be 1",
                "sum");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class, () -> TimeSplit.ofRatios(100, 0, 0.5, 0.5)),
                "train must be in (0, 1), received: train=0.0");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class, () -> TimeSplit.ofRatios(100, 0.5, 0.5, 0)),
                "test must be in (0, 1)");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class, () -> TimeSplit.ofRatios(3, 0.2, 0.4, 0.4)),
                "train must leave at least one training row");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.parse("0.7,0.3", 10)),
                "three comma-separated ratios",
                "received: split='0.7,0.3'");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class, () -> TimeSplit.parse("0.7,x,0.2", 10)),
                "received: split='0.7,x,0.2'");
    }

    @Test
    void givenInvalidRowCounts_whenSplit_thenMessagesNameTheParameter() {
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.ofRows(10, 6, 3, 2)),
                "train + dev + test must be <= rows",
                "rows=10");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.ofRows(10, 6, -1, 2)),
                "dev must be >= 0, received: dev=-1");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> TimeSplit.ofRows(10, 6, 2, 0)),
                "test must be > 0, received: test=0");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class, () -> TimeSplit.parseRows("6,2.5,1", 10)),
                "three comma-separated row counts");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> new TimeSplit(5, 4, 9)),
                "devEnd must be >= trainEnd");
    }
}
