package org.rnnkit.model;

/** How a many-to-one model turns the recurrent outputs of all real steps into one vector. */
public enum Pooling {
    /**
     * The output at the last real step. With a bidirectional layer, the forward direction's last
     * real step is joined with the backward direction's final state (which has read the whole
     * sequence backwards), as in Keras' {@code Bidirectional(return_sequences=False)}.
     */
    LAST,
    /** The element-wise maximum over real steps. */
    MAX,
    /** The mean over real steps. */
    MEAN
}
