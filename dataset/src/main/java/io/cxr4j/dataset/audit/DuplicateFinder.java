package io.cxr4j.dataset.audit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the pairs of byte-identical images (same SHA-256) and of near-duplicates (perceptual
 * hashes at most a given distance apart, not byte-identical).
 *
 * <p>Only candidate pairs are compared, not all n (n - 1) / 2: images with the same SHA-256, and
 * images whose hashes agree on one of {@code distance + 1} disjoint blocks of bits. Two hashes at
 * most {@code distance} apart differ in at most {@code distance} bits, which fall into at most
 * {@code distance} blocks, so at least one block is equal and no such pair is missed
 * (pigeonhole). Blocks shorter than {@value #MIN_BLOCK_BITS} bits would put most pairs into a
 * common bucket anyway, so from a distance of {@code BITS / MIN_BLOCK_BITS} on (far beyond the
 * default of 10, which gives blocks of 23 bits) every pair is compared.
 *
 * <p>The pairs come out as a full scan over all pairs gives them: exact pairs in the images'
 * order, near pairs by distance and, at equal distance, in the images' order.
 */
final class DuplicateFinder {

    /**
     * The pairs found.
     *
     * @param exact byte-identical pairs, in the images' order
     * @param near near-duplicate pairs, by distance
     */
    record Duplicates(List<DuplicatePair> exact, List<DuplicatePair> near) {}

    /** The shortest block of hash bits worth bucketing by. */
    private static final int MIN_BLOCK_BITS = 8;

    private DuplicateFinder() {}

    /**
     * Finds the duplicates among images.
     *
     * @param facts the images, in the data set's order
     * @param nearDistance the largest hash distance that counts as near-duplicate, 0 to {@link
     *     PerceptualHash#BITS}
     * @return the pairs
     */
    static Duplicates find(List<ImageFacts> facts, int nearDistance) {
        List<DuplicatePair> exact = new ArrayList<>();
        List<DuplicatePair> near = new ArrayList<>();
        int n = facts.size();
        if ((nearDistance + 1) * MIN_BLOCK_BITS > PerceptualHash.BITS) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    compare(facts.get(i), facts.get(j), nearDistance, exact, near);
                }
            }
        } else {
            for (long pair : candidates(facts, nearDistance)) {
                compare(facts.get((int) (pair / n)), facts.get((int) (pair % n)), nearDistance, exact, near);
            }
        }
        near.sort(Comparator.comparingInt(DuplicatePair::distance));
        return new Duplicates(exact, near);
    }

    private static void compare(ImageFacts a, ImageFacts b, int nearDistance, List<DuplicatePair> exact,
            List<DuplicatePair> near) {
        boolean same = a.sha256() != null && a.sha256().equals(b.sha256());
        int distance = a.hash() != null && b.hash() != null ? a.hash().distance(b.hash()) : PerceptualHash.BITS;
        if (same) {
            exact.add(pair(a, b, true, distance));
        } else if (distance <= nearDistance) {
            near.add(pair(a, b, false, distance));
        }
    }

    private static DuplicatePair pair(ImageFacts a, ImageFacts b, boolean exact, int distance) {
        return new DuplicatePair(a.path(), a.sample().label(), b.path(), b.sample().label(), exact, distance);
    }

    /** The pairs (i, j), i before j, that share a SHA-256 or a block of hash bits, as i * n + j ascending. */
    private static long[] candidates(List<ImageFacts> facts, int nearDistance) {
        int n = facts.size();
        Set<Long> pairs = new HashSet<>();
        Map<String, List<Integer>> bySha = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (facts.get(i).sha256() != null) {
                bySha.computeIfAbsent(facts.get(i).sha256(), key -> new ArrayList<>()).add(i);
            }
        }
        addPairs(bySha.values(), n, pairs);
        int blocks = nearDistance + 1;
        for (int b = 0; b < blocks; b++) {
            int from = b * PerceptualHash.BITS / blocks;
            int to = (b + 1) * PerceptualHash.BITS / blocks;
            Map<BitSet, List<Integer>> byBlock = new HashMap<>();
            for (int i = 0; i < n; i++) {
                PerceptualHash hash = facts.get(i).hash();
                if (hash != null) {
                    byBlock.computeIfAbsent(hash.bits(from, to), key -> new ArrayList<>()).add(i);
                }
            }
            addPairs(byBlock.values(), n, pairs);
        }
        return pairs.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Adds every pair within each bucket; a bucket lists its images in ascending order. */
    private static void addPairs(Collection<List<Integer>> buckets, int n, Set<Long> pairs) {
        for (List<Integer> bucket : buckets) {
            for (int a = 0; a < bucket.size(); a++) {
                for (int b = a + 1; b < bucket.size(); b++) {
                    pairs.add((long) bucket.get(a) * n + bucket.get(b));
                }
            }
        }
    }
}
