package org.rnnkit.cli;

import org.rnnkit.data.DataFormat;
import picocli.CommandLine.Option;

/**
 * The flags that describe a delimited data file's layout, shared by every recipe's {@code train},
 * {@code eval} and {@code inspect}: {@code --delimiter} and {@code --no-header}. Each recipe's
 * column flags (e.g. {@link ClassifierColumnFlags}) add which columns hold what.
 */
final class TableFlags {

    @Option(names = "--delimiter", paramLabel = "C", descriptionKey = "table.delimiter")
    String delimiter;

    @Option(names = "--no-header", descriptionKey = "table.no-header")
    boolean noHeader;

    /**
     * Returns the format with these flags applied.
     *
     * @param format the format so far (the recipe's default, or the one saved in a bundle)
     * @return the format with the delimiter and header set when given
     * @throws IllegalArgumentException naming {@code --delimiter} when its value is not valid
     */
    DataFormat apply(DataFormat format) {
        if (delimiter == null && !noHeader) {
            return format;
        }
        return new DataFormat(
                delimiter == null ? format.delimiter() : delimiter,
                !noHeader && format.header(),
                format.columns(),
                format.labelMap(),
                format.minLabelCount());
    }
}
