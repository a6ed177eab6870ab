package org.rnnkit.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.rnnkit.decode.StepDecoder;
import org.rnnkit.model.layers.DotAttentionVertexImpl;

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

    private final ComputationGraph training;
    private final ComputationGraph encoder;
    private final ComputationGraph decoder;
    private final boolean attention;
    private final int targetVocabularySize;
    private final List<String> decoderRecurrentLayers = new ArrayList<>();

    /**
     * Wraps a trained graph.
     *
     * @param training the graph built by {@code builder} (trained)
     * @param builder the settings it was built with
     * @param targetVocabularySize the softmax size
     */
    public Seq2SeqModel(
            ComputationGraph training, Seq2SeqBuilder builder, int targetVocabularySize) {
        this.training = Objects.requireNonNull(training, "training");
        this.attention = builder.attention();
        this.targetVocabularySize = targetVocabularySize;
        this.encoder = new ComputationGraph(builder.buildEncoder());
        this.encoder.init();
        this.decoder = new ComputationGraph(builder.buildDecoder());
        this.decoder.init();
        copyParameters();
        for (Layer layer : decoder.getLayers()) {
            if (layer instanceof RecurrentLayer) {
                decoderRecurrentLayers.add(layer.conf().getLayer().getLayerName());
            }
        }
    }

    /**
     * Copies the training graph's parameters into the encoder and decoder graphs (call again after
     * further training).
     */
    public void copyParameters() {
        for (ComputationGraph g : List.of(encoder, decoder)) {
            for (Layer layer : g.getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                // same configuration, same flattened layout: copy the whole parameter view
                layer.params().assign(training.getLayer(name).params());
            }
        }
    }

    /**
     * Returns the training graph.
     *
     * @return the graph
     */
    public ComputationGraph network() {
        return training;
    }

    /**
     * Creates a decoder that runs the encoder once and steps the decoder with cached state.
     *
     * @param source source ids {@code [batch, 1, S]}
     * @param sourceMask {@code [batch, S]}, 1 = real token
     * @return the step decoder
     */
    public StepDecoder cached(INDArray source, INDArray sourceMask) {
        return new Cached(source, sourceMask);
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

    /** Row {@code r} of the result is row {@code r / width} of {@code x} (any rank). */
    private static INDArray repeatRows(INDArray x, int width) {
        long b = x.size(0);
        int[] idx = new int[(int) b * width];
        for (int r = 0; r < idx.length; r++) {
            idx[r] = r / width;
        }
        return rows(x, idx);
    }

    /** Gathers rows along the first dimension (any rank). */
    private static INDArray rows(INDArray x, int[] idx) {
        long[] shape = x.shape();
        long rest = x.length() / shape[0];
        INDArray flat = x.dup('c').reshape('c', shape[0], rest);
        INDArray picked = flat.getRows(idx);
        long[] out = shape.clone();
        out[0] = idx.length;
        return picked.reshape('c', out);
    }

    private static float[][] logRows(INDArray probabilities) {
        // [rows, V, 1] or [rows, V, T]: take the last step
        INDArray last =
                probabilities.rank() == 3
                        ? probabilities.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(
                                        probabilities.size(2) - 1))
                        : probabilities;
        INDArray log = Transforms.log(last.castTo(DataType.FLOAT), true);
        return log.toFloatMatrix();
    }

    private final class Cached implements StepDecoder {
        private final int batch;
        private final INDArray context;
        private final INDArray memory;
        private final INDArray mask;
        private INDArray rowContext;
        private INDArray rowMemory;
        private INDArray rowMask;
        private INDArray weights;

        Cached(INDArray source, INDArray sourceMask) {
            this.batch = (int) source.size(0);
            INDArray[] out =
                    Graphs.output(encoder, new INDArray[] {source}, new INDArray[] {sourceMask});
            this.context = out[0];
            this.memory = out[1];
            this.mask = sourceMask.castTo(out[1].dataType());
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public int vocabularySize() {
            return targetVocabularySize;
        }

        @Override
        public void start(int width) {
            rowContext = repeatRows(context, width);
            if (attention) {
                rowMemory = repeatRows(memory, width);
                rowMask = repeatRows(mask, width);
            }
            decoder.rnnClearPreviousState();
        }

        @Override
        public float[][] step(int[] tokens) {
            INDArray in = Nd4j.create(DataType.FLOAT, tokens.length, 1, 1);
            for (int r = 0; r < tokens.length; r++) {
                in.putScalar(r, 0, 0, tokens[r]);
            }
            INDArray[] inputs =
                    attention
                            ? new INDArray[] {in, rowContext, rowMemory, rowMask}
                            : new INDArray[] {in, rowContext};
            INDArray p = Graphs.rnnTimeStep(decoder, inputs)[0];
            if (attention) {
                weights =
                        ((DotAttentionVertexImpl) decoder.getVertex(Seq2SeqBuilder.ATTENTION))
                                .lastWeights();
            }
            return logRows(p);
        }

        @Override
        public void select(int[] rows) {
            for (String name : decoderRecurrentLayers) {
                Map<String, INDArray> state = decoder.rnnGetPreviousState(name);
                Map<String, INDArray> picked = new HashMap<>();
                for (Map.Entry<String, INDArray> e : state.entrySet()) {
                    picked.put(e.getKey(), rows(e.getValue(), rows));
                }
                decoder.rnnSetPreviousState(name, picked);
            }
        }

        @Override
        public float[] attention(int row) {
            if (weights == null) {
                return null;
            }
            return weights.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.point(row),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(weights.size(1) - 1),
                            org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .castTo(DataType.FLOAT)
                    .toFloatVector();
        }
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
            return targetVocabularySize;
        }

        @Override
        public void start(int width) {
            rowSource = repeatRows(source, width);
            rowMask = repeatRows(sourceMask, width);
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
            INDArray[] masks = {rowMask, Nd4j.ones(DataType.FLOAT, rows, t), null};
            INDArray p = Graphs.output(training, inputs, masks)[0];
            return logRows(p);
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
