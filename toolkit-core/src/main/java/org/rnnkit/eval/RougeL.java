package org.rnnkit.eval;

import java.util.List;

/**
 * ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries") computed as the COCO
 * caption evaluation does ({@code pycocoevalcap}'s {@code Rouge}), so that a score here can be
 * compared with published numbers. Captions come already tokenized.
 *
 * <ol>
 *   <li>For each reference of an image, {@code lcs} is the length in tokens of the longest common
 *       subsequence of the candidate and the reference; precision is {@code lcs / |candidate|},
 *       recall {@code lcs / |reference|}.
 *   <li>{@code P} is the largest precision over the references and {@code R} the largest recall,
 *       each taken on its own (they may come from different references).
 *   <li>The image score is the F-measure {@code (1 + beta^2) P R / (R + beta^2 P)} with {@code beta
 *       = }{@value #BETA}, or 0 when {@code P} or {@code R} is 0.
 *   <li>The corpus score is the mean of the image scores, in [0, 1].
 * </ol>
 *
 * <p>An empty candidate or reference has no common subsequence with anything here: its precision
 * and recall are 0. Papers report ROUGE-L multiplied by 100. The class has no state and is
 * thread-safe.
 */
public final class RougeL {

    /** The weight of recall against precision in the F-measure, 1.2 as in the COCO evaluation. */
    public static final double BETA = 1.2;

    private RougeL() {}

    /**
     * Scores a corpus of candidate captions against their references.
     *
     * @param candidates the candidate caption of each image, as tokens (may be empty)
     * @param references {@code references.get(i)} holds all reference captions of image {@code i}
     *     as tokens, at least one per image
     * @return the corpus score (mean of the image scores) and the score of every image
     * @throws IllegalArgumentException when {@code candidates} is empty, when the two lists differ
     *     in size, or when an image has no reference
     * @throws NullPointerException when a list, a caption or a token is {@code null}
     */
    public static CaptionScore corpus(
            List<List<String>> candidates, List<List<List<String>>> references) {
        CaptionArguments.check(candidates, references);
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = image(candidates.get(i), references.get(i));
        }
        return CaptionScore.of(scores);
    }

    private static double image(List<String> candidate, List<List<String>> references) {
        double precision = 0;
        double recall = 0;
        for (List<String> reference : references) {
            int lcs = lcs(candidate, reference);
            if (lcs > 0) {
                precision = Math.max(precision, (double) lcs / candidate.size());
                recall = Math.max(recall, (double) lcs / reference.size());
            }
        }
        if (precision == 0 || recall == 0) {
            return 0.0;
        }
        double b2 = BETA * BETA;
        return (1 + b2) * precision * recall / (recall + b2 * precision);
    }

    /**
     * Returns the length of the longest common subsequence of two token lists.
     *
     * @param a the first token list
     * @param b the second token list
     * @return the number of tokens of their longest common subsequence
     */
    static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            String token = a.get(i - 1);
            for (int j = 1; j <= b.size(); j++) {
                current[j] =
                        token.equals(b.get(j - 1))
                                ? previous[j - 1] + 1
                                : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
