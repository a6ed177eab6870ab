/**
 * Data pipeline stages: DataVec record readers, padding and masking, length bucketing. Arrays use
 * DL4J layout: features {@code [batch, size, time]}, masks {@code [batch, time]} with 1 for a real
 * step.
 */
package org.rnnkit.data;
