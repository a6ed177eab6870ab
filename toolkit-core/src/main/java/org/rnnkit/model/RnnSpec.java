package org.rnnkit.model;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurrent part of a model: a stack of {@code numLayers} layers of {@code cell} with {@code
 * hiddenSize} units each, optionally bidirectional (outputs of both directions concatenated, so a
 * layer emits {@code 2 * hiddenSize} features), with dropout on the input of every layer after the
 * first and before the output layer (PyTorch's {@code dropout} semantics).
 *
 * @param cell the recurrent cell
 * @param hiddenSize units per direction and layer
 * @param numLayers stacked layers
 * @param bidirectional run a second layer over the reversed sequence and concatenate
 * @param dropout the probability of dropping an activation, in [0, 1)
 */
public record RnnSpec(
        CellType cell, int hiddenSize, int numLayers, boolean bidirectional, double dropout) {

    private static final Logger LOG = LoggerFactory.getLogger(RnnSpec.class);

    /**
     * Validates the spec.
     *
     * @param cell see {@link #cell()}
     * @param hiddenSize see {@link #hiddenSize()}
     * @param numLayers see {@link #numLayers()}
     * @param bidirectional see {@link #bidirectional()}
     * @param dropout see {@link #dropout()}
     * @throws IllegalArgumentException when a size is not positive or dropout is outside [0, 1)
     */
    public RnnSpec {
        Objects.requireNonNull(cell, "cell");
        if (hiddenSize < 1) {
            throw new IllegalArgumentException(
                    "hiddenSize must be > 0, received: hiddenSize=" + hiddenSize);
        }
        if (numLayers < 1) {
            throw new IllegalArgumentException(
                    "numLayers must be > 0, received: numLayers=" + numLayers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(
                    "dropout must be in [0, 1), received: dropout=" + dropout);
        }
    }

    /**
     * Returns a one-layer unidirectional LSTM with 128 units and no dropout.
     *
     * @return the default spec
     */
    public static RnnSpec defaults() {
        return new RnnSpec(CellType.LSTM, 128, 1, false, 0.0);
    }

    /**
     * Returns the feature size of the last layer's output.
     *
     * @return {@code hiddenSize}, doubled when bidirectional
     */
    public int outputSize() {
        return bidirectional ? 2 * hiddenSize : hiddenSize;
    }

    /**
     * Returns the same layers reading forward only, as a decoder runs them.
     *
     * @return this spec with {@code bidirectional} false
     */
    RnnSpec forwardOnly() {
        return new RnnSpec(cell, hiddenSize, numLayers, false, dropout);
    }

    /**
     * Gives a layer that reads the recurrent layers' output this spec's dropout on its input
     * (DL4J's {@code dropOut} takes the probability to retain); nothing when the dropout is 0.
     */
    void dropOutInput(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> layer) {
        if (dropout > 0) {
            layer.dropOut(1.0 - dropout);
        }
    }

    /** Logs a warning for legal but suspicious settings. */
    void warnIfSuspicious() {
        if (dropout > 0.6) {
            LOG.warn("dropout={} drops most activations; values of 0.1-0.5 are usual", dropout);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return cell.cliName()
                + "(hiddenSize="
                + hiddenSize
                + (numLayers != 1 ? ", numLayers=" + numLayers : "")
                + (bidirectional ? ", bidirectional" : "")
                + (dropout != 0 ? ", dropout=" + dropout : "")
                + ")";
    }
}
