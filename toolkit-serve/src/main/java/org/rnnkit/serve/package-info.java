/**
 * {@code rnnkit serve}: trained bundles behind a batched HTTP endpoint ({@link
 * org.rnnkit.serve.ModelServer}), found by the command line through {@link
 * org.rnnkit.recipes.ModelServing}.
 */
package org.rnnkit.serve;
