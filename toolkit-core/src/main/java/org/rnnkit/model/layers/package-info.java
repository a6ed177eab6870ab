/**
 * rnnkit's recurrent layers for DL4J: {@link org.rnnkit.model.layers.LstmLayer}, {@link
 * org.rnnkit.model.layers.GruLayer} and {@link org.rnnkit.model.layers.SimpleRnnLayer}, fused
 * implementations (OpenBLAS GEMMs and JIT-vectorized gate loops, batch split over threads) with
 * exact masking, plus {@link org.rnnkit.model.layers.GruWeights} to import trained GRU weights. See
 * {@link org.rnnkit.model.layers.FusedRecurrentLayer} for what they support.
 */
package org.rnnkit.model.layers;
