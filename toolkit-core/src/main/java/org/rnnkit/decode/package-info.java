/**
 * Decoding of autoregressive models (translation, captioning, language models): greedy, beam search
 * and temperature/top-k sampling over a {@link org.rnnkit.decode.StepDecoder}, which keeps the
 * recurrent state between steps so that a sequence of length T costs T decoder steps.
 */
package org.rnnkit.decode;
