package org.rnnkit.recipes.caption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A frozen pretrained image encoder: a DL4J zoo architecture ({@link ResNet50} or {@link VGG16},
 * built with {@code init()}) whose weights are read from a local file (no network is assumed), used
 * up to the layer that feeds its classifier. The features are computed once per image and the
 * captioner is trained on them ({@link org.rnnkit.model.ImageCaptionBuilder#optFeatureSize(int)}).
 * Each feature vector is scaled to unit length.
 */
final class ZooEncoder {

    /**
     * Returns the feature width of a frozen encoder: ResNet50's global average pool (2048), VGG16's
     * second fully connected layer (4096) or CenterNet's pooled map and class maxima (560).
     *
     * @param name {@code resnet50}, {@code vgg16} or {@code centernet}
     * @return the width
     */
    static int featureSize(String name) {
        return switch (name) {
            case "resnet50" -> 2048;
            case "centernet" -> CenternetEncoder.VECTOR_SIZE;
            default -> 4096;
        };
    }

    /** Images per forward pass. */
    private static final int BATCH = 16;

    private final ComputationGraph network;
    private final String featureVertex;

    private final int featureSize;

    private ZooEncoder(ComputationGraph network, String featureVertex, int featureSize) {
        this.network = network;
        this.featureVertex = featureVertex;
        this.featureSize = featureSize;
    }

    /**
     * Builds the architecture and loads its weights.
     *
     * @param name {@code resnet50} or {@code vgg16}
     * @param weights a DL4J model zip of the same architecture (as the zoo's pretrained files)
     * @return the encoder
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException for an unknown name, a missing file, or weights of another
     *     architecture
     */
    static ZooEncoder load(String name, Path weights) throws IOException {
        if (weights == null || !Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(
                    "encoderWeights must be an existing DL4J model zip for encoder="
                            + name
                            + ", received: "
                            + weights);
        }
        ComputationGraph architecture =
                switch (name) {
                    case "resnet50" -> ResNet50.builder().numClasses(1000).build().init();
                    case "vgg16" -> VGG16.builder().numClasses(1000).build().init();
                    default ->
                            throw new IllegalArgumentException(
                                    "encoder must be resnet50 or vgg16, received: " + name);
                };
        ComputationGraph pretrained =
                ModelSerializer.restoreComputationGraph(weights.toFile(), false);
        if (pretrained.numParams() != architecture.numParams()) {
            throw new IllegalArgumentException(
                    weights
                            + ": expected the weights of DL4J's "
                            + name
                            + " ("
                            + architecture.numParams()
                            + " parameters), found a network of "
                            + pretrained.numParams()
                            + " parameters");
        }
        architecture.setParams(pretrained.params());
        String output = architecture.getConfiguration().getNetworkOutputs().get(0);
        List<String> inputs = architecture.getConfiguration().getVertexInputs().get(output);
        return new ZooEncoder(architecture, inputs.get(0), featureSize(name));
    }

    /**
     * Computes the features of images, in batches.
     *
     * @param images {@code [n, 3, 224, 224]}, ImageNet-centred
     * @return {@code [n, F]}
     */
    INDArray features(INDArray images) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < images.size(0); from += BATCH) {
            long to = Math.min(images.size(0), from + BATCH);
            INDArray batch =
                    images.get(
                                    org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                    org.nd4j.linalg.indexing.NDArrayIndex.all())
                            .dup();
            Map<String, INDArray> activations = network.feedForward(batch, false);
            INDArray f = activations.get(featureVertex);
            INDArray flat = f.reshape(f.size(0), f.length() / f.size(0)).dup();
            if (flat.size(1) != featureSize) {
                throw new IllegalStateException(
                        "expected "
                                + featureSize
                                + " features from "
                                + featureVertex
                                + ", received: "
                                + flat.size(1));
            }
            // Unit-length rows: the scale of a deep network's features varies (and without
            // pretrained statistics can overflow the decoder); the direction is what is compared.
            INDArray norms = flat.norm2(1).addi(1e-12).reshape(flat.size(0), 1);
            parts.add(flat.diviColumnVector(norms));
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }
}
