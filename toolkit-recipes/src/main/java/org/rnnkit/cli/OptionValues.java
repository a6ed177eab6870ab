package org.rnnkit.cli;

import java.util.List;
import java.util.function.Consumer;
import org.rnnkit.data.DataFormat;

/** Applies command-line options only when given, so recipe defaults stay in one place. */
final class OptionValues {

    private OptionValues() {}

    static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * Returns the format with a role's column set from a column flag, or unchanged when the flag
     * was not given.
     *
     * @param format the format so far
     * @param role the role, e.g. {@link DataFormat#TOKEN}
     * @param column the flag's header name or 1-based index, or {@code null} when not given
     * @return the format
     */
    static DataFormat withColumn(DataFormat format, String role, String column) {
        return column == null ? format : format.withColumns(role, List.of(column));
    }
}
