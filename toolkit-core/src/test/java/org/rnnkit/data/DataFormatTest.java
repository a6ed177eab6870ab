package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnkit.data.DataTestFiles.assertMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFormatTest {

    @TempDir Path dir;

    private static final String AMAZON_HEADER = "\ufeffId,ProductId,Score,Summary,Text\r\n";

    private static DataFormat amazon(String labelMap) {
        return new DataFormat(
                null,
                true,
                Map.of("text", List.of("Summary", "Text"), "label", List.of("Score")),
                labelMap,
                1);
    }

    @Test
    void givenScoreMap_whenMapped_thenValuesRangesSkipAndCatchAll() {
        LabelMap map = LabelMap.parse("1,2=neg;4..5=pos;3=skip");
        assertEquals("neg", map.map(" 2 "));
        assertEquals("pos", map.map("4.5"));
        assertEquals("pos", map.map("5.0"));
        assertEquals(LabelMap.SKIP, map.map("3"));
        assertNull(map.map("7"));
        assertEquals(List.of("neg", "pos"), map.labels());
        assertEquals("other", LabelMap.parse("a=x;*=other").map("zzz"));
    }

    @Test
    void givenBadLabelMaps_whenParsed_thenErrorsNameOptionAndEntry() {
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> LabelMap.parse("1,2neg")),
                "--label-map",
                "'1,2neg'",
                "VALUES=LABEL");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> LabelMap.parse("5..1=pos")),
                "--label-map",
                "5..1",
                "LO <= HI");
        assertMessage(
                assertThrows(IllegalArgumentException.class, () -> LabelMap.parse("1=skip")),
                "no row would be kept");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DataFormat("ab", true, Map.of(), null, 1)),
                "--delimiter",
                "'ab'");
        assertMessage(
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DataFormat(null, true, Map.of("text", List.of("0")), null, 1)),
                "--text-column 0",
                "start at 1");
    }

    @Test
    void givenAmazonShapedCsv_whenReadWithMapping_thenJoinedTextsAndExactCounts()
            throws IOException {
        Path p =
                DataTestFiles.write(
                        dir,
                        "Reviews.csv",
                        AMAZON_HEADER
                                + "1,B1,5,Great taffy,\"Soft, \"\"chewy\"\"\r\nand fresh 😀\"\r\n"
                                + "2,B2,3,Okay,Meh\r\n"
                                + "3,B3,1,Crème brûlée? No,\"Stale, sadly\"\r\n"
                                + "4,B4,2,Only a summary,\r\n"
                                + "5,B5,9,Odd,Out of the map\r\n"
                                + "6,B6,4,Truncated\r\n");
        LabeledTextDataset set = LabeledTextDataset.read(p, true, amazon("1,2=neg;4,5=pos;3=skip"));
        assertEquals(3, set.size());
        assertEquals(2, set.skippedRows());
        assertEquals(1, set.droppedRows());
        LabeledText first = set.examples().get(0);
        assertEquals("pos", first.label());
        assertEquals("Great taffy\nSoft, \"chewy\"\nand fresh 😀", first.text());
        assertEquals(2, first.line());
        assertEquals("Crème brûlée? No\nStale, sadly", set.examples().get(1).text());
        assertEquals("Only a summary", set.examples().get(2).text());

        MalformedDataException unmapped =
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, amazon("1,2=neg;4,5=pos;3=skip")));
        assertEquals(7, unmapped.line());
        assertMessage(unmapped, "Reviews.csv", "--label-map", "'9'", "column 3 (Score)");
        MalformedDataException missing =
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, amazon("1..9=any")));
        assertEquals(8, missing.line());
        assertMessage(missing, "expected at least 5 comma-separated columns", "Summary", "found 4");
    }

    @Test
    void givenUnknownColumns_whenRead_thenErrorsNameOptionAndHeader() throws IOException {
        Path p = DataTestFiles.write(dir, "r.csv", AMAZON_HEADER + "1,B1,5,a,b\r\n");
        DataFormat wrong = amazon(null).withColumns("label", List.of("Stars"));
        assertMessage(
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, wrong)),
                "--label-column Stars",
                "no such column",
                "Summary");
        DataFormat tooFar = amazon(null).withColumns("label", List.of("12"));
        assertMessage(
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, tooFar)),
                "--label-column 12",
                "only 5 columns");
        assertMessage(
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, DataFormat.DEFAULT)),
                "--label-column and --text-column");
    }

    @Test
    void givenHeaderlessSemicolonFile_whenReadByIndex_thenColumnsAndLinesFromFirstRow()
            throws IOException {
        Path p = DataTestFiles.write(dir, "plain.txt", "x;good film;pos\ny;\"bad; dull\";neg\n");
        DataFormat format =
                new DataFormat(
                        "semicolon",
                        false,
                        Map.of("text", List.of("2"), "label", List.of("3")),
                        null,
                        1);
        LabeledTextDataset set = LabeledTextDataset.read(p, false, format);
        assertEquals(
                List.of("good film", "bad; dull"),
                set.examples().stream().map(LabeledText::text).toList());
        assertEquals(List.of(1L, 2L), set.examples().stream().map(LabeledText::line).toList());
        DataFormat byName = format.withColumns("text", List.of("Text"));
        assertMessage(
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextDataset.read(p, false, byName)),
                "--text-column Text",
                "no header",
                "1-based index");
    }

    @Test
    void givenNestedClassFolders_whenRead_thenLabelIsTopFolderAndMapApplies() throws IOException {
        for (String f :
                List.of("1star/2020/a.txt", "1star/b.txt", "5star/x/y/z/c.txt", "3star/d.txt")) {
            Path file = dir.resolve("tree").resolve(f);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "text of " + f);
        }
        Files.writeString(dir.resolve("tree/5star/.hidden.txt"), "ignored");
        LabeledTextDataset plain = LabeledTextDataset.read(dir.resolve("tree"), false);
        assertEquals(List.of("1star", "3star", "5star"), plain.labels());
        assertEquals(4, plain.size());
        LabeledTextDataset mapped =
                LabeledTextDataset.read(
                        dir.resolve("tree"),
                        false,
                        new DataFormat(null, true, Map.of(), "1star=neg;5star=pos;3star=skip", 1));
        assertEquals(List.of("neg", "pos"), mapped.labels());
        assertEquals(3, mapped.size());
        assertEquals(1, mapped.droppedRows());
    }

    @Test
    void givenRareLabel_whenMinLabelCount_thenItsRowsDroppedAndCounted() throws IOException {
        Path p = DataTestFiles.write(dir, "r.tsv", "label\ttext\na\tx\na\ty\nb\tz\nc\tw\nc\tv\n");
        LabeledTextDataset set =
                LabeledTextDataset.read(p, false, new DataFormat(null, true, Map.of(), null, 2));
        assertEquals(List.of("a", "c"), set.labels());
        assertEquals(1, set.droppedRows());
    }
}
