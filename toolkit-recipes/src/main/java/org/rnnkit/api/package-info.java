/**
 * The high-level API: one class per task, each a thin facade over the task's recipe (the code path
 * the {@code rnnkit} command line runs).
 *
 * <ul>
 *   <li>{@link org.rnnkit.api.TextClassifier}: texts -> labels (the sentiment recipe)
 * </ul>
 *
 * <p>Each class is made by {@code builder()...build()} (settings named as in the recipe's options
 * record, validated as they are set), trained by {@code fit(train[, dev])} on in-memory data or on
 * files, and used through {@code predict}, {@code evaluate} (the report the command line prints)
 * and {@code save(Path)} / {@code load(Path)} (the bundles the command line reads and writes).
 * Errors in in-memory data name the caller's index ("text 17 is empty").
 */
package org.rnnkit.api;
