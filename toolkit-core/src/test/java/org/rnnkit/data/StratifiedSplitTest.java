package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    /** 203 examples over three unbalanced labels, in a mixed source order. */
    private static LabeledTextDataset dataset() {
        String[] labels = {"pos", "neg", "neutral"};
        Random random = new Random(11);
        List<LabeledText> examples = new ArrayList<>();
        for (int i = 0; i < 203; i++) {
            String label = labels[random.nextInt(10) < 5 ? 0 : random.nextInt(10) < 7 ? 1 : 2];
            examples.add(new LabeledText(label, "text " + i, "mem", i + 1));
        }
        return new LabeledTextDataset(examples, "mem", 0);
    }

    @Test
    void givenLabels_whenSplitByIndex_thenSameExamplesInSameOrderAsDatasetSplit() {
        LabeledTextDataset data = dataset();
        // Label indices in order of first appearance, as a streaming reader assigns them.
        List<String> names = new ArrayList<>();
        int[] rowLabels = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            String label = data.examples().get(i).label();
            if (!names.contains(label)) {
                names.add(label);
            }
            rowLabels[i] = names.indexOf(label);
        }
        for (long seed : new long[] {0, 7, 42, -3}) {
            for (double fraction : new double[] {0.1, 0.2, 0.5, 0.9}) {
                List<LabeledTextDataset> parts = data.split(fraction, seed);
                StratifiedSplit split = StratifiedSplit.of(rowLabels, names, fraction, seed);
                assertEquals(parts.get(0).examples(), examples(data, split.kept()));
                assertEquals(parts.get(1).examples(), examples(data, split.heldOut()));
            }
        }
    }

    private static List<LabeledText> examples(LabeledTextDataset data, int[] rows) {
        List<LabeledText> out = new ArrayList<>();
        for (int row : rows) {
            out.add(data.examples().get(row));
        }
        return out;
    }

    @Test
    void givenSameInput_whenSplitTwice_thenEqual() {
        int[] labels = {0, 1, 0, 1, 0, 1, 1, 0};
        List<String> names = List.of("b", "a");
        StratifiedSplit a = StratifiedSplit.of(labels, names, 0.25, 5);
        assertEquals(a, StratifiedSplit.of(labels, names, 0.25, 5));
        assertEquals(6, a.kept().length);
        assertEquals(2, a.heldOut().length);
    }

    @Test
    void givenBadArguments_whenSplit_thenMessageNamesThem() {
        IllegalArgumentException fraction =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StratifiedSplit.of(new int[] {0, 1}, List.of("a", "b"), 1.0, 1));
        DataTestFiles.assertMessage(fraction, "fraction=1.0");
        IllegalArgumentException label =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StratifiedSplit.of(new int[] {0, 2}, List.of("a", "b"), 0.5, 1));
        DataTestFiles.assertMessage(label, "row 1", "received: 2");
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StratifiedSplit.of(new int[] {0, 1}, List.of("a", "b"), 0.1, 1));
        DataTestFiles.assertMessage(empty, "leaves an empty part");
    }
}
