package org.rnnkit.model.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.model.imports.TfjsTestGraph.iList;
import static org.rnnkit.model.imports.TfjsTestGraph.s;
import static org.rnnkit.model.imports.TfjsTestGraph.sList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each supported op on a tiny self-made graph, against values computed plainly in the test (loops
 * over NHWC arrays with TF's padding and interpolation rules) or by hand.
 */
class TfjsOpsTest {

    private static final double EPS = 1e-5;

    @TempDir Path dir;

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian());
        }
        return v;
    }

    private static INDArray array(float[] v, long... shape) {
        return Nd4j.createFromArray(v).reshape(shape);
    }

    /** Plain NHWC conv (depthwise when multiplier > 0) with TF's SAME / VALID padding. */
    private static INDArray naiveConv(
            INDArray x, INDArray w, int stride, boolean same, boolean depthwise) {
        int n = (int) x.size(0), h = (int) x.size(1), wd = (int) x.size(2), c = (int) x.size(3);
        int kh = (int) w.size(0), kw = (int) w.size(1), m = (int) w.size(3);
        int oh = same ? (h + stride - 1) / stride : (h - kh) / stride + 1;
        int ow = same ? (wd + stride - 1) / stride : (wd - kw) / stride + 1;
        int padT = same ? Math.max((oh - 1) * stride + kh - h, 0) / 2 : 0;
        int padL = same ? Math.max((ow - 1) * stride + kw - wd, 0) / 2 : 0;
        int oc = depthwise ? c * m : m;
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, oh, ow, oc);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < oc; o++) {
                        double sum = 0;
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int yi = i * stride + di - padT, xj = j * stride + dj - padL;
                                if (yi < 0 || yi >= h || xj < 0 || xj >= wd) {
                                    continue;
                                }
                                if (depthwise) {
                                    sum +=
                                            x.getDouble(b, yi, xj, o / m)
                                                    * w.getDouble(di, dj, o / m, o % m);
                                } else {
                                    for (int ci = 0; ci < c; ci++) {
                                        sum +=
                                                x.getDouble(b, yi, xj, ci)
                                                        * w.getDouble(di, dj, ci, o);
                                    }
                                }
                            }
                        }
                        y.putScalar(new long[] {b, i, j, o}, sum);
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double err =
                expected.castTo(DataType.DOUBLE)
                        .sub(actual.castTo(DataType.DOUBLE))
                        .amaxNumber()
                        .doubleValue();
        assertTrue(
                err < EPS,
                "max abs error " + err + "\nexpected " + expected + "\nactual " + actual);
    }

    private INDArray convGraph(
            String op,
            INDArray x,
            float[] w,
            long[] wShape,
            int stride,
            String padding,
            String... extra)
            throws Exception {
        TfjsTestGraph g = new TfjsTestGraph().placeholder("x").constant("w", w, wShape);
        String[] attrs = new String[6 + extra.length];
        attrs[0] = "strides";
        attrs[1] = iList(1, stride, stride, 1);
        attrs[2] = "padding";
        attrs[3] = s(padding);
        attrs[4] = "data_format";
        attrs[5] = s("NHWC");
        System.arraycopy(extra, 0, attrs, 6, extra.length);
        String[] inputs = {"x", "w"};
        if (java.util.Arrays.asList(extra).contains("fused_ops")) {
            g.constant("b", new float[] {0.5f, -3f, 2f, 7f}, 4);
            inputs = new String[] {"x", "w", "b"};
        }
        g.op("y", op, inputs, attrs);
        return g.load(dir).run(Map.of("x", x), "y").get("y");
    }

    /**
     * Runs one convolution op on a seeded random input of {@code xShape} and filter of {@code
     * wShape} (seeds {@code seed} and {@code seed + 1}) and checks it against {@link #naiveConv}.
     *
     * @return the op's output
     */
    private INDArray assertMatchesNaive(
            String op, long[] xShape, long[] wShape, int stride, String padding, long seed)
            throws Exception {
        INDArray x = array(random(Math.toIntExact(count(xShape)), seed), xShape);
        float[] w = random(Math.toIntExact(count(wShape)), seed + 1);
        INDArray y = convGraph(op, x, w, wShape, stride, padding);
        boolean depthwise = op.startsWith("Depthwise");
        assertClose(naiveConv(x, array(w, wShape), stride, padding.equals("SAME"), depthwise), y);
        return y;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @ParameterizedTest(name = "{1}, batch {0}")
    @CsvSource({"1, SAME, 1, 4, 3", "2, VALID, 3, 3, 2"})
    void conv2dStride2MatchesPlainConvolution(
            int batch, String padding, long seed, long outHeight, long outWidth) throws Exception {
        INDArray y =
                assertMatchesNaive(
                        "Conv2D",
                        new long[] {batch, 7, 6, 3},
                        new long[] {3, 3, 3, 4},
                        2,
                        padding,
                        seed);
        assertArrayEquals(new long[] {batch, outHeight, outWidth, 4}, y.shape());
    }

    @Test
    void conv2dExplicitPaddingEqualsZeroPaddedValid() throws Exception {
        INDArray x = array(random(1 * 4 * 5 * 2, 15), 1, 4, 5, 2);
        float[] w = random(2 * 3 * 2 * 3, 16);
        INDArray y =
                convGraph(
                        "Conv2D",
                        x,
                        w,
                        new long[] {2, 3, 2, 3},
                        1,
                        "EXPLICIT",
                        "explicit_paddings",
                        iList(0, 0, 1, 0, 2, 1, 0, 0));
        INDArray padded = Nd4j.pad(x, new int[][] {{0, 0}, {1, 0}, {2, 1}, {0, 0}});
        assertClose(naiveConv(padded, array(w, 2, 3, 2, 3), 1, false, false), y);
        assertArrayEquals(new long[] {1, 4, 6, 3}, y.shape());
    }

    @Test
    void depthwiseSameStride2WithMultiplierMatchesPlainConvolution() throws Exception {
        assertMatchesNaive(
                "DepthwiseConv2dNative",
                new long[] {1, 5, 6, 2},
                new long[] {3, 3, 2, 2},
                2,
                "SAME",
                5);
    }

    @Test
    void depthwiseMultiplierOneMatchesPlainConvolution() throws Exception {
        // The Java kernel's stride-1 paths (all kW taps at once in the interior, per tap at the
        // edges) and its per-pixel stride-2 path, for 3x3 and 5x5 filters, SAME and VALID.
        INDArray x = array(random(1 * 7 * 9 * 3, 11), 1, 7, 9, 3);
        for (int k : new int[] {3, 5}) {
            float[] w = random(k * k * 3, 12 + k);
            for (int stride : new int[] {1, 2}) {
                for (String pad : new String[] {"SAME", "VALID"}) {
                    INDArray y =
                            convGraph(
                                    "DepthwiseConv2dNative",
                                    x,
                                    w,
                                    new long[] {k, k, 3, 1},
                                    stride,
                                    pad);
                    assertClose(
                            naiveConv(x, array(w, k, k, 3, 1), stride, pad.equals("SAME"), true),
                            y);
                }
            }
        }
    }

    @Test
    void topKFloatPerRowTiesToLowerIndex() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 3, 3, 2, 3}, {5, 4, 4, 4, 0}});
        INDArray[] out = TfjsShapeOps.topKFloat(x, 3);
        assertArrayEquals(new long[] {2, 3}, out[0].shape());
        assertArrayEquals(new float[] {3, 3, 3, 5, 4, 4}, out[0].reshape(6).toFloatVector());
        assertArrayEquals(new int[] {1, 2, 4, 0, 1, 2}, out[1].reshape(6).toIntVector());
    }

    @Test
    void pointwiseConvMatchesPlainConvolution() throws Exception {
        assertMatchesNaive(
                "Conv2D", new long[] {1, 4, 5, 3}, new long[] {1, 1, 3, 4}, 1, "SAME", 21);
    }

    /** Adds the test bias {0.5, -3, 2, 7} along the channel axis of an [N,H,W,4] array. */
    private static INDArray withBias(INDArray y) {
        float[] bias = {0.5f, -3f, 2f, 7f};
        INDArray out = y.dup();
        for (int c = 0; c < 4; c++) {
            out.get(
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .addi(bias[c]);
        }
        return out;
    }

    /**
     * Runs a fused convolution op at stride 1, SAME: the convolution, the test bias, then {@code
     * activation}.
     */
    private INDArray fusedConvGraph(
            String op, INDArray x, float[] w, long[] wShape, String activation) throws Exception {
        return convGraph(
                op,
                x,
                w,
                wShape,
                1,
                "SAME",
                "fused_ops",
                sList("BiasAdd", activation),
                "num_args",
                "{\"i\":\"1\"}");
    }

    @Test
    void fusedConvAddsBiasThenRelu6() throws Exception {
        INDArray x = array(random(1 * 4 * 4 * 3, 7), 1, 4, 4, 3).muli(4);
        float[] w = random(3 * 3 * 3 * 4, 8);
        INDArray y = fusedConvGraph("_FusedConv2D", x, w, new long[] {3, 3, 3, 4}, "Relu6");
        INDArray expected = withBias(naiveConv(x, array(w, 3, 3, 3, 4), 1, true, false));
        expected =
                org.nd4j.linalg.ops.transforms.Transforms.min(
                        org.nd4j.linalg.ops.transforms.Transforms.max(expected, 0), 6);
        assertClose(expected, y);
        assertTrue(y.maxNumber().doubleValue() == 6.0, "some value clipped at 6");
        assertTrue(y.minNumber().doubleValue() == 0.0, "some value clipped at 0");
    }

    @Test
    void fusedDepthwiseAddsBiasThenRelu() throws Exception {
        INDArray x = array(random(1 * 4 * 4 * 2, 9), 1, 4, 4, 2);
        float[] w = random(3 * 3 * 2 * 2, 10);
        INDArray y =
                fusedConvGraph("FusedDepthwiseConv2dNative", x, w, new long[] {3, 3, 2, 2}, "Relu");
        INDArray expected =
                org.nd4j.linalg.ops.transforms.Transforms.relu(
                        withBias(naiveConv(x, array(w, 3, 3, 2, 2), 1, true, true)));
        assertClose(expected, y);
    }

    /** TF's legacy bilinear resize, written out. */
    private static INDArray naiveResize(INDArray x, int oh, int ow, boolean align, boolean half) {
        int h = (int) x.size(1), w = (int) x.size(2), c = (int) x.size(3);
        double sh = align && oh > 1 ? (h - 1.0) / (oh - 1) : (double) h / oh;
        double sw = align && ow > 1 ? (w - 1.0) / (ow - 1) : (double) w / ow;
        INDArray y = Nd4j.zeros(DataType.FLOAT, 1, oh, ow, c);
        for (int i = 0; i < oh; i++) {
            double fy = half ? (i + 0.5) * sh - 0.5 : i * sh;
            int y0 = (int) Math.floor(fy);
            double ly = fy - y0;
            int top = Math.max(y0, 0), bottom = Math.min((int) Math.ceil(fy), h - 1);
            for (int j = 0; j < ow; j++) {
                double fx = half ? (j + 0.5) * sw - 0.5 : j * sw;
                int x0 = (int) Math.floor(fx);
                double lx = fx - x0;
                int left = Math.max(x0, 0), right = Math.min((int) Math.ceil(fx), w - 1);
                for (int k = 0; k < c; k++) {
                    double tl = x.getDouble(0, top, left, k), tr = x.getDouble(0, top, right, k);
                    double bl = x.getDouble(0, bottom, left, k),
                            br = x.getDouble(0, bottom, right, k);
                    double t = tl + (tr - tl) * lx, b = bl + (br - bl) * lx;
                    y.putScalar(new long[] {0, i, j, k}, t + (b - t) * ly);
                }
            }
        }
        return y;
    }

    private INDArray resize(INDArray x, int oh, int ow, boolean align, boolean half)
            throws Exception {
        return new TfjsTestGraph()
                .placeholder("x")
                .ints("size", new int[] {oh, ow}, 2)
                .op(
                        "y",
                        "ResizeBilinear",
                        new String[] {"x", "size"},
                        "align_corners",
                        "{\"b\":" + align + "}",
                        "half_pixel_centers",
                        "{\"b\":" + half + "}")
                .load(dir)
                .run(Map.of("x", x), "y")
                .get("y");
    }

    @Test
    void resizeBilinearHalfPixelCenters() throws Exception {
        INDArray x = array(random(3 * 4 * 2, 11), 1, 3, 4, 2);
        assertClose(naiveResize(x, 7, 5, false, true), resize(x, 7, 5, false, true));
        // hand check: 1-D [0, 10] -> 4 samples at source 0 (clamped), 0.25, 0.75, 1 (clamped)
        INDArray line = Nd4j.createFromArray(0f, 10f).reshape(1, 1, 2, 1);
        INDArray up = resize(line, 1, 4, false, true);
        assertArrayEquals(new float[] {0f, 2.5f, 7.5f, 10f}, up.ravel().toFloatVector(), 1e-6f);
    }

    @Test
    void resizeBilinearLegacyAndAlignCorners() throws Exception {
        INDArray x = array(random(3 * 4 * 2, 12), 1, 3, 4, 2);
        assertClose(naiveResize(x, 6, 8, false, false), resize(x, 6, 8, false, false));
        assertClose(naiveResize(x, 5, 7, true, false), resize(x, 5, 7, true, false));
    }

    private static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    private INDArray slice(
            INDArray x,
            int[] begin,
            int[] end,
            int[] strides,
            int beginMask,
            int endMask,
            int shrink,
            int ellipsis)
            throws Exception {
        return new TfjsTestGraph()
                .placeholder("x")
                .ints("b", begin, begin.length)
                .ints("e", end, end.length)
                .ints("s", strides, strides.length)
                .op(
                        "y",
                        "StridedSlice",
                        new String[] {"x", "b", "e", "s"},
                        "begin_mask",
                        "{\"i\":\"" + beginMask + "\"}",
                        "end_mask",
                        "{\"i\":\"" + endMask + "\"}",
                        "shrink_axis_mask",
                        "{\"i\":\"" + shrink + "\"}",
                        "ellipsis_mask",
                        "{\"i\":\"" + ellipsis + "\"}",
                        "new_axis_mask",
                        "{\"i\":\"0\"}")
                .load(dir)
                .run(Map.of("x", x), "y")
                .get("y");
    }

    @Test
    void stridedSliceMasks() throws Exception {
        INDArray x = array(range(24), 2, 3, 4); // x[a,b,c] = 12a + 4b + c
        // x[:, 1:3, 0:4:2] (begin/end mask on axis 0)
        INDArray y =
                slice(x, new int[] {9, 1, 0}, new int[] {9, 3, 4}, new int[] {1, 1, 2}, 1, 1, 0, 0);
        assertArrayEquals(new long[] {2, 2, 2}, y.shape());
        assertArrayEquals(new float[] {4, 6, 8, 10, 16, 18, 20, 22}, y.ravel().toFloatVector(), 0f);
        // x[:, 2, ::-1] (shrink axis 1, end mask and negative stride on axis 2)
        INDArray z =
                slice(
                        x,
                        new int[] {0, 2, -1},
                        new int[] {2, 3, 0},
                        new int[] {1, 1, -1},
                        0,
                        4,
                        2,
                        0);
        assertArrayEquals(new long[] {2, 4}, z.shape());
        assertArrayEquals(
                new float[] {11, 10, 9, 8, 23, 22, 21, 20}, z.ravel().toFloatVector(), 0f);
        // x[..., 1] (ellipsis, shrink)
        INDArray e = slice(x, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 1}, 0, 0, 2, 1);
        assertArrayEquals(new long[] {2, 3}, e.shape());
        assertArrayEquals(new float[] {1, 5, 9, 13, 17, 21}, e.ravel().toFloatVector(), 0f);
        // the CenterNet pattern: [..., k:k+1] on a [1,100,4] array with begin/end mask 3
        INDArray b = array(range(12), 1, 3, 4);
        INDArray w =
                slice(b, new int[] {0, 0, 2}, new int[] {0, 0, 3}, new int[] {1, 1, 1}, 3, 3, 0, 0);
        assertArrayEquals(new long[] {1, 3, 1}, w.shape());
        assertArrayEquals(new float[] {2, 6, 10}, w.ravel().toFloatVector(), 0f);
    }

    @Test
    void concatOnLastAxis() throws Exception {
        INDArray a = array(range(4), 1, 2, 2, 1);
        INDArray b = array(random(8, 13), 1, 2, 2, 2);
        INDArray y =
                new TfjsTestGraph()
                        .placeholder("a")
                        .placeholder("b")
                        .ints("axis", new int[] {-1})
                        .op("y", "ConcatV2", new String[] {"a", "b", "axis"}, "N", "{\"i\":\"2\"}")
                        .load(dir)
                        .run(Map.of("a", a, "b", b), "y")
                        .get("y");
        assertArrayEquals(new long[] {1, 2, 2, 3}, y.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(a.getDouble(0, i, j, 0), y.getDouble(0, i, j, 0), 0);
                assertEquals(b.getDouble(0, i, j, 1), y.getDouble(0, i, j, 2), 0);
            }
        }
    }

    @Test
    void meanOverSpatialAxesKeepsDims() throws Exception {
        INDArray x = array(random(2 * 3 * 4 * 5, 14), 2, 3, 4, 5);
        TfjsGraphModel m =
                new TfjsTestGraph()
                        .placeholder("x")
                        .ints("axes", new int[] {1, 2}, 2)
                        .ints("last", new int[] {-1})
                        .op("y", "Mean", new String[] {"x", "axes"}, "keep_dims", "{\"b\":true}")
                        .op("z", "Mean", new String[] {"x", "last"}, "keep_dims", "{\"b\":false}")
                        .load(dir);
        Map<String, INDArray> out = m.run(Map.of("x", x), "y", "z");
        INDArray expected = Nd4j.zeros(DataType.FLOAT, 2, 1, 1, 5);
        INDArray expectedZ = Nd4j.zeros(DataType.FLOAT, 2, 3, 4);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 5; c++) {
                double sum = 0;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        sum += x.getDouble(b, i, j, c);
                        expectedZ.putScalar(
                                new long[] {b, i, j},
                                expectedZ.getDouble(b, i, j) + x.getDouble(b, i, j, c) / 5);
                    }
                }
                expected.putScalar(new long[] {b, 0, 0, c}, sum / 12);
            }
        }
        assertClose(expected, out.get("y"));
        assertClose(expectedZ, out.get("z"));
    }

    @Test
    void maxPoolSameIgnoresPadding() throws Exception {
        // all values negative: a zero-padded pool would return 0 at the border
        INDArray x = array(range(16), 1, 4, 4, 1).subi(100);
        INDArray y =
                new TfjsTestGraph()
                        .placeholder("x")
                        .op(
                                "y",
                                "MaxPool",
                                new String[] {"x"},
                                "ksize",
                                iList(1, 3, 3, 1),
                                "strides",
                                iList(1, 2, 2, 1),
                                "padding",
                                s("SAME"),
                                "data_format",
                                s("NHWC"))
                        .load(dir)
                        .run(Map.of("x", x), "y")
                        .get("y");
        // SAME, stride 2, 4 -> 2: windows rows/cols {0,1,2} and {2,3} (pad 1 at bottom/right)
        assertArrayEquals(new float[] {-90, -89, -86, -85}, y.ravel().toFloatVector(), 0f);
    }

    @Test
    void topKGatherFloorDivFloorMod() throws Exception {
        TfjsGraphModel m =
                new TfjsTestGraph()
                        .placeholder("x")
                        .ints("k", new int[] {3})
                        .ints("n", new int[] {-7, 7, -8, 9}, 4)
                        .ints("d", new int[] {2})
                        .ints("axis", new int[] {0})
                        .constant("table", range(10), 5, 2)
                        .op("top", "TopKV2", new String[] {"x", "k"}, "sorted", "{\"b\":true}")
                        .op("div", "FloorDiv", new String[] {"n", "d"})
                        .op("mod", "FloorMod", new String[] {"n", "d"})
                        .op("rows", "GatherV2", new String[] {"table", "top:1", "axis"})
                        .load(dir);
        INDArray x = Nd4j.createFromArray(0.1f, 0.9f, -1f, 0.5f, 0.7f);
        Map<String, INDArray> out = m.run(Map.of("x", x), "top", "top:1", "div", "mod", "rows");
        assertArrayEquals(new float[] {0.9f, 0.7f, 0.5f}, out.get("top").toFloatVector(), 0f);
        assertArrayEquals(new int[] {1, 4, 3}, out.get("top:1").toIntVector());
        assertEquals(DataType.INT, out.get("top:1").dataType());
        assertArrayEquals(new int[] {-4, 3, -4, 4}, out.get("div").toIntVector());
        assertArrayEquals(new int[] {1, 1, 0, 1}, out.get("mod").toIntVector());
        assertArrayEquals(new long[] {3, 2}, out.get("rows").shape());
        assertArrayEquals(
                new float[] {2, 3, 8, 9, 6, 7}, out.get("rows").ravel().toFloatVector(), 0f);
    }

    @Test
    void float16AndUint8WeightsAreDequantized() throws Exception {
        short[] bits = {
            0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x3555, 0x0000, (short) 0x8000, 0x7C00, 0x0400
        };
        TfjsGraphModel m =
                new TfjsTestGraph()
                        .half("h", bits, 3, 3)
                        .uint8("q", new byte[] {0, 2, 4, (byte) 255}, -1, 0.5, 4)
                        .load(dir);
        float[] h = m.weights().get("h").ravel().toFloatVector();
        assertArrayEquals(
                new float[] {
                    1f,
                    -2f,
                    65504f,
                    (float) Math.pow(2, -24),
                    0.333251953125f,
                    0f,
                    -0f,
                    Float.POSITIVE_INFINITY,
                    (float) Math.pow(2, -14)
                },
                h,
                0f);
        assertArrayEquals(new long[] {3, 3}, m.weights().get("h").shape());
        assertArrayEquals(
                new float[] {-1f, 0f, 1f, 126.5f}, m.weights().get("q").toFloatVector(), 0f);
        assertEquals(Float.NaN, TfjsWeights.halfToFloat((short) 0x7E00), 0f);
    }

    @Test
    void describesInputsOutputsAndOps() throws Exception {
        TfjsGraphModel m =
                new TfjsTestGraph()
                        .placeholder("x")
                        .constant("c", new float[] {2}, 1)
                        .op("a", "Mul", new String[] {"x", "c"})
                        .op("b", "Relu", new String[] {"a"})
                        .op("side", "Sigmoid", new String[] {"a"})
                        .load(dir);
        assertEquals(List.of("x"), m.inputs());
        assertEquals(List.of("b", "side"), m.outputs());
        assertEquals(
                Map.of("Placeholder", 1, "Const", 1, "Mul", 1, "Relu", 1, "Sigmoid", 1), m.ops());
        assertEquals(5, m.nodes().size());
        // fetching an intermediate node computes only what it needs
        INDArray a = m.run(Map.of("x", Nd4j.createFromArray(-1f, 3f)), "a").get("a");
        assertArrayEquals(new float[] {-2f, 6f}, a.toFloatVector(), 0f);
    }

    @Test
    void unknownOpNamesOpAndNode() throws Exception {
        TfjsGraphModel m =
                new TfjsTestGraph()
                        .placeholder("x")
                        .op("mystery", "Frobnicate", new String[] {"x"})
                        .op("fine", "Relu", new String[] {"x"})
                        .load(dir);
        UnsupportedOperationException e =
                assertThrows(
                        UnsupportedOperationException.class,
                        () -> m.run(Map.of("x", Nd4j.ones(DataType.FLOAT, 2)), "mystery"));
        assertTrue(e.getMessage().contains("Frobnicate"), e.getMessage());
        assertTrue(e.getMessage().contains("'mystery'"), e.getMessage());
        // a node that does not need the unknown op still runs
        m.run(Map.of("x", Nd4j.ones(DataType.FLOAT, 2)), "fine");
    }

    @Test
    void missingFeedAndUnknownFetchAreNamed() throws Exception {
        TfjsGraphModel m =
                new TfjsTestGraph().placeholder("x").op("y", "Relu", new String[] {"x"}).load(dir);
        IllegalArgumentException feed =
                assertThrows(IllegalArgumentException.class, () -> m.run(Map.of(), "y"));
        assertTrue(feed.getMessage().contains("'x'"), feed.getMessage());
        IllegalArgumentException fetch =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> m.run(Map.of("x", Nd4j.ones(2)), "nope"));
        assertTrue(fetch.getMessage().contains("'nope'"), fetch.getMessage());
    }

    @Test
    void shortShardNamesTheFileAndField() throws Exception {
        TfjsTestGraph g = new TfjsTestGraph().constant("w", new float[] {1, 2}, 2);
        g.rawWeight("v", "float32", 3); // manifest says 3 more floats; the shard has none
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> g.load(dir));
        assertTrue(e.getMessage().contains("model.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("weightsManifest[0].weights[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void unknownDtypeNamesTheField() throws Exception {
        TfjsTestGraph g = new TfjsTestGraph().rawWeight("w", "complex128", 2);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> g.load(dir));
        assertTrue(e.getMessage().contains("weightsManifest[0].weights[0].dtype"), e.getMessage());
        assertTrue(e.getMessage().contains("complex128"), e.getMessage());
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }
}
