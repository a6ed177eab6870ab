package org.rnnkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ComponentSizesTest {

    @Test
    void dl4jShapesAreTheCoursesTransposedOrBatched() {
        List<ComponentSizes.Row> rows = ComponentSizes.run(4, 5, 3, 2, 7);
        Map<String, ComponentSizes.Row> by =
                rows.stream()
                        .collect(
                                Collectors.toMap(
                                        ComponentSizes.Row::component, Function.identity()));
        assertArrayEquals(new long[] {5, 4}, by.get("W_F").courseShape());
        assertArrayEquals(new long[] {4, 5}, by.get("W_F").dl4jShape());
        assertArrayEquals(new long[] {5, 5}, by.get("W_R").dl4jShape());
        assertArrayEquals(new long[] {5}, by.get("b").dl4jShape());
        assertArrayEquals(new long[] {5, 3}, by.get("W_y").dl4jShape());
        assertArrayEquals(new long[] {2, 5, 7}, by.get("a_t").dl4jShape());
        assertArrayEquals(new long[] {2, 3, 7}, by.get("y_t").dl4jShape());
        long weights =
                rows.stream()
                        .filter(r -> r.component().startsWith("W") || r.component().startsWith("b"))
                        .mapToLong(ComponentSizes.Row::size)
                        .sum();
        assertEquals(68, weights);
        String table = ComponentSizes.table(rows);
        assertTrue(table.contains("| W_F "), table);
        assertTrue(table.contains("5 x 4"), table);
    }
}
