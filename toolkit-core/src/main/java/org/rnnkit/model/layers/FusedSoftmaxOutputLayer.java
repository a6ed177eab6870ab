package org.rnnkit.model.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A time-distributed softmax output layer with DL4J's {@link RnnOutputLayer} configuration,
 * parameters ({@code W [nIn, nOut]}, {@code b [nOut]}), score and gradients, trained in one pass.
 *
 * <p>DL4J's output layer computes its pre-output {@code [batch x steps, nIn] x [nIn, nOut]} twice
 * per training step (once for the gradient, once for the score), runs the softmax and the loss
 * twice and expands sparse labels into a one-hot matrix of the same size. With a vocabulary of
 * thousands of words that matrix product is the largest of a sequence-to-sequence model, and the
 * output layer took 70% of a translation training step (JFR). This layer computes the logits once
 * with one BLAS product, the softmax in place, the cross-entropy and its gradient {@code (p - y) *
 * mask} from the label's index, then the weight gradient and the input gradient as two more BLAS
 * products; the score of that step is kept for the graph's {@code computeScore} that follows. Steps
 * whose mask is 0 (padding) take no part in the products; their input gradient is 0, as in DL4J.
 *
 * <p>The fast path covers the settings sequence models use: softmax activation, {@code
 * SPARSE_MCXENT} loss without class weights (labels {@code [batch, 1, steps]} of class indices),
 * per-step masks, NCW data, float or double precision, no weight noise. Anything else ({@code
 * MCXENT} with one-hot labels, other losses, per-output masks) runs DL4J's implementation
 * unchanged, so the layer is a drop-in replacement for {@link RnnOutputLayer}. Inference is DL4J's
 * code.
 *
 * <p>Label smoothing ({@link Builder#labelSmoothing(double)}, Szegedy et al. 2016): with {@code eps
 * > 0} the training target of a step is {@code (1 - eps)} on the labelled class plus {@code eps /
 * nOut} on every class, so the step's loss is {@code -(1 - eps) log p_y - (eps / nOut) sum_j log
 * p_j} and its gradient {@code p - (1 - eps) y - eps / nOut}. It needs the fast path's settings
 * (training on any other fails with a message); the score of a training step includes the smoothing
 * term, any other score request (DL4J's {@code score(DataSet)}) is the plain cross-entropy.
 * Inference is unchanged.
 */
public class FusedSoftmaxOutputLayer extends RnnOutputLayer {

    /** The label smoothing {@code eps} in [0, 1); 0 trains on the labels as they are. */
    private double labelSmoothing;

    /** For JSON deserialization. */
    public FusedSoftmaxOutputLayer() {}

    /**
     * Returns the label smoothing.
     *
     * @return {@code eps} in [0, 1)
     */
    public double getLabelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Sets the label smoothing (JSON; use the builder).
     *
     * @param labelSmoothing {@code eps} in [0, 1)
     */
    public void setLabelSmoothing(double labelSmoothing) {
        checkLabelSmoothing(labelSmoothing);
        this.labelSmoothing = labelSmoothing;
    }

    private static void checkLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps < 1)) {
            throw new IllegalArgumentException(
                    "labelSmoothing must be in [0, 1), received: labelSmoothing=" + eps);
        }
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o)
                && o instanceof FusedSoftmaxOutputLayer f
                && Double.compare(f.labelSmoothing, labelSmoothing) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(labelSmoothing);
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return Layers.instantiate(
                this,
                FusedSoftmaxOutputLayerImpl::new,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams,
                networkDataType);
    }

    @Override
    public FusedSoftmaxOutputLayer clone() {
        return (FusedSoftmaxOutputLayer) super.clone();
    }

    /** Builder: the same settings as DL4J's {@link RnnOutputLayer.Builder}. */
    public static class Builder extends RnnOutputLayer.Builder {

        private double labelSmoothing;

        /** A builder with DL4J's defaults (softmax, {@code MCXENT}). */
        public Builder() {}

        /**
         * A builder for a loss function.
         *
         * @param lossFunction the loss; the fast path needs {@code SPARSE_MCXENT}
         */
        public Builder(LossFunctions.LossFunction lossFunction) {
            super(lossFunction);
        }

        /**
         * A builder for a loss function instance.
         *
         * @param lossFunction the loss; the fast path needs {@code LossSparseMCXENT} without
         *     weights
         */
        public Builder(ILossFunction lossFunction) {
            super(lossFunction);
        }

        /**
         * Sets the label smoothing (see the class comment); needs {@code SPARSE_MCXENT} labels.
         *
         * @param eps in [0, 1); 0 (the default) trains on the labels as they are
         * @return this builder
         * @throws IllegalArgumentException when {@code eps} is outside [0, 1)
         */
        public Builder labelSmoothing(double eps) {
            checkLabelSmoothing(eps);
            this.labelSmoothing = eps;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedSoftmaxOutputLayer build() {
            // DL4J's builder validates and fills every setting; its constructor is private, so the
            // settings are carried over through the configuration's own JSON form (the same one a
            // saved model uses), with this class as the type
            RnnOutputLayer built = super.build();
            ObjectMapper mapper = NeuralNetConfiguration.mapper();
            ObjectNode json = mapper.valueToTree(built);
            json.put("@class", FusedSoftmaxOutputLayer.class.getName());
            try {
                FusedSoftmaxOutputLayer layer =
                        mapper.treeToValue(json, FusedSoftmaxOutputLayer.class);
                layer.setLabelSmoothing(labelSmoothing);
                return layer;
            } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(
                        "cannot copy the output layer configuration: " + e.getMessage(), e);
            }
        }
    }
}
