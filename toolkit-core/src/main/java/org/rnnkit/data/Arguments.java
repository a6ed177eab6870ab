package org.rnnkit.data;

/**
 * The lower-bound checks that core's builders, records and methods share, so every one words its
 * message the same way: the parameter, what was expected and what was received, as in {@code
 * "hiddenSize must be > 0, received: hiddenSize=0"}.
 */
public final class Arguments {

    private Arguments() {}

    /**
     * Checks that an integer setting is at least {@code min}.
     *
     * @param name the parameter's name, as the caller spells it
     * @param value the value received
     * @param min the smallest value allowed
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < min}, with the message {@code "<name>
     *     must be >= <min>, received: <name>=<value>"}
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " must be >= " + min + ", received: " + name + "=" + value);
        }
        return value;
    }

    /**
     * Checks that an integer setting is positive.
     *
     * @param name the parameter's name, as the caller spells it
     * @param value the value received
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value <= 0}, with the message {@code "<name>
     *     must be > 0, received: <name>=<value>"}
     */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    name + " must be > 0, received: " + name + "=" + value);
        }
        return value;
    }
}
