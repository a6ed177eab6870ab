package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    /** Rows 0-3 are train; rows 4-5 are dev with huge values that must not move the statistics. */
    private static final double[][] VALUES = {
        {1, 10}, {2, 10}, {3, 10}, {4, 10}, {1e9, -1e9}, {2e9, 5e8},
    };

    private static final List<String> COLUMNS = List.of("a", "b");

    @Test
    void givenTrainRowsOnly_whenFitted_thenDevValuesDoNotMoveTheStatistics() {
        Standardizer s = Standardizer.fit(COLUMNS, VALUES, 0, 4);
        assertArrayEquals(new double[] {2.5, 10}, s.mean(), 1e-12);
        // Population std of 1..4 is sqrt(1.25); the constant column gets std 1.
        assertArrayEquals(new double[] {Math.sqrt(1.25), 1}, s.std(), 1e-12);
        assertEquals(0, s.transform(10, 1), 0);
    }

    @Test
    void givenSeries_whenFittedOnRange_thenSameAsTable() {
        double[][] values = {{5, 1}, {1, 2}, {2, 3}, {3, 4}, {99, 99}};
        TimeSeries ts = new TimeSeries(COLUMNS, values, null, null, 0);
        Standardizer s = Standardizer.fit(ts, 1, 4);
        assertEquals(Standardizer.fit(COLUMNS, values, 1, 4), s);
        assertArrayEquals(new double[] {2, 3}, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), s.std()[0], 1e-12);
    }

    @Test
    void givenValues_whenTransformedAndInverted_thenOriginalsBack() {
        Standardizer s = Standardizer.fit(COLUMNS, VALUES, 0, 4);
        double[][] z = s.transform(VALUES);
        assertEquals((3 - 2.5) / Math.sqrt(1.25), z[2][0], 1e-12);
        assertEquals(z[2][0], s.transform(3, 0), 0);
        double[][] back = s.inverse(z);
        for (int r = 0; r < VALUES.length; r++) {
            assertArrayEquals(VALUES[r], back[r], Math.abs(VALUES[r][0]) * 1e-12 + 1e-9);
        }
        assertEquals(3.7, s.inverse(s.transform(3.7, 0), 0), 1e-12);
    }

    @Test
    void givenStandardizer_whenJsonRoundTrip_thenEqual() throws Exception {
        Standardizer s = Standardizer.fit(COLUMNS, VALUES, 0, 4);
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(s);
        assertTrue(json.contains("\"columns\":[\"a\",\"b\"]"), json);
        assertEquals(s, mapper.readValue(json, Standardizer.class));
    }

    @Test
    void givenBadInput_whenFittedOrBuilt_thenClearErrors() {
        IllegalArgumentException range =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Standardizer.fit(COLUMNS, VALUES, 3, 3));
        assertTrue(range.getMessage().contains("from=3, to=3"), range.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new Standardizer(COLUMNS, new double[] {0, 0}, new double[] {1, 0}));
        assertThrows(
                IllegalArgumentException.class,
                () -> Standardizer.fit(COLUMNS, VALUES, 0, 4).transform(1, 2));
    }
}
