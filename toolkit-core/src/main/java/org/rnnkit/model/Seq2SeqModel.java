package org.rnnkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnkit.decode.StepDecoder;

/**
 * A trained encoder-decoder ready to decode: the training graph of a {@link Seq2SeqBuilder} plus an
 * encoder graph and a step-wise decoder graph that share its parameters.
 *
 * <p>{@link #cached} runs the encoder once per batch and then the decoder one step at a time with
 * {@code rnnTimeStep}: decoding T tokens costs T decoder steps. {@link #rerun} instead re-runs the
 * whole training graph on the growing prefix at every step (O(T^2), how the DL4J examples decode);
 * it exists to check the cached decoder and to measure the difference.
 */
public final class Seq2SeqModel {

    private final GeneratorGraphs graphs;
    private final boolean attention;

    /**
     * Wraps a trained graph.
     *
     * @param training the graph built by {@code builder} (trained)
     * @param builder the settings it was built with
     * @param targetVocabularySize the softmax size
     */
    public Seq2SeqModel(
            ComputationGraph training, Seq2SeqBuilder builder, int targetVocabularySize) {
        Objects.requireNonNull(training, "training");
        this.attention = builder.attention();
        this.graphs =
                new GeneratorGraphs(
                        training,
                        builder.buildEncoder(),
                        builder.buildDecoder(),
                        targetVocabularySize);
    }

    /**
     * Copies the training graph's parameters into the encoder and decoder graphs (call again after
     * further training).
     */
    public void copyParameters() {
        graphs.copyParameters();
    }

    /**
     * Returns the training graph.
     *
     * @return the graph
     */
    public ComputationGraph network() {
        return graphs.training();
    }

    /**
     * Creates a decoder that runs the encoder once and steps the decoder with cached state.
     *
     * @param source source ids {@code [batch, 1, S]}
     * @param sourceMask {@code [batch, S]}, 1 = real token
     * @return the step decoder
     */
    public StepDecoder cached(INDArray source, INDArray sourceMask) {
        INDArray[] out = graphs.encode(new INDArray[] {source}, new INDArray[] {sourceMask});
        return graphs.cached(out[0], attention ? out[1] : null, attention ? sourceMask : null);
    }

    /**
     * Creates a decoder that re-runs the training graph on the whole prefix at every step.
     *
     * @param source source ids {@code [batch, 1, S]}
     * @param sourceMask {@code [batch, S]}, 1 = real token
     * @return the step decoder
     */
    public StepDecoder rerun(INDArray source, INDArray sourceMask) {
        return new Rerun(source, sourceMask);
    }

    private final class Rerun implements StepDecoder {
        private final INDArray source;
        private final INDArray sourceMask;
        private INDArray rowSource;
        private INDArray rowMask;
        private List<int[]> prefixes;

        Rerun(INDArray source, INDArray sourceMask) {
            this.source = source;
            this.sourceMask = sourceMask;
        }

        @Override
        public int batchSize() {
            return (int) source.size(0);
        }

        @Override
        public int vocabularySize() {
            return graphs.vocabularySize();
        }

        @Override
        public void start(int width) {
            rowSource = CachedDecoder.repeatRows(source, width);
            rowMask = CachedDecoder.repeatRows(sourceMask, width);
            prefixes = new ArrayList<>();
            for (int r = 0; r < rowSource.size(0); r++) {
                prefixes.add(new int[0]);
            }
        }

        @Override
        public float[][] step(int[] tokens) {
            int rows = tokens.length;
            int t = prefixes.get(0).length + 1;
            INDArray in = Nd4j.create(DataType.FLOAT, rows, 1, t);
            for (int r = 0; r < rows; r++) {
                int[] p = java.util.Arrays.copyOf(prefixes.get(r), t);
                p[t - 1] = tokens[r];
                prefixes.set(r, p);
                for (int s = 0; s < t; s++) {
                    in.putScalar(r, 0, s, p[s]);
                }
            }
            INDArray[] inputs = {rowSource, in, rowMask.castTo(DataType.FLOAT)};
            // Every prefix has t real steps, so the decoder mask is all ones; DL4J's
            // FeedForwardToRnnPreProcessor rejects a [1, 1] mask (one row, first step) as "not a
            // vector", and an all-ones mask changes nothing, so that case goes without one.
            INDArray decoderMask = rows * t == 1 ? null : Nd4j.ones(DataType.FLOAT, rows, t);
            INDArray[] masks = {rowMask, decoderMask, null};
            INDArray p = Graphs.output(graphs.training(), inputs, masks)[0];
            return CachedDecoder.logRows(p);
        }

        @Override
        public void select(int[] rows) {
            List<int[]> next = new ArrayList<>(rows.length);
            for (int r : rows) {
                next.add(prefixes.get(r));
            }
            prefixes = next;
        }
    }
}
