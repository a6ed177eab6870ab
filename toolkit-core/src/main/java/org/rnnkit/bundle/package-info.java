/**
 * Model bundles: one zip holding a network with everything needed to use it, written atomically,
 * with provenance.
 */
package org.rnnkit.bundle;
