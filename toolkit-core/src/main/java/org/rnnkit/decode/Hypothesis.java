package org.rnnkit.decode;

import java.util.List;

/**
 * A decoded sequence.
 *
 * @param tokens the emitted token ids, without BOS and EOS
 * @param logProbability the sum of the tokens' log-probabilities (EOS included when emitted)
 * @param score the ranking score (log-probability divided by the length penalty)
 * @param finished whether the sequence ended with EOS (otherwise it hit the length limit)
 * @param attention per emitted step, the attention weights over the input, or an empty list when
 *     the model does not attend
 */
public record Hypothesis(
        int[] tokens,
        double logProbability,
        double score,
        boolean finished,
        List<float[]> attention) {

    /**
     * Copies the arrays.
     *
     * @throws NullPointerException for null tokens or attention
     */
    public Hypothesis {
        tokens = tokens.clone();
        attention = List.copyOf(attention);
    }
}
