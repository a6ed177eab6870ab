/**
 * The shared parts of every recipe's {@code inspect}: what training would read, before any
 * training, computed in one streaming pass with bounded state ({@link
 * org.rnnkit.recipes.inspect.LengthHistogram}, {@link org.rnnkit.recipes.inspect.TokenCounts},
 * {@link org.rnnkit.recipes.inspect.ExampleHashes}) and reported as text, JSON and a PNG chart
 * ({@link org.rnnkit.recipes.inspect.InspectionReport}). Each recipe's {@code XInspector} reads its
 * data with the recipe's own reader and tokenizer.
 */
package org.rnnkit.recipes.inspect;
