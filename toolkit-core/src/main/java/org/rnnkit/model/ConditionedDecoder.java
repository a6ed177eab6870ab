package org.rnnkit.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.rnnkit.model.layers.ContiguousMergeVertex;
import org.rnnkit.model.layers.DotAttentionVertex;
import org.rnnkit.model.layers.FusedSoftmaxOutputLayer;

/**
 * The recurrent decoder shared by every conditioned generator (sequence-to-sequence and image
 * captioning): token embedding, the condition vector concatenated to every step, a recurrent stack,
 * optional Luong "general" attention over a memory, and a softmax over the output vocabulary.
 *
 * <pre>
 * target_in [b, 1, T] --embedding--> [b, E, T] ++ condition [b, C] at every step --> RNN --> h [b, H, T]
 * attention: a_t = softmax_s(h_t . W m_s) over unmasked memory steps, c_t = sum_s a_ts m_s
 *            --> tanh(W_c [h_t; c_t]) [b, H, T]
 * --> softmax [b, V, T]
 * </pre>
 *
 * <p>DL4J layers cannot take an initial state from another layer, so the condition (an encoder's
 * summary, an image vector) is an input at every step; at the first step it is what the decoder
 * reads besides BOS ("par-inject", Tanti et al. 2018, "Where to put the image in an image caption
 * generator").
 *
 * @param vocabularySize output token ids, reserved ids included
 * @param embeddingSize token embedding width
 * @param rnn the decoder's recurrent layers (forward only)
 * @param conditionSize width of the condition vector
 * @param memorySize feature size of the attention memory {@code [b, M, S]} (unused without
 *     attention)
 * @param attention whether the decoder attends over the memory
 * @param sparseLabels labels as class indices instead of one-hot rows
 * @param labelSmoothing the output layer's label smoothing in [0, 1) (needs sparse labels when
 *     above 0)
 * @param inputDropout whether the recurrent spec's dropout also applies to the decoder's input
 *     (embedding and condition) and to the attention's context (otherwise only between layers and
 *     before the output)
 */
record ConditionedDecoder(
        int vocabularySize,
        int embeddingSize,
        RnnSpec rnn,
        int conditionSize,
        int memorySize,
        boolean attention,
        boolean sparseLabels,
        double labelSmoothing,
        boolean inputDropout) {

    /** The attention vertex, whose weights can be read after a forward pass. */
    static final String ATTENTION = "attention";

    /** The output layer. */
    static final String OUTPUT = "output";

    /**
     * Adds the decoder to a graph.
     *
     * @param g the graph under construction
     * @param targetIn the input of token ids {@code [b, 1, T]} (BOS first) with its mask
     * @param condition the vertex or input of the condition vector {@code [b, C]}
     * @param memory the memory {@code [b, M, S]} (ignored without attention)
     * @param memoryMask the input holding the memory mask {@code [b, S]} (ignored without
     *     attention)
     */
    void add(GraphBuilder g, String targetIn, String condition, String memory, String memoryMask) {
        g.addLayer(
                "target_embedding",
                NetworkBuilder.embedding(vocabularySize, embeddingSize),
                targetIn);
        g.addVertex("context_steps", new DuplicateToTimeSeriesVertex(targetIn), condition);
        g.addVertex("decoder_in", new ContiguousMergeVertex(), "target_embedding", "context_steps");
        String states =
                RecurrentStack.add(
                        g,
                        rnn,
                        "decoder_in",
                        embeddingSize + conditionSize,
                        targetIn,
                        "decoder",
                        false,
                        inputDropout);
        String top = states;
        if (attention) {
            // Luong's "general" score h' W m, computed as (W' h) . m: the projection is per decoder
            // step, the memory is used as it is
            PerStepDense.add(
                    g,
                    "query",
                    new DenseLayer.Builder()
                            .nIn(rnn.outputSize())
                            .nOut(memorySize)
                            .hasBias(false)
                            .activation(Activation.IDENTITY)
                            .build(),
                    states);
            g.addVertex(ATTENTION, new DotAttentionVertex(), "query", memory, memory, memoryMask);
            g.addVertex("attention_in", new ContiguousMergeVertex(), states, ATTENTION);
            DenseLayer.Builder attentional =
                    new DenseLayer.Builder()
                            .nIn(rnn.outputSize() + memorySize)
                            .nOut(rnn.hiddenSize())
                            .activation(Activation.TANH);
            if (inputDropout) {
                rnn.dropOutInput(attentional);
            }
            PerStepDense.add(g, "attentional", attentional.build(), "attention_in");
            top = "attentional";
        }
        // DL4J's RnnOutputLayer settings and results; its training pass computes the large
        // [steps, hidden] x [hidden, vocabulary] product once instead of twice
        RnnOutputLayer.Builder out =
                new FusedSoftmaxOutputLayer.Builder(
                                sparseLabels
                                        ? LossFunctions.LossFunction.SPARSE_MCXENT
                                        : LossFunctions.LossFunction.MCXENT)
                        .labelSmoothing(labelSmoothing)
                        .nIn(rnn.hiddenSize())
                        .nOut(vocabularySize)
                        .activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW);
        rnn.dropOutInput(out);
        g.addLayer(OUTPUT, out.build(), top);
    }
}
