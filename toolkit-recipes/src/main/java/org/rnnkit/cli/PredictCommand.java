package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * The shape of the recipes' {@code predict}: load a bundle, take the inputs given as arguments (or
 * one per standard-input line), print one line per input. A recipe declares its positional
 * parameter and supplies {@link #predict}.
 */
abstract class PredictCommand extends InputsCommand {

    @Mixin ModelArgument model;

    /**
     * Predicts with the model.
     *
     * @param bundle the model bundle
     * @param inputs the non-blank inputs
     * @return one output line per input
     * @throws IOException when the bundle or an input cannot be read
     */
    abstract List<String> predict(Path bundle, List<String> inputs) throws IOException;

    @Override
    List<String> lines(List<String> inputs) throws IOException {
        return predict(model.model, inputs);
    }
}
