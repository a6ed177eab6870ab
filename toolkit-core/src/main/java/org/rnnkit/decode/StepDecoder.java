package org.rnnkit.decode;

/**
 * A model that emits one token per step and keeps its state between steps, for a batch of inputs
 * (sentences, images) that are each decoded into one or more hypotheses ("rows").
 *
 * <p>Protocol: {@link #start(int)} prepares {@code batchSize() * width} rows, row {@code r}
 * belonging to input {@code r / width}; each {@link #step(int[])} feeds one token per row (BOS
 * first) and returns the next-token log-probabilities; {@link #select(int[])} re-arranges the rows'
 * cached states (beam search keeps, drops and copies hypotheses).
 */
public interface StepDecoder {

    /**
     * Returns the number of inputs being decoded.
     *
     * @return the batch size
     */
    int batchSize();

    /**
     * Returns the output vocabulary size.
     *
     * @return the number of token ids
     */
    int vocabularySize();

    /**
     * Starts decoding with {@code width} rows per input and an empty state.
     *
     * @param width rows per input, at least 1
     */
    void start(int width);

    /**
     * Feeds one token per row and returns the log-probabilities of the next token.
     *
     * @param tokens the previous token of each row
     * @return {@code [rows][vocabulary]} natural-log probabilities
     */
    float[][] step(int[] tokens);

    /**
     * Re-arranges the rows: new row {@code r} continues from old row {@code rows[r]}.
     *
     * @param rows for each new row, the old row it copies
     */
    void select(int[] rows);

    /**
     * Returns the attention weights of a row's last step, when the model attends.
     *
     * @param row the row
     * @return weights over the input positions, or {@code null} (the default) without attention
     */
    default float[] attention(int row) {
        return null;
    }
}
