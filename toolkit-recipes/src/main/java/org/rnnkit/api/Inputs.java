package org.rnnkit.api;

import java.util.List;
import java.util.Objects;

/**
 * Checks of in-memory inputs, in the caller's terms: indices are positions in the caller's lists
 * (0-based, as {@link List#get(int)}), checked before any internal sorting or batching.
 */
final class Inputs {

    private Inputs() {}

    /**
     * Requires a list without null elements.
     *
     * @param list the caller's list
     * @param name the list's name in messages ({@code "texts"})
     * @param element one element's name in messages ({@code "text"})
     * @throws NullPointerException naming the list or the first null element's index
     */
    static <T> void requireElements(List<T> list, String name, String element) {
        Objects.requireNonNull(list, name);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(element + " " + i + " is null");
            }
        }
    }

    /**
     * Requires non-blank strings.
     *
     * @param strings the caller's strings
     * @param name the list's name in messages ({@code "texts"})
     * @param element one element's name in messages ({@code "text"})
     * @throws IllegalArgumentException naming the first empty or blank element's index ("text 17 is
     *     empty")
     * @throws NullPointerException naming the list or the first null element's index
     */
    static void requireText(List<String> strings, String name, String element) {
        requireElements(strings, name, element);
        for (int i = 0; i < strings.size(); i++) {
            if (strings.get(i).isBlank()) {
                throw new IllegalArgumentException(
                        element
                                + " "
                                + i
                                + " is empty"
                                + (strings.get(i).isEmpty() ? "" : " (only white space)")
                                + "; every "
                                + element
                                + " needs at least one non-space character");
            }
        }
    }

    /**
     * Requires two lists of the same size, element {@code i} of one belonging to element {@code i}
     * of the other.
     *
     * @param a the first list
     * @param aName its name in messages
     * @param b the second list
     * @param bName its name in messages
     * @throws IllegalArgumentException when the sizes differ
     */
    static void requireSameSize(List<?> a, String aName, List<?> b, String bName) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "expected one element of "
                            + bName
                            + " per element of "
                            + aName
                            + ", received: "
                            + aName
                            + ".size()="
                            + a.size()
                            + ", "
                            + bName
                            + ".size()="
                            + b.size());
        }
    }

    /**
     * Requires a non-empty list.
     *
     * @param list the caller's list
     * @param name its name in messages
     * @throws IllegalArgumentException when the list is empty
     */
    static void requireNonEmpty(List<?> list, String name) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(
                    name + " must not be empty, received: " + name + ".size()=0");
        }
    }
}
