package org.rnnkit.model.layers;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The runtime layer of a {@link FusedRecurrentLayer} configuration. */
final class FusedRecurrentLayerImpl extends BaseRecurrentLayer<FusedRecurrentLayer> {

    /** State key of the hidden state {@code [B, H]} in {@code rnnGetPreviousState()}. */
    static final String STATE_H = "h";

    /** State key of the LSTM cell state {@code [B, H]}. */
    static final String STATE_C = "c";

    private Recurrence recurrence;
    private INDArray forwardInput;

    /**
     * Stateful training ({@link CarriedState}): whether {@link #rnnClearPreviousState()} keeps the
     * truncated-BPTT state, so that the next {@code fit} call continues each lane where the last
     * one ended.
     */
    private boolean carryTrainingState;

    FusedRecurrentLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Recurrence recurrence() {
        if (recurrence == null) {
            FusedRecurrentLayer c = layerConf();
            recurrence = new Recurrence(c.kind(), c.simpleActivation());
        }
        return recurrence;
    }

    private boolean nwc() {
        return layerConf().getRnnDataFormat() == RNNFormat.NWC;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, null, false, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out =
                forward(false, stateMap.get(STATE_H), stateMap.get(STATE_C), true, workspaceMgr);
        storeState(stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(
            INDArray input,
            boolean training,
            boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out =
                forward(
                        training,
                        tBpttStateMap.get(STATE_H),
                        tBpttStateMap.get(STATE_C),
                        storeLastForTBPTT,
                        workspaceMgr);
        if (storeLastForTBPTT) {
            storeState(tBpttStateMap);
        }
        return out;
    }

    /** See {@link CarriedState#carry}. */
    void carryTrainingState(boolean carry) {
        this.carryTrainingState = carry;
        if (!carry) {
            tBpttStateMap.clear();
        }
    }

    /** See {@link CarriedState#reset}: zeroes the carried state of the given lanes. */
    void resetTrainingState(boolean[] lanes) {
        for (Map.Entry<String, INDArray> e : tBpttStateMap.entrySet()) {
            INDArray state = e.getValue();
            if (state.size(0) != lanes.length) {
                throw new IllegalArgumentException(
                        layerDescription()
                                + ": carried state has "
                                + state.size(0)
                                + " lanes but the reset names "
                                + lanes.length
                                + "; every batch of a stateful run must have the same size");
            }
            // A copy: the stored array may still be referenced by the last pass.
            INDArray fresh = state.dup();
            for (int b = 0; b < lanes.length; b++) {
                if (lanes[b]) {
                    fresh.getRow(b).assign(0);
                }
            }
            e.setValue(fresh);
        }
    }

    /**
     * Clears the {@code rnnTimeStep} state and, unless the layer carries its training state from
     * batch to batch, the truncated-BPTT state. DL4J calls this at the start of every
     * truncated-BPTT {@code fit}.
     */
    @Override
    public void rnnClearPreviousState() {
        if (carryTrainingState) {
            stateMap.clear();
        } else {
            super.rnnClearPreviousState();
        }
    }

    private void storeState(java.util.Map<String, INDArray> map) {
        map.put(STATE_H, recurrence.finalH());
        if (recurrence.finalC() != null) {
            map.put(STATE_C, recurrence.finalC());
        }
    }

    private INDArray forward(
            boolean training,
            INDArray h0,
            INDArray c0,
            boolean keepState,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalStateException(
                    layerDescription()
                            + " expects 3D input [batch, features, steps] (NCW) or [batch, steps,"
                            + " features] (NWC), got shape "
                            + java.util.Arrays.toString(input.shape()));
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input.castTo(dataType);
        INDArray batchMajor = nwc() ? in : in.permute(0, 2, 1);
        long nIn = layerConf().getNIn();
        if (batchMajor.size(2) != nIn) {
            throw new IllegalStateException(
                    layerDescription()
                            + " has nIn="
                            + nIn
                            + " but its input has "
                            + batchMajor.size(2)
                            + " features (shape "
                            + java.util.Arrays.toString(input.shape())
                            + ", format "
                            + (nwc() ? "NWC" : "NCW")
                            + ")");
        }
        long batch = batchMajor.size(0);
        long steps = batchMajor.size(1);
        if (h0 != null && h0.size(0) != batch) {
            throw new IllegalStateException(
                    layerDescription()
                            + ": stored state is for batch size "
                            + h0.size(0)
                            + " but the input has "
                            + batch
                            + "; call rnnClearPreviousState() between batches of different size");
        }
        INDArray out =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS,
                        dataType,
                        new long[] {batch, steps, layerConf().getNOut()},
                        'c');
        recurrence().training = training;
        recurrence()
                .forward(
                        batchMajor,
                        maskArray,
                        getParam(FusedRecurrentLayer.WEIGHT_KEY),
                        getParam(FusedRecurrentLayer.RECURRENT_WEIGHT_KEY),
                        getParam(FusedRecurrentLayer.BIAS_KEY),
                        params.get(FusedRecurrentLayer.RECURRENT_BIAS_KEY),
                        h0,
                        c0,
                        out,
                        keepState || training);
        forwardInput = training ? input : null;
        return nwc() ? out : out.permute(0, 2, 1);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(
            INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (forwardInput == null || forwardInput != input) {
            forward(true, null, null, false, workspaceMgr);
        }
        INDArray eps = epsilon.castTo(dataType);
        INDArray batchMajor = nwc() ? eps : eps.permute(0, 2, 1);
        long batch = batchMajor.size(0);
        long steps = batchMajor.size(1);
        int stop = tbpttBackLength > 0 ? (int) Math.max(0, steps - tbpttBackLength) : 0;
        INDArray inputGrad =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD,
                        dataType,
                        new long[] {batch, steps, layerConf().getNIn()},
                        'c');
        recurrence.backward(
                batchMajor,
                stop,
                gradientViews.get(FusedRecurrentLayer.WEIGHT_KEY),
                gradientViews.get(FusedRecurrentLayer.RECURRENT_WEIGHT_KEY),
                gradientViews.get(FusedRecurrentLayer.BIAS_KEY),
                gradientViews.get(FusedRecurrentLayer.RECURRENT_BIAS_KEY),
                inputGrad);
        if (tbpttBackLength > 0) {
            // As DL4J's LSTM: the next truncated-BPTT segment starts where this one ended.
            storeState(tBpttStateMap);
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = nwc() ? inputGrad : inputGrad.permute(0, 2, 1);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, epsOut);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(
            INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    private String layerDescription() {
        String name = layerConf().getLayerName();
        return layerConf().getClass().getSimpleName()
                + " (layer "
                + getIndex()
                + (name == null ? "" : ", \"" + name + "\"")
                + ")";
    }
}
