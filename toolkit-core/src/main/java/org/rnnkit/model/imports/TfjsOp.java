package org.rnnkit.model.imports;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The implementation of one TensorFlow op on ND4J arrays. */
@FunctionalInterface
interface TfjsOp {

    /**
     * Computes a node's outputs.
     *
     * @param node the node (its attributes configure the op)
     * @param in the values of the node's data inputs, in order
     * @return the node's outputs, output k at index k
     */
    INDArray[] apply(TfjsNode node, INDArray[] in);
}
