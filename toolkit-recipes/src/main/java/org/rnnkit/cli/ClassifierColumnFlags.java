package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.withColumn;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.data.DataFormat;
import picocli.CommandLine.Option;

/**
 * Which columns of a labelled-text file hold the text and the label, and how raw label values
 * become labels: {@code --text-column} (repeatable), {@code --label-column}, {@code --label-map},
 * {@code --min-label-count}. Used by the sentiment recipe's {@code train}, {@code eval} and {@code
 * inspect}.
 */
final class ClassifierColumnFlags {

    @Option(names = "--text-column", paramLabel = "NAME|INDEX", descriptionKey = "columns.text")
    List<String> textColumns = new ArrayList<>();

    @Option(names = "--label-column", paramLabel = "NAME|INDEX", descriptionKey = "columns.label")
    String labelColumn;

    @Option(names = "--label-map", paramLabel = "SPEC", descriptionKey = "columns.label-map")
    String labelMap;

    @Option(
            names = "--min-label-count",
            paramLabel = "N",
            descriptionKey = "columns.min-label-count")
    Integer minLabelCount;

    /**
     * Tells whether any of these flags was given.
     *
     * @return {@code true} when at least one flag was given
     */
    boolean given() {
        return !textColumns.isEmpty()
                || labelColumn != null
                || labelMap != null
                || minLabelCount != null;
    }

    /**
     * Returns the format with these flags applied.
     *
     * @param format the format so far
     * @return the format with the given columns, label map and minimum label count
     * @throws IllegalArgumentException naming the flag whose value is not valid
     */
    DataFormat apply(DataFormat format) {
        DataFormat f =
                textColumns.isEmpty() ? format : format.withColumns(DataFormat.TEXT, textColumns);
        f = withColumn(f, DataFormat.LABEL, labelColumn);
        return new DataFormat(
                f.delimiter(),
                f.header(),
                f.columns(),
                labelMap == null ? f.labelMap() : labelMap,
                minLabelCount == null ? f.minLabelCount() : minLabelCount);
    }
}
