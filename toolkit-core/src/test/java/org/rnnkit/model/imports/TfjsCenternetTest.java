package org.rnnkit.model.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the COCO CenterNet (MobileNetV3) TF.js graph model from {@code ../shared/models/centernet}
 * and compares with the outputs TF.js computed for the same synthetic inputs (reference-tfjs.json).
 * Skipped when the model folder is absent.
 */
class TfjsCenternetTest {

    private static final String INPUT = "tower_0/images";
    private static final String FEATURES = "tower_0/extern1/hard_swish/mul_1";
    private static final String KEYPOINTS = "tower_0/keypoints";
    private static final String DETECTIONS = "tower_0/detections";
    private static final double TOLERANCE = 1e-3;

    private static Path dir;
    private static TfjsGraphModel model;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws Exception {
        for (String p :
                new String[] {"../shared/models/centernet", "../../shared/models/centernet"}) {
            Path d = Path.of(p);
            if (Files.isRegularFile(d.resolve("centernet.json"))) {
                dir = d;
                break;
            }
        }
        assumeTrue(dir != null, "centernet model not present under ../shared/models/centernet");
        model = TfjsGraphModel.load(dir.resolve("centernet.json"));
        reference = new ObjectMapper().readTree(dir.resolve("reference-tfjs.json").toFile());
    }

    /** (i, k, c) => (i * 7 + k * 13 + c * 29) % 256 */
    static INDArray gradient() {
        return image((i, k, c) -> (i * 7 + k * 13 + c * 29) % 256);
    }

    /** (i, k, c) => ((floor(i / 32) + floor(k / 32)) % 2) * (c == 0 ? 230 : c == 1 ? 120 : 40) */
    static INDArray checker() {
        return image((i, k, c) -> ((i / 32 + k / 32) % 2) * (c == 0 ? 230 : c == 1 ? 120 : 40));
    }

    interface Pixel {
        int value(int i, int k, int c);
    }

    private static INDArray image(Pixel f) {
        float[] v = new float[512 * 512 * 3];
        int p = 0;
        for (int i = 0; i < 512; i++) {
            for (int k = 0; k < 512; k++) {
                for (int c = 0; c < 3; c++) {
                    v[p++] = f.value(i, k, c);
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(1, 512, 512, 3);
    }

    @Test
    void describesTheGraph() {
        assertEquals(java.util.List.of(INPUT), model.inputs());
        assertEquals(62, model.ops().get("_FusedConv2D"));
        assertEquals(267, model.ops().get("Const"));
        assertTrue(model.outputs().contains(DETECTIONS));
    }

    private static void assertTrue(boolean b) {
        org.junit.jupiter.api.Assertions.assertTrue(b);
    }

    @Test
    void gradientMatchesTfjs() {
        check("gradient", gradient());
    }

    @Test
    void checkerMatchesTfjs() {
        check("checker", checker());
    }

    @Test
    void featureMapAloneComputesOnlyTheBackbone() {
        INDArray image = gradient();
        long t0 = System.nanoTime();
        INDArray features = model.run(Map.of(INPUT, image), FEATURES).get(FEATURES);
        long first = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        model.run(Map.of(INPUT, image), FEATURES);
        long second = (System.nanoTime() - t0) / 1_000_000;
        double err =
                maxAbs(
                        features.mean(0, 1, 2),
                        reference.path("cases").path("gradient").get("extern1_channel_mean"));
        System.out.printf(
                "centernet feature map 512x512: %d ms (first call), %d ms (second); channel mean"
                        + " error %.3g%n",
                first, second, err);
        assertTrue(err < TOLERANCE);
    }

    private static void check(String name, INDArray image) {
        JsonNode ref = reference.path("cases").path(name);
        long t0 = System.nanoTime();
        Map<String, INDArray> out =
                model.run(Map.of(INPUT, image), FEATURES, KEYPOINTS, DETECTIONS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        INDArray features = out.get(FEATURES);
        assertArrayEquals(new long[] {1, 16, 16, 480}, features.shape());
        double meanErr = maxAbs(features.mean(0, 1, 2), ref.get("extern1_channel_mean"));
        double sliceErr =
                maxAbs(
                        features.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(5),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(9),
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 8)),
                        ref.get("extern1_value_at_[0,5,9,0:8]"));
        INDArray keypoints = out.get(KEYPOINTS);
        assertArrayEquals(new long[] {1, 128, 128, 80}, keypoints.shape());
        double maxErr = maxAbs(keypoints.max(0, 1, 2), ref.get("keypoints_class_max"));
        INDArray det = out.get(DETECTIONS);
        assertArrayEquals(new long[] {1, 100, 6}, det.shape());
        JsonNode top = ref.get("detections_top5");
        double detErr = 0;
        for (int r = 0; r < top.size(); r++) {
            for (int c = 0; c < 6; c++) {
                detErr =
                        Math.max(
                                detErr,
                                Math.abs(det.getDouble(0, r, c) - top.get(r).get(c).asDouble()));
            }
        }
        System.out.printf(
                "centernet %s: %d ms; max abs error: channel means %.3g, slice %.3g,"
                        + " class maxima %.3g, top-5 detections %.3g%n",
                name, ms, meanErr, sliceErr, maxErr, detErr);
        assertTrue(meanErr < TOLERANCE);
        assertTrue(sliceErr < TOLERANCE);
        assertTrue(maxErr < TOLERANCE);
        assertTrue(detErr < TOLERANCE);
    }

    private static double maxAbs(INDArray actual, JsonNode expected) {
        INDArray a = actual.ravel().castTo(DataType.DOUBLE);
        assertEquals(expected.size(), a.length());
        double err = 0;
        for (int i = 0; i < expected.size(); i++) {
            err = Math.max(err, Math.abs(a.getDouble(i) - expected.get(i).asDouble()));
        }
        return err;
    }
}
