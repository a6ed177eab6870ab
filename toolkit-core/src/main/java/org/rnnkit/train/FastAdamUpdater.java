package org.rnnkit.train;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

/** The updater of {@link FastAdam}: DL4J's Adam state, a vectorized Java update for FLOAT. */
final class FastAdamUpdater extends AdamUpdater {

    private static final int CHUNK = 8192;

    private final float[] g = new float[CHUNK];
    private final float[] m = new float[CHUNK];
    private final float[] v = new float[CHUNK];

    FastAdamUpdater(FastAdam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        Map<String, INDArray> state = getState();
        INDArray mState = state.get(M_STATE);
        INDArray vState = state.get(V_STATE);
        if (gradient.dataType() != DataType.FLOAT
                || !contiguous(gradient)
                || !contiguous(mState)
                || !contiguous(vState)
                || gradient.length() != mState.length()) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        FastAdam c = (FastAdam) getConfig();
        double beta1 = c.getBeta1();
        double beta2 = c.getBeta2();
        double lr = c.getLearningRate(iteration, epoch);
        double alpha =
                lr
                        * Math.sqrt(1.0 - Math.pow(beta2, iteration + 1))
                        / (1.0 - Math.pow(beta1, iteration + 1));
        if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0) {
            alpha = c.getEpsilon();
        }
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1);
        float c2 = (float) (1.0 - beta2);
        float a = (float) alpha;
        float eps = (float) c.getEpsilon();
        FloatBuffer gb = floats(gradient);
        FloatBuffer mb = floats(mState);
        FloatBuffer vb = floats(vState);
        int gOff = (int) gradient.offset();
        int mOff = (int) mState.offset();
        int vOff = (int) vState.offset();
        long length = gradient.length();
        float[] g = this.g;
        float[] m = this.m;
        float[] v = this.v;
        for (long start = 0; start < length; start += CHUNK) {
            int n = (int) Math.min(CHUNK, length - start);
            int s = (int) start;
            gb.get(gOff + s, g, 0, n);
            mb.get(mOff + s, m, 0, n);
            vb.get(vOff + s, v, 0, n);
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + c1 * g[i];
            }
            for (int i = 0; i < n; i++) {
                v[i] = b2 * v[i] + c2 * g[i] * g[i];
            }
            for (int i = 0; i < n; i++) {
                g[i] = a * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
            gb.put(gOff + s, g, 0, n);
            mb.put(mOff + s, m, 0, n);
            vb.put(vOff + s, v, 0, n);
        }
    }

    private static boolean contiguous(INDArray a) {
        return a.elementWiseStride() == 1 && a.length() < Integer.MAX_VALUE;
    }

    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
