package org.rnnkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionDataGenerator.Scene;
import org.rnnkit.recipes.caption.CaptionModel;

class ImageCaptionerTest {

    @TempDir Path dir;

    static final List<Scene> SCENES = CaptionDataGenerator.generate(40, 3);

    static final List<BufferedImage> PICTURES = SCENES.stream().map(Scene::image).toList();

    static final List<List<String>> CAPTIONS = SCENES.stream().map(Scene::captions).toList();

    private static ImageCaptioner.Builder tiny() {
        return ImageCaptioner.builder()
                .epochs(2)
                .hiddenSize(16)
                .embeddingSize(16)
                .minCount(1)
                .batchSize(8)
                .beamWidth(2)
                .progressBar(false);
    }

    @Test
    void givenPictures_whenFitCaptionSaveLoad_thenReloadCaptionsTheSame() throws IOException {
        ImageCaptioner captioner = tiny().build();
        RecipeResult fit = captioner.fit(PICTURES, CAPTIONS);
        assertTrue(fit.metrics().containsKey("bleu4"), fit.metrics().toString());

        List<BufferedImage> some = PICTURES.subList(0, 5);
        List<String> before = captioner.predict(some).stream().map(c -> c.text()).toList();
        assertFalse(before.get(0).isBlank(), before.toString());
        Path file = dir.resolve("caption.zip");
        captioner.save(file);
        ImageCaptioner loaded = ImageCaptioner.load(file);
        assertEquals(file, loaded.options().training().out(), "the path it was saved to");
        assertEquals(before, loaded.predict(some).stream().map(c -> c.text()).toList());
        assertEquals(before.get(2), loaded.caption(some.get(2)));
        // the same bundle the command line reads
        assertEquals(
                before.get(0),
                CaptionModel.load(file).caption(some.subList(0, 1), 2).get(0).text());
        RecipeResult evaluation = loaded.evaluate(some, CAPTIONS.subList(0, 5));
        assertTrue(
                evaluation.report().startsWith("pictures (in memory): 5 images"),
                evaluation.report());
    }

    @Test
    void givenEmptyCaption_whenFit_thenMessageNamesTheCallersIndices() {
        List<List<String>> captions = new ArrayList<>(CAPTIONS);
        captions.set(7, List.of(CAPTIONS.get(7).get(0), " "));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(PICTURES, captions));
        assertEquals("caption 1 of picture 7 is empty", e.getMessage());
    }

    @Test
    void givenMismatchedLists_whenFit_thenMessageNamesBothSizes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> tiny().build().fit(PICTURES, CAPTIONS.subList(0, 4)));
        assertEquals(
                "expected one element of captions per element of pictures, received:"
                        + " pictures.size()=40, captions.size()=4",
                e.getMessage());
    }

    @Test
    void givenNoModel_whenCaptioned_thenIllegalState() {
        assertThrows(IllegalStateException.class, () -> tiny().build().caption(PICTURES.get(0)));
    }
}
