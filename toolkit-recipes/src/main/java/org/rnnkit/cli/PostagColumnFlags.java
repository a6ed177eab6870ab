package org.rnnkit.cli;

import static org.rnnkit.cli.OptionValues.withColumn;

import org.rnnkit.data.DataFormat;
import picocli.CommandLine.Option;

/**
 * Which columns of a CoNLL-like tagged file (one token per line, a blank line between sentences)
 * hold the token and the tag: {@code --token-column} (default 1) and {@code --tag-column} (default
 * 2), by 1-based index; a name makes the first line a header naming the columns. On a CoNLL-U file
 * they pick its columns (by index or field name: {@code form}, {@code lemma}, {@code upos}, {@code
 * xpos}, ...). Used by the postag recipe's {@code train} (through {@link PostagFlags}) and {@code
 * eval}.
 */
final class PostagColumnFlags {

    @Option(names = "--token-column", paramLabel = "INDEX|NAME", descriptionKey = "columns.token")
    String tokenColumn;

    @Option(names = "--tag-column", paramLabel = "INDEX|NAME", descriptionKey = "columns.tag")
    String tagColumn;

    /**
     * Returns the format with these flags applied.
     *
     * @param format the format so far (the recipe's default, or the one saved in a bundle)
     * @return the format with the given token and tag columns
     * @throws IllegalArgumentException naming the flag whose value is not valid
     */
    DataFormat apply(DataFormat format) {
        DataFormat f = withColumn(format, DataFormat.TOKEN, tokenColumn);
        return withColumn(f, DataFormat.TAG, tagColumn);
    }
}
