package org.rnnkit.data;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 field splitting for one logical CSV record (which may span physical lines). */
final class CsvLine {

    private CsvLine() {}

    /**
     * Tells whether a partial record ends inside a quoted field, so the next physical line belongs
     * to it.
     *
     * @param text the record read so far
     * @return {@code true} when an odd number of quote characters opens a field that is not closed
     */
    static boolean hasOpenQuote(CharSequence text) {
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                inQuotes = !inQuotes;
            }
        }
        return inQuotes;
    }

    /**
     * Splits a record into fields; quoted fields may contain commas, newlines and doubled quotes.
     *
     * @param record one logical record without its line terminator
     * @return the unquoted field values
     */
    static List<String> split(String record) {
        return split(record, ',');
    }

    /**
     * Splits a record on a delimiter; quoted fields may contain the delimiter, newlines and doubled
     * quotes.
     *
     * @param record one logical record without its line terminator
     * @param delimiter the field separator
     * @return the unquoted field values
     */
    static List<String> split(String record, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
