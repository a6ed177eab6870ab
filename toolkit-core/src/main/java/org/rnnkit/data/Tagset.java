package org.rnnkit.data;

/** Which CoNLL-U column a tagger learns. */
public enum Tagset {
    /** Universal POS tags, column 4 (17 tags). */
    UPOS(3),
    /** Language-specific POS tags, column 5 (for English EWT, Penn Treebank tags). */
    XPOS(4);

    private final int column;

    Tagset(int column) {
        this.column = column;
    }

    /**
     * Returns the 0-based CoNLL-U column.
     *
     * @return 3 or 4
     */
    int column() {
        return column;
    }
}
