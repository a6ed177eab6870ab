package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/**
 * A dense layer applied to every time step of a sequence {@code [batch, features, time]}, with
 * DL4J's own reshaping preprocessors around it. (DL4J 1.0.0-M2.1's {@code TimeDistributed} wrapper
 * mixes up batch rows and time steps when the batch has more than one step and row: measured, an
 * output at step 0 changed with the sequence length.)
 */
final class PerStepDense {

    private PerStepDense() {}

    /**
     * Adds the layer (named {@code name + "_dense"}) and the vertex that restores the sequence
     * shape (named {@code name}).
     *
     * @param graph the graph under construction
     * @param name the name of the sequence-shaped output
     * @param dense the dense layer (nIn, nOut, activation set)
     * @param input the vertex with the sequence input
     * @return {@code name}
     */
    static String add(GraphBuilder graph, String name, DenseLayer dense, String input) {
        graph.addLayer(
                name + "_dense", dense, new RnnToFeedForwardPreProcessor(RNNFormat.NCW), input);
        graph.addVertex(
                name,
                new PreprocessorVertex(new FeedForwardToRnnPreProcessor(RNNFormat.NCW)),
                name + "_dense");
        return name;
    }
}
