/**
 * The training loop: optimizer settings, early stopping, checkpoints and resume, progress and
 * metrics reporting.
 */
package org.rnnkit.train;
