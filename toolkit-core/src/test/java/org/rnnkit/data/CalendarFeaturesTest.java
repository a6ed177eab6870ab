package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CalendarFeaturesTest {

    @Test
    void givenTimeSteps_whenDetected_thenTheMatchingCyclesAreChosen() {
        assertEquals(CalendarFeatures.SUB_DAILY, CalendarFeatures.detect(Duration.ofHours(1), 24));
        assertEquals(CalendarFeatures.DAILY, CalendarFeatures.detect(Duration.ofDays(1), 7));
        assertEquals(CalendarFeatures.MONTHLY, CalendarFeatures.detect(Duration.ofDays(31), 12));
        assertEquals(CalendarFeatures.SEASON_PHASE, CalendarFeatures.detect(null, 12));
        assertEquals(CalendarFeatures.NONE, CalendarFeatures.detect(null, 1));
        assertEquals(CalendarFeatures.NONE, CalendarFeatures.detect(Duration.ofDays(365), 0));
    }

    @Test
    void givenTimes_whenEncoded_thenCyclesWrapAround() {
        // Monday 2024-01-01 06:00: hour angle 90 degrees, weekday angle 0
        double[] f = CalendarFeatures.SUB_DAILY.of(LocalDateTime.of(2024, 1, 1, 6, 0), 0, 24);
        assertArrayEquals(new double[] {1, 0, 0, 1}, f, 1e-12);
        // December is next to January: both near angle 0
        double[] dec = CalendarFeatures.MONTHLY.of(LocalDateTime.of(2024, 12, 1, 0, 0), 0, 12);
        assertEquals(Math.cos(2 * Math.PI * 11 / 12), dec[1], 1e-12);
        assertEquals(-0.5, dec[0], 1e-12);
        // season phase by row: row 15 of a 12-season is phase 3 (90 degrees)
        assertArrayEquals(
                new double[] {1, 0}, CalendarFeatures.SEASON_PHASE.of(null, 15, 12), 1e-12);
        assertEquals(0, CalendarFeatures.NONE.of(null, 3, 12).length);
        assertEquals(CalendarFeatures.SUB_DAILY, CalendarFeatures.parse("sub-daily"));
        assertThrows(IllegalArgumentException.class, () -> CalendarFeatures.parse("hourly"));
    }
}
