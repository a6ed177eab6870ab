package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureChoiceTest {

    @Test
    void coursesAnswers() {
        assertEquals(
                ArchitectureChoice.RnnType.ENCODER_DECODER,
                ArchitectureChoice.Question.DOCUMENT_SUMMARIZER.answer());
        assertEquals(
                ArchitectureChoice.RnnType.NONE, ArchitectureChoice.Question.AD_CLICK.answer());
        assertEquals(
                ArchitectureChoice.RnnType.MANY_TO_ONE,
                ArchitectureChoice.Question.NEXT_WORD_KEYBOARD.answer());
        assertEquals(
                ArchitectureChoice.RnnType.MANY_TO_MANY_EQUAL,
                ArchitectureChoice.Question.PER_FRAME_CAPTIONS.answer());
    }

    @Test
    void everyLinkedBuilderExists() {
        for (ArchitectureChoice.RnnType t : ArchitectureChoice.RnnType.values()) {
            assertDoesNotThrow(() -> Class.forName(t.builder()), t.builder());
        }
    }

    @Test
    void docsCarryTheSameTable() throws Exception {
        Path docs = Path.of("..", "docs", "EXERCISES.md");
        String text = Files.readString(docs);
        for (String line : ArchitectureChoice.table().split("\n")) {
            assertTrue(text.contains(line), "docs/EXERCISES.md lacks the line: " + line);
        }
    }
}
