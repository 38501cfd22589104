package io.cxr4j.dataset.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.image.GrayImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DuplicateFinderTest {

    /** Clusters of images that differ in a few pixels, some byte-identical copies, some undecodable. */
    private static List<ImageFacts> facts(long seed) {
        Random random = new Random(seed);
        List<ImageFacts> facts = new ArrayList<>();
        for (int cluster = 0; cluster < 40; cluster++) {
            float[] base = new float[17 * 16];
            for (int i = 0; i < base.length; i++) {
                base[i] = random.nextFloat();
            }
            int members = 1 + random.nextInt(5);
            for (int m = 0; m < members; m++) {
                float[] pixels = base.clone();
                for (int changed = random.nextInt(1 + 4 * m); changed > 0; changed--) {
                    pixels[random.nextInt(pixels.length)] = random.nextFloat();
                }
                int index = facts.size();
                String label = random.nextBoolean() ? "covid" : "normal";
                Sample sample = new Sample(Path.of("img" + index + ".png"), label, null, null, null);
                // A byte-identical copy shares its SHA-256 whatever its pixels decode to.
                String sha = random.nextInt(8) == 0 && index > 0 ? facts.get(index - 1).sha256()
                        : random.nextInt(20) == 0 ? null : "sha" + index;
                PerceptualHash hash = random.nextInt(15) == 0 ? null
                        : PerceptualHash.of(new GrayImage(17, 16, pixels));
                facts.add(new ImageFacts(sample, "img" + index + ".png", null, null, sha, hash, null));
            }
        }
        return facts;
    }

    /** Every pair compared, in order: what the bucketed search must reproduce. */
    private static DuplicateFinder.Duplicates allPairs(List<ImageFacts> facts, int nearDistance) {
        List<DuplicatePair> exact = new ArrayList<>();
        List<DuplicatePair> near = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            for (int j = i + 1; j < facts.size(); j++) {
                ImageFacts a = facts.get(i);
                ImageFacts b = facts.get(j);
                int distance = a.hash() != null && b.hash() != null ? a.hash().distance(b.hash()) : PerceptualHash.BITS;
                DuplicatePair pair = new DuplicatePair(a.path(), a.sample().label(), b.path(), b.sample().label(),
                        false, distance);
                if (a.sha256() != null && a.sha256().equals(b.sha256())) {
                    exact.add(new DuplicatePair(pair.first(), pair.firstLabel(), pair.second(), pair.secondLabel(),
                            true, distance));
                } else if (distance <= nearDistance) {
                    near.add(pair);
                }
            }
        }
        near.sort(Comparator.comparingInt(DuplicatePair::distance));
        return new DuplicateFinder.Duplicates(exact, near);
    }

    @Test
    void findsExactlyThePairsOfAFullScanInItsOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            List<ImageFacts> facts = facts(seed);
            for (int distance : new int[] {0, 1, 5, 10, 30, 31, 32, 100, 256}) {
                DuplicateFinder.Duplicates expected = allPairs(facts, distance);
                DuplicateFinder.Duplicates found = DuplicateFinder.find(facts, distance);

                assertThat(found.exact()).as("exact, seed %d, distance %d", seed, distance)
                        .containsExactlyElementsOf(expected.exact());
                assertThat(found.near()).as("near, seed %d, distance %d", seed, distance)
                        .containsExactlyElementsOf(expected.near());
            }
        }
    }

    @Test
    void theFixtureHasPairsOfEveryKind() {
        DuplicateFinder.Duplicates found = DuplicateFinder.find(facts(1), 10);

        assertThat(found.exact()).isNotEmpty();
        assertThat(found.near()).isNotEmpty().anyMatch(p -> p.distance() > 0);
    }
}
