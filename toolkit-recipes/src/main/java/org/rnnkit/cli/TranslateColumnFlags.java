package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.withColumn;

import org.rnnkit.data.DataFormat;
import picocli.CommandLine.Option;

/**
 * Which columns of a parallel-text file hold the source and the target sentence: {@code
 * --source-column} and {@code --target-column}, by header name or 1-based index (with {@code
 * --no-header}). Without them a file is read as headerless {@code source<TAB>target} lines. Used by
 * the translate recipe's {@code train} (through {@link TranslateFlags}) and {@code eval}.
 */
final class TranslateColumnFlags {

    @Option(names = "--source-column", paramLabel = "NAME|INDEX", descriptionKey = "columns.source")
    String sourceColumn;

    @Option(names = "--target-column", paramLabel = "NAME|INDEX", descriptionKey = "columns.target")
    String targetColumn;

    /**
     * Returns the format with these flags applied.
     *
     * @param format the format so far (the recipe's default, or the one saved in a bundle)
     * @return the format with the given source and target columns
     * @throws IllegalArgumentException naming the flag whose value is not valid
     */
    DataFormat apply(DataFormat format) {
        DataFormat f = withColumn(format, DataFormat.SOURCE, sourceColumn);
        return withColumn(f, DataFormat.TARGET, targetColumn);
    }
}
