package org.rnnkit.recipes.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.model.ImageCaptionBuilder;
import org.rnnkit.recipes.RecipeResult;

class CaptionZooEncoderTest {

    @TempDir Path dir;

    /**
     * Options for a one-epoch smoke run of a frozen pretrained encoder with a tiny decoder.
     *
     * @param encoder the encoder's name
     * @param weights its weights file
     * @param data the scenes directory
     * @param out the bundle to write
     * @return the options
     */
    static CaptionOptions smokeOptions(String encoder, Path weights, Path data, Path out) {
        return CaptionOptions.builder()
                .encoder(encoder)
                .encoderWeights(weights)
                .embeddingSize(4)
                .imageVectorSize(4)
                .minCount(1)
                .build()
                .withTraining(t -> t.data(data).out(out).hiddenSize(8).epochs(1).smoke(true));
    }

    @Test
    void givenMissingOrForeignWeights_whenLoaded_thenClearError() throws IOException {
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ZooEncoder.load("resnet50", dir.resolve("none.zip")));
        assertTrue(missing.getMessage().contains("encoderWeights"), missing.getMessage());
        // A small captioner saved as a model zip is not ResNet50.
        Path foreign = dir.resolve("foreign.zip");
        ComputationGraph small = ImageCaptionBuilder.builder().setVocabularySize(6).build();
        ModelSerializer.writeModel(small, foreign.toFile(), false);
        IllegalArgumentException wrong =
                assertThrows(
                        IllegalArgumentException.class, () -> ZooEncoder.load("resnet50", foreign));
        assertTrue(
                wrong.getMessage().contains("expected the weights of DL4J's resnet50"),
                wrong.getMessage());
        IllegalArgumentException options =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CaptionOptions.defaults().withEncoder("vgg16"));
        assertTrue(options.getMessage().contains("needs encoderWeights"), options.getMessage());
    }

    @Test
    @Tag("slow")
    void givenResNet50Weights_whenTrainedOnScenes_thenFrozenFeaturesFeedTheDecoder()
            throws IOException {
        // Randomly initialised ResNet50 weights written locally stand in for the pretrained file.
        Path weights = dir.resolve("resnet50.zip");
        ModelSerializer.writeModel(
                ResNet50.builder().numClasses(1000).build().init(), weights.toFile(), false);
        Path data = dir.resolve("scenes");
        CaptionDataGenerator.write(data, 20, 2);
        Path out = dir.resolve("z.zip");
        CaptionOptions options = smokeOptions("resnet50", weights, data, out);
        RecipeResult r = CaptionRecipe.train(options);
        try (var files = java.nio.file.Files.list(dir.resolve("z-run"))) {
            assertEquals(
                    2,
                    files.filter(f -> f.getFileName().toString().startsWith("features-")).count(),
                    "train and dev features cached");
        }
        // A second run reads the cached features and trains the same model.
        RecipeResult again = CaptionRecipe.train(options);
        assertEquals(r.metrics().get("bleu4_greedy"), again.metrics().get("bleu4_greedy"));
        RecipeResult e = CaptionRecipe.evaluate(out, data, 1, false);
        assertEquals(2.0, e.metrics().get("images"));
        assertTrue(r.metrics().get("bleu1") >= 0);
    }
}
