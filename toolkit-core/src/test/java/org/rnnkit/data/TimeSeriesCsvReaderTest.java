package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.data.DataTestFiles.assertMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.TimeSeriesCsvReader.FillMethod;

class TimeSeriesCsvReaderTest {

    private static final String ETT =
            "date,HUFL,HULL,OT\n"
                    + "2016-07-01 00:00:00,5.827,2.009,30.531\n"
                    + "2016-07-01 01:00:00,5.693,2.076,27.787\n"
                    + "2016-07-01 02:00:00,5.157,1.741,27.787\n"
                    + "2016-07-01 03:00:00,5.090,1.942,25.044\n";

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        return DataTestFiles.write(dir, name, content);
    }

    private static TimeSeries read(Path p) throws IOException {
        return TimeSeriesCsvReader.builder().build().read(p);
    }

    private static TimeSeries read(Path p, FillMethod fill) throws IOException {
        return TimeSeriesCsvReader.builder().optFillMethod(fill).build().read(p);
    }

    /**
     * Writes {@code content} to {@code name}, reads it with {@code fill} and asserts the error's
     * line and that its message holds every one of {@code parts}.
     */
    private void assertMalformedAt(
            String name, String content, FillMethod fill, int line, String... parts)
            throws IOException {
        Path p = write(name, content);
        MalformedDataException e = malformed(() -> read(p, fill));
        assertEquals(line, e.line());
        assertMessage(e, parts);
    }

    private static MalformedDataException malformed(Executable reading) {
        return assertThrows(MalformedDataException.class, reading);
    }

    @Test
    void givenQuotedHeaderAndFields_whenRead_thenQuotesStrippedAndMonthsParsed()
            throws IOException {
        Path p =
                write(
                        "airline.csv",
                        "\"Month\",\"Passengers\"\n\"1949-01\",112\n\"1949-02\",118\n\"1949-03\",132\n");
        TimeSeries ts = read(p);
        assertEquals(List.of("Passengers"), ts.columns());
        assertEquals("Month", ts.timeColumn().orElseThrow());
        assertArrayEquals(new double[] {112, 118, 132}, ts.column("Passengers"), 0);
        assertEquals(LocalDateTime.of(1949, 2, 1, 0, 0), ts.time(1));
        assertEquals(0, ts.filledValues());
    }

    @Test
    void givenEttLikeDatetimes_whenRead_thenHourlyStepAndNextTime() throws IOException {
        TimeSeries ts = read(write("ett.csv", ETT));
        assertEquals(4, ts.rows());
        assertEquals(List.of("HUFL", "HULL", "OT"), ts.columns());
        assertEquals(2, ts.columnIndex("OT"));
        assertEquals(Duration.ofHours(1), ts.step().orElseThrow());
        assertEquals(LocalDateTime.of(2016, 7, 1, 5, 0), ts.nextTime(2));
        assertEquals(25.044, ts.value(3, 2), 0);
    }

    @Test
    void givenIsoTAndDateOnlyAndYearFormats_whenRead_thenTimesParsed() throws IOException {
        TimeSeries iso =
                read(write("iso.csv", "t,x\n2020-01-01T10:00:00,1\n2020-01-01T10:15:00,2\n"));
        assertEquals(Duration.ofMinutes(15), iso.step().orElseThrow());
        TimeSeries days =
                read(write("days.csv", "t,x\n2020-02-28,1\n2020-02-29,2\n2020-03-01,3\n"));
        assertEquals(LocalDateTime.of(2020, 3, 2, 0, 0), days.nextTime(1));
        TimeSeries years = read(write("years.csv", "year,x\n1990,1\n1991,2\n1992,3\n"));
        assertEquals(LocalDateTime.of(1995, 1, 1, 0, 0), years.nextTime(3));
    }

    @Test
    void givenMonthlyData_whenNextTime_thenAddsCalendarMonths() throws IOException {
        TimeSeries ts =
                read(
                        write(
                                "monthly.csv",
                                "Month,Passengers\n1960-10,461\n1960-11,390\n1960-12,432\n"));
        assertEquals(LocalDateTime.of(1961, 1, 1, 0, 0), ts.nextTime(1));
        assertEquals(LocalDateTime.of(1961, 3, 1, 0, 0), ts.nextTime(3));
        assertEquals(Duration.ofDays(30), ts.step().orElseThrow());
    }

    @Test
    void givenNonDateFirstColumn_whenRead_thenLabelsWithoutTimes() throws IOException {
        TimeSeries ts = read(write("labels.csv", "id,x\nA,1\nB,2\n"));
        assertFalse(ts.times().isPresent());
        assertFalse(ts.step().isPresent());
        assertEquals("id", ts.timeColumn().orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ts.nextTime(1));
        assertMessage(e, "'id' does not hold dates");
    }

    @Test
    void givenMissingValueAndNoFill_whenRead_thenErrorNamesLineAndColumn() throws IOException {
        assertMalformedAt(
                "gap.csv",
                "date,HUFL,OT\n2016-07-01,1,2\n2016-07-02,3,NA\n",
                FillMethod.NONE,
                3,
                "gap.csv:3:",
                "column 'OT'",
                "missing value ('NA')",
                "FORWARD");
    }

    @Test
    void givenUnparsableNumber_whenRead_thenErrorNamesLineColumnAndValue() throws IOException {
        assertMalformedAt(
                "bad.csv",
                "date,OT\n2016-07-01,1\n2016-07-02,2\n2016-07-03,abc\n",
                FillMethod.NONE,
                4,
                "column 'OT': expected a number, found 'abc'");
        Path hex = write("hex.csv", "date,OT\n2016-07-01,1.5d\n");
        assertMessage(malformed(() -> read(hex)), "'1.5d'");
    }

    @Test
    void givenGaps_whenForwardFilled_thenPreviousValuesCarriedAndCounted() throws IOException {
        Path p = write("ff.csv", "t,a,b\n1,1,10\n2,,20\n3,nan,NULL\n4,4,40\n");
        TimeSeries ts = read(p, FillMethod.FORWARD);
        assertArrayEquals(new double[] {1, 1, 1, 4}, ts.column("a"), 0);
        assertArrayEquals(new double[] {10, 20, 20, 40}, ts.column("b"), 0);
        assertEquals(3, ts.filledValues());
    }

    @Test
    void givenMissingFirstValue_whenForwardFilled_thenError() throws IOException {
        assertMalformedAt(
                "ff0.csv",
                "t,a\n1,NA\n2,2\n",
                FillMethod.FORWARD,
                2,
                "column 'a'",
                "first data row");
    }

    @Test
    void givenGaps_whenInterpolated_thenLinearBetweenNeighbours() throws IOException {
        Path p = write("lin.csv", "t,a,b\n1,1,5\n2,NA,6\n3,,7\n4,4,NaN\n5,5,9\n");
        TimeSeries ts = read(p, FillMethod.INTERPOLATE);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, ts.column("a"), 1e-12);
        assertArrayEquals(new double[] {5, 6, 7, 8, 9}, ts.column("b"), 1e-12);
        assertEquals(3, ts.filledValues());
    }

    @Test
    void givenTrailingGap_whenInterpolated_thenErrorAtFirstMissingLine() throws IOException {
        assertMalformedAt(
                "tail.csv",
                "t,a\n1,1\n2,2\n3,NA\n4,NA\n",
                FillMethod.INTERPOLATE,
                4,
                "column 'a'",
                "end of the series");
    }

    @Test
    void givenWrongFieldCount_whenRead_thenErrorNamesExpectedAndFound() throws IOException {
        assertMalformedAt(
                "short.csv",
                "date,HUFL,OT\n2016-07-01,1,2\n2016-07-02,3\n",
                FillMethod.NONE,
                3,
                "expected 3 fields",
                "found 2");
    }

    @Test
    void givenNonIncreasingTimes_whenRead_thenErrorWithLine() throws IOException {
        assertMalformedAt(
                "order.csv",
                ETT.replace("2016-07-01 02:00:00", "2016-07-01 01:00:00"),
                FillMethod.NONE,
                4,
                "column 'date'",
                "increase strictly");
    }

    @Test
    void givenLaterTimeUnparsable_whenRead_thenErrorWithLineAndFormat() throws IOException {
        assertMalformedAt(
                "mixed.csv",
                "date,OT\n2016-07-01,1\n2016-07-02,2\nyesterday,3\n",
                FillMethod.NONE,
                4,
                "yyyy-MM-dd",
                "'yesterday'");
    }

    @Test
    void givenGzippedFile_whenRead_thenSameAsPlain() throws IOException {
        Path gz = dir.resolve("ett.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(ETT.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(read(write("ett.csv", ETT)), read(gz));
    }

    @Test
    void givenColumnSelection_whenRead_thenOnlyThoseInGivenOrderAndOthersNotParsed()
            throws IOException {
        Path p = write("sel.csv", "note,date,HUFL,OT\nx,2016-07-01,1,2\ny,2016-07-02,3,4\n");
        TimeSeries ts =
                TimeSeriesCsvReader.builder()
                        .optTimeColumn("date")
                        .optColumns(List.of("OT", "HUFL"))
                        .build()
                        .read(p);
        assertEquals(List.of("OT", "HUFL"), ts.columns());
        assertArrayEquals(new double[] {2, 4}, ts.column("OT"), 0);
        assertEquals(LocalDateTime.of(2016, 7, 2, 0, 0), ts.time(1));
    }

    @Test
    void givenUnknownColumn_whenSelectedOrLookedUp_thenMessageListsAvailableColumns()
            throws IOException {
        Path p = write("ett.csv", ETT);
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () ->
                                TimeSeriesCsvReader.builder()
                                        .optColumns(List.of("LUFL"))
                                        .build()
                                        .read(p));
        assertEquals(1, e.line());
        assertMessage(e, "'LUFL'", "[date, HUFL, HULL, OT]");
        TimeSeries ts = read(p);
        IllegalArgumentException lookup =
                assertThrows(IllegalArgumentException.class, () -> ts.columnIndex("LUFL"));
        assertMessage(lookup, "[HUFL, HULL, OT]", "received: column='LUFL'");
    }

    @Test
    void givenNoTimeColumn_whenRead_thenAllColumnsAreValues() throws IOException {
        TimeSeries ts =
                TimeSeriesCsvReader.builder()
                        .optNoTimeColumn()
                        .build()
                        .read(write("plain.csv", "a,b\n1,2\n3,4\n\n"));
        assertEquals(List.of("a", "b"), ts.columns());
        assertEquals(2, ts.rows());
        assertTrue(ts.timeColumn().isEmpty());
    }

    @Test
    void givenHeaderOnly_whenRead_thenErrorNoDataRows() throws IOException {
        Path p = write("empty.csv", "date,OT\n");
        assertMessage(malformed(() -> read(p)), "at least one data row");
    }
}
