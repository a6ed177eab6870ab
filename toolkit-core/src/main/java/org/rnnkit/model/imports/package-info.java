/**
 * Importers that run models exported by other frameworks on ND4J. {@link
 * org.rnnkit.model.imports.TfjsGraphModel} reads a TensorFlow.js graph model (model.json plus
 * weight shards) and interprets its TensorFlow GraphDef with ND4J ops; tensors are NHWC.
 */
package org.rnnkit.model.imports;
