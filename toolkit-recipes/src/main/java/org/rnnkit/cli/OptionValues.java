package org.rnnkit.cli;

import java.util.function.Consumer;

/** Applies command-line options only when given, so recipe defaults stay in one place. */
final class OptionValues {

    private OptionValues() {}

    static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
