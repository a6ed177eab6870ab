package org.rnnkit.cli;

import org.rnnkit.recipes.Recipes;
import picocli.CommandLine.Option;

/**
 * The {@code predict} of the recipes that decode with beam search (translate, caption): {@code
 * --beam K} beside the inputs, checked before any input is read.
 */
abstract class BeamPredictCommand extends PredictCommand {

    @Option(names = "--beam", paramLabel = "K")
    Integer beam;

    /**
     * Returns the recipe's default beam width.
     *
     * @return the width used without {@code --beam}
     */
    abstract int defaultBeam();

    /**
     * Returns the beam width to decode with.
     *
     * @return {@code --beam}, or the recipe's default
     */
    int beamWidth() {
        return beam == null ? defaultBeam() : beam;
    }

    @Override
    void check() {
        Recipes.require(beamWidth() >= 1, "beam must be >= 1, received: beam=" + beamWidth());
    }
}
