package org.rnnkit.recipes.caption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnkit.eval.Bleu;
import org.rnnkit.eval.BleuScore;

/**
 * The two baselines printed beside the captioner's BLEU:
 *
 * <ul>
 *   <li><b>constant</b>: the single training caption with the highest corpus BLEU-4 against the
 *       training images' references when used for every training image (a language-only prior);
 *   <li><b>nearest neighbour</b>: the caption of the training image closest in encoder space
 *       (cosine similarity of the image vectors the decoder reads), that image's consensus caption
 *       (the one with the highest BLEU against its other captions), as in Devlin et al. (2015),
 *       "Exploring Nearest Neighbor Approaches for Image Captioning".
 * </ul>
 *
 * @param constant the constant caption (normalized tokens joined by spaces)
 * @param vectors the training images' vectors {@code [n, imageVectorSize]}
 * @param neighbourCaptions one caption per training image, in the rows' order
 */
record CaptionBaselines(String constant, INDArray vectors, List<String> neighbourCaptions) {

    /** BLEU as captioning papers report it: cumulative BLEU-1..4, no smoothing, lower case. */
    static final Bleu BLEU =
            Bleu.builder().optLowercase(true).optSmoothing(Bleu.Smoothing.NONE).build();

    /** The bundle form of the baselines without the vectors. */
    record Stored(String constant, List<String> neighbourCaptions) {}

    CaptionBaselines {
        Objects.requireNonNull(constant, "constant");
        Objects.requireNonNull(vectors, "vectors");
        neighbourCaptions = List.copyOf(neighbourCaptions);
        if (vectors.size(0) != neighbourCaptions.size()) {
            throw new IllegalArgumentException(
                    "expected one caption per vector, received: "
                            + neighbourCaptions.size()
                            + " captions for "
                            + vectors.size(0)
                            + " vectors");
        }
    }

    /**
     * Fits both baselines on the training images.
     *
     * @param references per training image its normalized captions
     * @param vectors the training images' vectors {@code [n, I]}, rows in the same order
     * @return the baselines
     */
    static CaptionBaselines fit(List<List<String>> references, INDArray vectors) {
        List<String> consensus = new ArrayList<>(references.size());
        for (List<String> refs : references) {
            consensus.add(consensus(refs));
        }
        return new CaptionBaselines(bestConstant(references), vectors, consensus);
    }

    /**
     * Returns the nearest-neighbour caption of each image.
     *
     * @param queries image vectors {@code [m, I]}
     * @return one caption per row
     */
    List<String> nearest(INDArray queries) {
        INDArray train = unit(vectors);
        INDArray q = unit(queries);
        INDArray similarity = q.mmul(train.transpose());
        INDArray best = similarity.argMax(1);
        List<String> out = new ArrayList<>((int) queries.size(0));
        for (int i = 0; i < queries.size(0); i++) {
            out.add(neighbourCaptions.get(best.getInt(i)));
        }
        return out;
    }

    private static INDArray unit(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        INDArray norms = d.norm2(1).addi(1e-12).reshape(d.size(0), 1);
        return d.divColumnVector(norms);
    }

    /** The caption with the highest BLEU against the image's other captions (first on a tie). */
    static String consensus(List<String> captions) {
        if (captions.size() == 1) {
            return captions.get(0);
        }
        Bleu sentence = Bleu.builder().optLowercase(true).optEffectiveOrder(true).build();
        String best = captions.get(0);
        double bestScore = -1;
        for (int i = 0; i < captions.size(); i++) {
            List<String> others = new ArrayList<>(captions);
            others.remove(i);
            double s = sentence.sentence(captions.get(i), others).score();
            if (s > bestScore) {
                bestScore = s;
                best = captions.get(i);
            }
        }
        return best;
    }

    /**
     * Finds the training caption with the highest corpus BLEU-4 when used for every training image
     * (ties: higher BLEU-1, then the lexically first). Corpus BLEU of a constant hypothesis needs,
     * per n-gram of the candidate, the sum over images of its count clipped to that image's largest
     * reference count; a histogram per n-gram of those largest counts makes each candidate cost
     * O(its n-grams), so all distinct training captions are tried.
     *
     * @param references per training image its normalized captions
     * @return the best caption
     */
    static String bestConstant(List<List<String>> references) {
        int maxOrder = 4;
        Map<String, int[]> histogram = new HashMap<>();
        List<int[]> referenceLengths = new ArrayList<>();
        TreeSet<String> candidates = new TreeSet<>();
        for (List<String> refs : references) {
            Map<String, Integer> maxCounts = new HashMap<>();
            int[] lengths = new int[refs.size()];
            for (int r = 0; r < refs.size(); r++) {
                List<String> tokens = BLEU.tokenize(refs.get(r));
                lengths[r] = tokens.size();
                for (Map.Entry<String, Integer> e : ngrams(tokens, maxOrder).entrySet()) {
                    maxCounts.merge(e.getKey(), e.getValue(), Math::max);
                }
                if (!tokens.isEmpty()) {
                    candidates.add(String.join(" ", tokens));
                }
            }
            referenceLengths.add(lengths);
            for (Map.Entry<String, Integer> e : maxCounts.entrySet()) {
                int[] h = histogram.computeIfAbsent(e.getKey(), k -> new int[8]);
                for (int k = 0; k < Math.min(h.length, e.getValue()); k++) {
                    h[k]++;
                }
            }
        }
        Map<Integer, Long> referenceLengthFor = new HashMap<>();
        String best = null;
        double bestScore = -1;
        double bestUnigram = -1;
        long images = references.size();
        for (String candidate : candidates) {
            List<String> tokens = BLEU.tokenize(candidate);
            long[] counts = new long[maxOrder];
            long[] totals = new long[maxOrder];
            for (Map.Entry<String, Integer> e : ngrams(tokens, maxOrder).entrySet()) {
                int order = e.getKey().split(" ").length;
                int[] h = histogram.get(e.getKey());
                if (h != null) {
                    for (int k = 0; k < Math.min(h.length, e.getValue()); k++) {
                        counts[order - 1] += h[k];
                    }
                }
            }
            for (int n = 1; n <= maxOrder; n++) {
                totals[n - 1] = images * Math.max(0, tokens.size() - n + 1);
            }
            long refLength =
                    referenceLengthFor.computeIfAbsent(
                            tokens.size(), len -> closestLengths(referenceLengths, len));
            BleuScore score =
                    BLEU.fromStatistics(counts, totals, images * tokens.size(), refLength);
            double s = score.cumulative(4);
            double u = score.cumulative(1);
            if (s > bestScore || (s == bestScore && u > bestUnigram)) {
                best = candidate;
                bestScore = s;
                bestUnigram = u;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no non-empty training caption");
        }
        return best;
    }

    private static long closestLengths(List<int[]> referenceLengths, int length) {
        long sum = 0;
        for (int[] lengths : referenceLengths) {
            int closest = lengths[0];
            for (int l : lengths) {
                int d = Math.abs(l - length);
                int dc = Math.abs(closest - length);
                if (d < dc || (d == dc && l < closest)) {
                    closest = l;
                }
            }
            sum += closest;
        }
        return sum;
    }

    /**
     * Counts the n-grams of orders 1 to {@code maxOrder}, keyed by their tokens joined by spaces.
     */
    private static Map<String, Integer> ngrams(List<String> tokens, int maxOrder) {
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 1; n <= maxOrder; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return counts;
    }
}
