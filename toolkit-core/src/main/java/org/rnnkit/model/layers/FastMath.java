package org.rnnkit.model.layers;

/**
 * Single-precision activation functions written so that HotSpot's C2 compiler vectorizes loops over
 * them (only arithmetic, min and max: no calls, no branches).
 *
 * <p>{@link #tanh(float)} is a rational minimax approximation on [-9, 9] (the form Eigen uses for
 * {@code float}), accurate to a few units in the last place; outside that range {@code tanh} rounds
 * to ±1 in single precision anyway. The sigmoid is {@code 0.5 + 0.5 tanh(x / 2)}.
 */
final class FastMath {

    private FastMath() {}

    /**
     * Hyperbolic tangent in single precision.
     *
     * @param x the argument
     * @return {@code tanh(x)} within a few ulp
     */
    static float tanh(float x) {
        float v = Math.max(-9f, Math.min(9f, x));
        float x2 = v * v;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = x2 * p + -8.60467152213735e-11f;
        p = x2 * p + 5.12229709037114e-08f;
        p = x2 * p + 1.48572235717979e-05f;
        p = x2 * p + 6.37261928875436e-04f;
        p = x2 * p + 4.89352455891786e-03f;
        p = v * p;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = x2 * q + 2.26843463243900e-03f;
        q = x2 * q + 4.89352518554385e-03f;
        return p / q;
    }

    /**
     * Logistic sigmoid in single precision.
     *
     * @param x the argument
     * @return {@code 1 / (1 + exp(-x))}
     */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /**
     * Logistic sigmoid in double precision (exact, for gradient checks).
     *
     * @param x the argument
     * @return {@code 1 / (1 + exp(-x))}
     */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
