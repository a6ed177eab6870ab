package org.rnnkit.examples;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.ImageCaptioner;
import org.rnnkit.recipes.caption.CaptionDataGenerator;
import org.rnnkit.recipes.caption.CaptionDataGenerator.Scene;

/** Trains an image captioner on generated pictures, captions, saves it, loads it and captions. */
public final class CaptionExample {

    private CaptionExample() {}

    /**
     * Runs the example.
     *
     * @param args optional: where to save the bundle (default {@code caption.zip})
     * @throws Exception when training or saving fails
     */
    public static void main(String[] args) throws Exception {
        List<Scene> scenes = CaptionDataGenerator.generate(120, 7); // coloured shapes, 32x32
        List<BufferedImage> pictures = scenes.stream().map(Scene::image).toList();
        List<List<String>> captions = scenes.stream().map(Scene::captions).toList();
        ImageCaptioner captioner = ImageCaptioner.builder().epochs(3).minCount(1).build();
        System.out.println(captioner.fit(pictures, captions).report()); // dev BLEU, baselines
        System.out.println(captioner.caption(pictures.get(0))); // beam search

        Path file = Path.of(args.length > 0 ? args[0] : "caption.zip");
        captioner.save(file); // the bundle `rnnkit caption predict --model` reads
        System.out.println(ImageCaptioner.load(file).caption(pictures.get(0)));
    }
}
