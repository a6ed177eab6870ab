/**
 * Recurrent topologies as DL4J computation graphs, and the cell and layer specifications they are
 * built from.
 */
package org.rnnkit.model;
