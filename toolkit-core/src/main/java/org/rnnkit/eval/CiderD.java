package org.rnnkit.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIDEr-D (Vedantam, Zitnick and Parikh 2015, "CIDEr: Consensus-based Image Description
 * Evaluation") computed as the COCO caption evaluation does ({@code pycocoevalcap}'s {@code Cider},
 * whose scorer is the CIDEr-D variant), so that a score here can be compared with published
 * numbers. Captions come already tokenized (the COCO evaluation lower-cases and strips punctuation
 * with its PTB tokenizer first).
 *
 * <ol>
 *   <li>Every caption is turned into the counts of its n-grams of orders 1 to {@value #MAX_ORDER}.
 *   <li>The document frequency {@code df(g)} of an n-gram is the number of images of the evaluated
 *       corpus whose references (any of them) contain it; candidates do not count. With {@code N}
 *       images the weight of an n-gram is {@code log(N) - log(max(1, df(g)))}, so an n-gram that no
 *       reference holds gets {@code log(N)}, and with a single image every reference n-gram weighs
 *       0 (CIDEr-D of a one-image corpus is 0, as in the reference code).
 *   <li>A caption's vector of order n holds {@code count(g) * weight(g)} for its n-grams of that
 *       order; its norm is the Euclidean norm of that vector.
 *   <li>For a candidate vector {@code c} and a reference vector {@code r} of order n, the score is
 *       {@code sum over g of min(c(g), r(g)) * r(g) / (|c| |r|)} (the clipping of CIDEr-D; 0 when
 *       either norm is 0), times the length penalty {@code exp(-delta^2 / (2 sigma^2))} with {@code
 *       sigma = }{@value #SIGMA}. As in the reference code, the length of a caption is its number
 *       of bigrams, one less than its number of tokens (0 for fewer than two tokens), so {@code
 *       delta} is the difference in tokens unless a caption has fewer than two.
 *   <li>An image's score is the mean over the orders of the sum over its references, divided by the
 *       number of references, times 10: the mean over references and orders, times 10.
 *   <li>The corpus score is the mean of the image scores. It is 0 or more and at most 10 (a
 *       candidate equal to every reference of its image scores 10 when its n-grams weigh more than
 *       0).
 * </ol>
 *
 * <p>Papers report CIDEr-D multiplied by 100 (a {@code pycocoevalcap} score of 1.179 is printed as
 * 117.9). The class has no state and is thread-safe.
 */
public final class CiderD {

    /** The highest n-gram order, 4 as in the COCO evaluation. */
    public static final int MAX_ORDER = 4;

    /** The standard deviation of the Gaussian length penalty, in tokens. */
    public static final double SIGMA = 6.0;

    private CiderD() {}

    /**
     * Scores a corpus of candidate captions against their references. Document frequencies come
     * from the references of exactly this corpus, so the score of an image depends on the other
     * images too.
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
        int images = candidates.size();
        List<List<Map<List<String>, Integer>>> referenceCounts = new ArrayList<>(images);
        Map<List<String>, Integer> documentFrequency = new HashMap<>();
        for (List<List<String>> imageReferences : references) {
            List<Map<List<String>, Integer>> counts = new ArrayList<>(imageReferences.size());
            Set<List<String>> seen = new HashSet<>();
            for (List<String> reference : imageReferences) {
                Map<List<String>, Integer> c = ngrams(reference);
                counts.add(c);
                seen.addAll(c.keySet());
            }
            referenceCounts.add(counts);
            for (List<String> ngram : seen) {
                documentFrequency.merge(ngram, 1, Integer::sum);
            }
        }
        double logImages = Math.log(images);
        double[] scores = new double[images];
        for (int i = 0; i < images; i++) {
            Vector candidate = vector(ngrams(candidates.get(i)), documentFrequency, logImages);
            double[] sums = new double[MAX_ORDER];
            for (Map<List<String>, Integer> counts : referenceCounts.get(i)) {
                Vector reference = vector(counts, documentFrequency, logImages);
                double delta = candidate.length() - reference.length();
                double penalty = Math.exp(-(delta * delta) / (2 * SIGMA * SIGMA));
                for (int n = 0; n < MAX_ORDER; n++) {
                    sums[n] += similarity(candidate, reference, n) * penalty;
                }
            }
            double mean = 0;
            for (double s : sums) {
                mean += s;
            }
            mean /= MAX_ORDER;
            scores[i] = mean / referenceCounts.get(i).size() * 10.0;
        }
        return CaptionScore.of(scores);
    }

    /** The clipped cosine of one order; 0 when either vector is all zeros. */
    private static double similarity(Vector candidate, Vector reference, int n) {
        Map<List<String>, Double> r = reference.weights().get(n);
        double dot = 0;
        for (Map.Entry<List<String>, Double> e : candidate.weights().get(n).entrySet()) {
            double rw = r.getOrDefault(e.getKey(), 0.0);
            dot += Math.min(e.getValue(), rw) * rw;
        }
        double norms = candidate.norms()[n] * reference.norms()[n];
        return norms == 0 ? 0.0 : dot / norms;
    }

    /** TF-IDF vectors per order, their norms, and the caption's length in bigrams. */
    private record Vector(List<Map<List<String>, Double>> weights, double[] norms, int length) {}

    private static Vector vector(
            Map<List<String>, Integer> counts,
            Map<List<String>, Integer> documentFrequency,
            double logImages) {
        List<Map<List<String>, Double>> weights = new ArrayList<>(MAX_ORDER);
        for (int n = 0; n < MAX_ORDER; n++) {
            weights.add(new HashMap<>());
        }
        double[] squares = new double[MAX_ORDER];
        int bigrams = 0;
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            List<String> ngram = e.getKey();
            int n = ngram.size() - 1;
            double df = Math.max(1, documentFrequency.getOrDefault(ngram, 0));
            double weight = e.getValue() * (logImages - Math.log(df));
            weights.get(n).put(ngram, weight);
            squares[n] += weight * weight;
            if (n == 1) {
                bigrams += e.getValue();
            }
        }
        double[] norms = new double[MAX_ORDER];
        for (int n = 0; n < MAX_ORDER; n++) {
            norms[n] = Math.sqrt(squares[n]);
        }
        return new Vector(weights, norms, bigrams);
    }

    /** Counts the n-grams of orders 1 to MAX_ORDER of one caption. */
    private static Map<List<String>, Integer> ngrams(List<String> tokens) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int n = 1; n <= MAX_ORDER; n++) {
            for (int start = 0; start + n <= tokens.size(); start++) {
                counts.merge(List.copyOf(tokens.subList(start, start + n)), 1, Integer::sum);
            }
        }
        return counts;
    }
}
