package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.cli.ColumnFlagsSupport.assertRefused;
import static org.rnnkit.cli.RnnkitCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.bundle.ModelBundle;
import org.rnnkit.cli.RnnkitCliTest.Run;

class CaptionCliTest {

    @TempDir Path dir;

    @Test
    void givenGeneratedScenes_whenTrainEvalPredict_thenBundleJsonAndCaptions() throws IOException {
        Path data = dir.resolve("scenes");
        Run generate = run("caption", "generate", "--out", data.toString(), "--size", "40");
        assertEquals(0, generate.exit(), generate.err());
        assertEquals(80, Files.readAllLines(data.resolve("captions.txt")).size());
        assertEquals(40, Files.readAllLines(data.resolve("splits.tsv")).size());

        Path model = dir.resolve("c.zip");
        Run train =
                run(
                        "caption",
                        "train",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString(),
                        "--smoke",
                        "--hidden",
                        "8",
                        "--embedding-size",
                        "4",
                        "--image-vector-size",
                        "4",
                        "--min-count",
                        "1",
                        "--beam",
                        "2");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("baseline: nearest training image"), train.out());

        Path json = dir.resolve("m.json");
        Run eval = RnnkitCliTest.evaluate("caption", model, data, json);
        assertTrue(eval.out().contains("(test split): 4 images"), eval.out());
        JsonNode metrics = ModelBundle.json().readTree(json.toFile());
        for (String key :
                new String[] {
                    "bleu1",
                    "bleu4",
                    "baseline_constant_bleu4",
                    "baseline_nearest_bleu1",
                    "rouge_l",
                    "rouge_l_greedy",
                    "baseline_constant_rouge_l",
                    "baseline_nearest_rouge_l",
                    "exact_match"
                }) {
            double v = metrics.get(key).asDouble();
            assertTrue(v >= 0 && v <= 100, key + " in " + metrics);
        }
        // CIDEr-D on the COCO scale lies in [0, 10]
        for (String key :
                new String[] {
                    "cider", "cider_greedy", "baseline_constant_cider", "baseline_nearest_cider"
                }) {
            double v = metrics.get(key).asDouble();
            assertTrue(v >= 0 && v <= 10, key + " in " + metrics);
        }

        Path image = data.resolve("images").resolve("scene-00001.png");
        Run predict = run("caption", "predict", "--model", model.toString(), image.toString());
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().startsWith(image + "\t"), predict.out());

        // a model without attention has no attention picture: a clear error, no file
        Run noAttention =
                run(
                        "caption",
                        "predict",
                        "--model",
                        model.toString(),
                        "--show-attention",
                        dir.resolve("pictures").toString(),
                        image.toString());
        assertRefused(noAttention, "does not attend");
        assertFalse(Files.exists(dir.resolve("pictures/scene-00001.attention.png")));

        Run missing =
                run(
                        "caption",
                        "predict",
                        "--model",
                        model.toString(),
                        dir.resolve("no.png").toString());
        assertRefused(missing, "no.png: image file not found");

        Run bidirectional = run("caption", "train", "--bidirectional", "--data", data.toString());
        assertEquals(2, bidirectional.exit());
        assertTrue(
                bidirectional
                        .err()
                        .contains(
                                "caption train does not take --bidirectional: the decoder reads"
                                        + " forward"),
                bidirectional.err());

        Files.writeString(data.resolve("captions.txt"), "scene-00001.png#0\tok\nbroken line\n");
        Run malformed =
                run("caption", "train", "--data", data.toString(), "--out", model.toString());
        assertRefused(malformed, "captions.txt:2:");
    }
}
