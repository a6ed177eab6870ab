/**
 * The high-level API: one class per task, each a thin facade over the task's recipe (the code path
 * the {@code rnnkit} command line runs).
 *
 * <ul>
 *   <li>{@link org.rnnkit.api.TextClassifier}: texts -> labels (the sentiment recipe)
 *   <li>{@link org.rnnkit.api.SequenceTagger}: words -> one tag per word (the postag recipe)
 *   <li>{@link org.rnnkit.api.Translator}: sentences -> sentences (the translate recipe)
 *   <li>{@link org.rnnkit.api.ImageCaptioner}: pictures -> captions (the caption recipe)
 *   <li>{@link org.rnnkit.api.Forecaster}: a time series -> its next steps (the forecast recipe)
 *   <li>{@link org.rnnkit.api.TextGenerator}: a prompt -> its continuation (the generate recipe)
 * </ul>
 *
 * <p>{@code fit} trains through the recipe's {@code train}: in-memory data enters the recipe's read
 * stage as records (the recipe's other source besides its files), so both paths share every later
 * stage. The run's checkpoints live in a temporary directory deleted after {@code fit}; the model
 * stays in memory until {@code save}.
 *
 * <p>Each class is made by {@code builder()...build()} (settings named as in the recipe's options
 * record, validated as they are set), trained by {@code fit(train[, dev])} on in-memory data or on
 * files, and used through {@code predict}, {@code evaluate} (the report the command line prints)
 * and {@code save(Path)} / {@code load(Path)} (the bundles the command line reads and writes).
 * Errors in in-memory data name the caller's index ("text 17 is empty").
 *
 * <p>{@code fitAndSave()} trains as the command line's {@code train} does, on the data, output path
 * and resume setting of the options (checkpoints kept beside the bundle). The command line's {@code
 * train}, {@code eval} and {@code predict} build these classes from the options they parse ({@code
 * builder().options(parsed).build()}) and call them: one code path for both ways in.
 */
package org.rnnkit.api;
