package org.rnnkit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A train/dev split of a parallel corpus in which no source sentence occurs on both sides.
 *
 * <p>Translation corpora such as Tatoeba hold many pairs that share a source ("I'm fine." with
 * several translations). A pair-level random split would put one translation in train and another
 * in dev, so dev would measure memorisation; {@link #splitBySource} keeps every group of pairs with
 * the same source together.
 *
 * @param train the training pairs, in their original order
 * @param dev the dev pairs, in their original order, possibly empty
 */
public record ParallelSplit(List<ParallelPair> train, List<ParallelPair> dev) {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSplit.class);

    /**
     * Copies the lists.
     *
     * @param train see {@link #train()}
     * @param dev see {@link #dev()}
     * @throws NullPointerException when a list or an element is {@code null}
     */
    public ParallelSplit {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
    }

    /**
     * Splits pairs so that all pairs with the same source (compared as exact strings after
     * stripping surrounding white space) land on the same side.
     *
     * <p>The source groups are shuffled with {@code seed}; going through them in that order, a
     * group joins dev when that brings the dev size closer to {@code round(devFraction *
     * pairs.size())} and leaves train at least one pair. With singleton groups the dev size is
     * exactly that target; large groups can make it miss by less than the largest group. Both parts
     * keep the input order. The same pairs and seed always give the same split.
     *
     * @param pairs the corpus, at least one pair
     * @param devFraction the requested share of pairs in dev, in {@code [0, 1)}
     * @param seed the shuffle seed
     * @return the split; train is never empty
     * @throws IllegalArgumentException when {@code pairs} is empty or {@code devFraction} is out of
     *     range
     */
    public static ParallelSplit splitBySource(
            List<ParallelPair> pairs, double devFraction, long seed) {
        Objects.requireNonNull(pairs, "pairs");
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("pairs must not be empty, received: pairs.size()=0");
        }
        if (!(devFraction >= 0 && devFraction < 1)) {
            throw new IllegalArgumentException(
                    "devFraction must be in [0, 1), received: devFraction=" + devFraction);
        }
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            ParallelPair p = Objects.requireNonNull(pairs.get(i), "pairs[" + i + "]");
            bySource.computeIfAbsent(p.source().strip(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(bySource.values());
        // The groups come in first-occurrence order, so the shuffle depends only on the data and
        // the seed, never on hash order.
        Collections.shuffle(groups, new Random(seed));
        long target = Math.round(devFraction * pairs.size());
        boolean[] inDev = new boolean[pairs.size()];
        long devSize = 0;
        for (List<Integer> g : groups) {
            long with = devSize + g.size();
            if (with < pairs.size() && Math.abs(with - target) < Math.abs(devSize - target)) {
                for (int i : g) {
                    inDev[i] = true;
                }
                devSize = with;
            }
        }
        List<ParallelPair> train = new ArrayList<>(pairs.size() - (int) devSize);
        List<ParallelPair> dev = new ArrayList<>((int) devSize);
        for (int i = 0; i < pairs.size(); i++) {
            (inDev[i] ? dev : train).add(pairs.get(i));
        }
        if (devFraction > 0 && dev.isEmpty()) {
            LOG.warn(
                    "dev split is empty: devFraction={} of {} pairs in {} source groups",
                    devFraction,
                    pairs.size(),
                    groups.size());
        }
        LOG.debug(
                "split {} pairs ({} sources) into {} train and {} dev (requested {})",
                pairs.size(),
                groups.size(),
                train.size(),
                dev.size(),
                target);
        return new ParallelSplit(train, dev);
    }
}
