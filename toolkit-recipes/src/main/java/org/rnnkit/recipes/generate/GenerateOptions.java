package org.rnnkit.recipes.generate;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.rnnkit.model.CellType;
import org.rnnkit.recipes.RecipeOptions;
import org.rnnkit.recipes.Recipes;
import org.rnnkit.recipes.TrainingOptions;
import org.rnnkit.recipes.TrainingOptionsBuilder;

/**
 * Settings of the generate recipe (a recurrent language model): the shared {@link TrainingOptions}
 * plus its own. Immutable; validated on construction; {@link GenerateOptionsBuilder} (generated)
 * builds them.
 *
 * @param training the shared settings; {@code batchSize} is the number of parallel stream lanes,
 *     {@code maxLength} the chunk in which dev documents are read (state carried), {@code
 *     bidirectional} must be false
 * @param level character or word tokens
 * @param tbpttLength the truncated-BPTT chunk: each stream lane is trained in consecutive chunks of
 *     this many steps, one per batch, the recurrent state carried from one batch to the next
 * @param embeddingSize token embedding width
 * @param minCount tokens seen fewer times in training map to the unknown token
 * @param maxVocabulary largest vocabulary, reserved ids included
 * @param devFraction share of the documents held out as dev set when no dev file is given
 * @param moreData further training data read after {@code training.data} (text files, TSV/CSV files
 *     or directories, all of the same {@code format}); {@code null} or empty = none
 */
@RecordBuilder
public record GenerateOptions(
        TrainingOptions training,
        TextLevel level,
        int tbpttLength,
        int embeddingSize,
        int minCount,
        int maxVocabulary,
        double devFraction,
        List<Path> moreData)
        implements RecipeOptions, GenerateOptionsBuilder.With {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     * @throws NullPointerException when {@code training} or {@code level} is null
     */
    public GenerateOptions {
        Objects.requireNonNull(training, "training");
        moreData = moreData == null ? List.of() : List.copyOf(moreData);
        Recipes.require(
                moreData.isEmpty() || training.data() != null,
                "moreData needs training data first: give data, received: data=null, moreData="
                        + moreData);
        Objects.requireNonNull(level, "level");
        Recipes.atLeast("tbpttLength", tbpttLength, 1);
        Recipes.atLeast("embeddingSize", embeddingSize, 1);
        Recipes.atLeast("minCount", minCount, 1);
        Recipes.atLeast("maxVocabulary", maxVocabulary, 5);
        Recipes.require(
                devFraction > 0 && devFraction < 1,
                "devFraction must be in (0, 1), received: devFraction=" + devFraction);
        Recipes.require(
                !training.bidirectional(),
                "a language model reads forward only: bidirectional must be false, received:"
                        + " bidirectional=true");
    }

    /**
     * Creates the settings without further data paths.
     *
     * @param training see {@link #training()}
     * @param level see {@link #level()}
     * @param tbpttLength see {@link #tbpttLength()}
     * @param embeddingSize see {@link #embeddingSize()}
     * @param minCount see {@link #minCount()}
     * @param maxVocabulary see {@link #maxVocabulary()}
     * @param devFraction see {@link #devFraction()}
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public GenerateOptions(
            TrainingOptions training,
            TextLevel level,
            int tbpttLength,
            int embeddingSize,
            int minCount,
            int maxVocabulary,
            double devFraction) {
        this(
                training,
                level,
                tbpttLength,
                embeddingSize,
                minCount,
                maxVocabulary,
                devFraction,
                List.of());
    }

    /**
     * Returns the defaults: embedded corpus, characters, one LSTM layer of 128, embedding 32, 32
     * stream lanes trained in TBPTT chunks of 50 (dev read in chunks of 200), batches of 32, at
     * most 3 epochs (patience 2), Adam 5e-3, every character kept, at most 20,000 ids, 5% of
     * documents for dev.
     *
     * @return the defaults
     */
    public static GenerateOptions defaults() {
        TrainingOptions training =
                TrainingOptions.defaults(GenerateModel.TASK)
                        .with(
                                t ->
                                        t.cell(CellType.LSTM)
                                                .hiddenSize(128)
                                                .epochs(3)
                                                .batchSize(32)
                                                .maxLength(200)
                                                .learningRate(5e-3));
        return new GenerateOptions(training, TextLevel.CHAR, 50, 32, 1, 20000, 0.05);
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static GenerateOptionsBuilder builder() {
        return GenerateOptionsBuilder.builder(defaults());
    }

    /**
     * Returns a copy with the training settings changed.
     *
     * @param change edits a builder of the current training settings
     * @return the copy
     */
    public GenerateOptions withTraining(Consumer<TrainingOptionsBuilder> change) {
        return withTraining(training.with(change));
    }
}
