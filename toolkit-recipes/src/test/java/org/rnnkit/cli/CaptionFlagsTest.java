package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnkit.recipes.caption.CaptionOptions;
import org.rnnkit.recipes.caption.CenternetEncoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Caption's train flags: the encoder chooses the defaults, and given flags still win. */
class CaptionFlagsTest {

    @Command(name = "train")
    static final class Holder {
        @Mixin TrainingFlags common;

        @Mixin EmbeddingFlags embedding;

        @Mixin CaptionFlags caption;
    }

    private static CaptionOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.caption.apply(h.common, h.embedding);
    }

    @Test
    void givenCenternet_whenParsed_thenItsMeasuredDefaultsExceptTheFlagsGiven() {
        CaptionOptions centernet = parse("--encoder", "centernet");
        assertEquals(CenternetEncoder.captionDefaults(), centernet);
        assertEquals(512, centernet.training().hiddenSize());
        assertEquals(256, centernet.attentionSize());
        assertEquals(5, centernet.beamWidth());

        CaptionOptions given = parse("--encoder", "centernet", "--hidden", "64", "--beam", "2");
        assertEquals(64, given.training().hiddenSize());
        assertEquals(2, given.beamWidth());
        assertEquals(0.3, given.training().dropout(), 0.0);

        assertEquals(CaptionOptions.defaults(), parse());
    }
}
