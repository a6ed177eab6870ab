package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExerciseCliTest {

    @Test
    void listsTheExercises() {
        RnnkitCliTest.Run r = RnnkitCliTest.run("exercise", "--list");
        assertEquals(0, r.exit(), r.err());
        for (String name : ExerciseCommand.EXERCISES.keySet()) {
            assertTrue(r.out().contains(name), r.out());
        }
        assertEquals(11, ExerciseCommand.EXERCISES.size());
    }

    @Test
    void runsAnExerciseByName() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        RnnkitCliTest.Run r;
        try {
            r = RnnkitCliTest.run("exercise", "parameter-count");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, r.exit(), r.err());
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("20 + 25 + 5 + 15 + 3 = 68"));
    }

    @Test
    void unknownExerciseIsBadUsage() {
        RnnkitCliTest.Run r = RnnkitCliTest.run("exercise", "gradient-descent");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown exercise 'gradient-descent'"), r.err());
    }
}
