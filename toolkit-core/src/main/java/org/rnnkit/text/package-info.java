/** Tokenizers and vocabularies: raw text to token ids and back. */
package org.rnnkit.text;
