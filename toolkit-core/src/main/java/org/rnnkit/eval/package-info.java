/** Evaluation metrics and baselines. */
package org.rnnkit.eval;
