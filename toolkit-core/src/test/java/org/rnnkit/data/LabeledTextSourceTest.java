package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledTextSourceTest {

    @TempDir Path dir;

    private Path file() throws IOException {
        return DataTestFiles.write(
                dir,
                "d.tsv",
                "label\ttext\n"
                        + "pos\tgreat film\n"
                        + "neg\n"
                        + "neg\tdull plot\n"
                        + "meh\tso so\n"
                        + "pos\tfine acting\n"
                        + "neg\tweak ending\n");
    }

    private static List<LabeledText> all(LabeledTextSource source) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        assertEquals(source.forEach(out::add), out.size());
        return out;
    }

    @Test
    void givenFile_whenReadTwice_thenSameExamplesAsDatasetRead() throws IOException {
        Path file = file();
        LabeledTextSource source = LabeledTextSource.of(file, true);
        LabeledTextDataset expected = LabeledTextDataset.read(file, true);
        assertEquals(expected.examples(), all(source));
        assertEquals(expected.examples(), all(source));
        assertEquals(1, source.skippedRows());
        assertEquals(file.toString(), source.source());
        assertEquals(expected.examples().get(3), source.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> source.get(5));
    }

    @Test
    void givenMinLabelCount_whenRead_thenRareLabelsDroppedAsDatasetReadDrops() throws IOException {
        Path file = file();
        DataFormat format = new DataFormat(null, true, Map.of(), null, 2);
        LabeledTextSource source = LabeledTextSource.of(file, true, format);
        LabeledTextDataset expected = LabeledTextDataset.read(file, true, format);
        assertEquals(expected.examples(), all(source));
        assertEquals(4, expected.size());
        assertEquals(expected.droppedRows(), source.droppedRows());
        assertEquals(expected.skippedRows(), source.skippedRows());
    }

    @Test
    void givenDataset_whenRead_thenItsExamplesAndCounts() throws IOException {
        LabeledTextDataset data =
                new LabeledTextDataset(
                        List.of(
                                new LabeledText("a", "x", "mem", 1),
                                new LabeledText("b", "y", "mem", 2)),
                        "in memory",
                        3,
                        4);
        LabeledTextSource source = LabeledTextSource.of(data);
        assertEquals(data.examples(), all(source));
        assertEquals("in memory", source.source());
        assertEquals(3, source.skippedRows());
        assertEquals(4, source.droppedRows());
        assertEquals(data.examples().get(1), source.get(1));
    }

    @Test
    void givenOnlyBadRows_whenRead_thenNoExampleErrorCountsThem() throws IOException {
        Path file = DataTestFiles.write(dir, "bad.tsv", "label\ttext\npos\n\tx\n");
        MalformedDataException e =
                assertThrows(
                        MalformedDataException.class,
                        () -> LabeledTextSource.of(file, true).forEach(x -> {}));
        DataTestFiles.assertMessage(e, "found none", "2 bad rows skipped");
    }
}
