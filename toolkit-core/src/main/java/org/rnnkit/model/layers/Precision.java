package org.rnnkit.model.layers;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Floating-point width of a recurrent layer's computation: BLAS calls straight into the OpenBLAS
 * that ND4J itself loads (through JavaCPP, on the arrays' native memory) and Java array allocation.
 * {@link #FLOAT} is the fast path; {@link #DOUBLE} exists for gradient checks.
 */
enum Precision {
    FLOAT,
    DOUBLE;

    /**
     * {@code C = op(A) op(B) + beta C} on row-major matrices (alpha is 1).
     *
     * @param transA whether A is transposed
     * @param transB whether B is transposed
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param a the array holding A
     * @param aOffset offset of A's first element
     * @param lda row stride of A
     * @param b the array holding B
     * @param bOffset offset of B's first element
     * @param ldb row stride of B
     * @param beta scale of C's previous contents (0 overwrites)
     * @param c the array holding C
     * @param cOffset offset of C's first element
     * @param ldc row stride of C
     */
    void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            NativeArray a,
            long aOffset,
            int lda,
            NativeArray b,
            long bOffset,
            int ldb,
            double beta,
            NativeArray c,
            long cOffset,
            int ldc) {
        int opA = transA ? CblasTrans : CblasNoTrans;
        int opB = transB ? CblasTrans : CblasNoTrans;
        if (this == FLOAT) {
            openblas_nolapack.cblas_sgemm(
                    CblasRowMajor,
                    opA,
                    opB,
                    m,
                    n,
                    k,
                    1f,
                    a.floatPointer(aOffset),
                    lda,
                    b.floatPointer(bOffset),
                    ldb,
                    (float) beta,
                    c.floatPointer(cOffset),
                    ldc);
        } else {
            openblas_nolapack.cblas_dgemm(
                    CblasRowMajor,
                    opA,
                    opB,
                    m,
                    n,
                    k,
                    1.0,
                    a.doublePointer(aOffset),
                    lda,
                    b.doublePointer(bOffset),
                    ldb,
                    beta,
                    c.doublePointer(cOffset),
                    ldc);
        }
    }

    /**
     * {@code y += x} over the first {@code n} elements.
     *
     * @param n number of elements
     * @param x the addend
     * @param y the accumulator
     */
    void axpy(int n, NativeArray x, NativeArray y) {
        if (this == FLOAT) {
            openblas_nolapack.cblas_saxpy(n, 1f, x.floatPointer(0), 1, y.floatPointer(0), 1);
        } else {
            openblas_nolapack.cblas_daxpy(n, 1.0, x.doublePointer(0), 1, y.doublePointer(0), 1);
        }
    }

    /**
     * Allocates a Java array of this width.
     *
     * @param length its length
     * @return a {@code float[]} or {@code double[]}
     */
    Object allocate(int length) {
        return this == FLOAT ? new float[length] : new double[length];
    }

    /**
     * Returns the precision for an ND4J data type.
     *
     * @param type FLOAT or DOUBLE
     * @return the precision
     * @throws IllegalArgumentException for other types (half precision is not supported)
     */
    static Precision of(DataType type) {
        return switch (type) {
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            default ->
                    throw new IllegalArgumentException(
                            "rnnkit recurrent layers compute in FLOAT or DOUBLE, not " + type);
        };
    }
}
