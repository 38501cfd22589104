package io.cxr4j.core.training;

import io.cxr4j.core.config.Sampling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * The draws of one training epoch under {@link Sampling#SOURCE_BALANCED}: each class keeps as many
 * draws as it has images, shared equally among the (source, class) groups of that class, and each
 * group's draws go round its images in shuffled passes.
 *
 * <p>Exactly: a class of {@code n} images from {@code k} sources gives each source {@code n / k}
 * draws, and the first {@code n mod k} sources in name order (images without a source last) one
 * more. A group of {@code m} images with {@code q} draws draws every image {@code q / m} times and
 * {@code q mod m} of them, chosen anew each epoch, once more. The counts are the same in every
 * epoch ({@link #draws()}); only which images fill the remainders and the order change.
 */
public final class SourceBalancedDraws {

    /**
     * One (source, class) group and its draws per epoch.
     *
     * @param classIndex the class
     * @param source the source, or null for the class's images without one
     * @param images the group's images
     * @param draws how many times per epoch its images are drawn in all
     */
    public record Group(int classIndex, String source, int images, int draws) {}

    private final List<Group> groups;
    /** Each group's image positions, in the order of {@link #groups}. */
    private final List<int[]> members;

    /**
     * Groups the images and fixes each group's draws.
     *
     * @param images the training images, whose positions the draws name
     */
    public SourceBalancedDraws(List<PreparedImages.LabelledImage> images) {
        Map<Integer, Map<String, List<Integer>>> byClass = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            PreparedImages.LabelledImage image = images.get(i);
            byClass.computeIfAbsent(image.classIndex(), c -> new TreeMap<>(Comparator.nullsLast(
                    Comparator.<String>naturalOrder()))).computeIfAbsent(image.sample().source(),
                    s -> new ArrayList<>()).add(i);
        }
        List<Group> all = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        byClass.forEach((classIndex, bySource) -> {
            int classImages = bySource.values().stream().mapToInt(List::size).sum();
            int sources = bySource.size();
            int source = 0;
            for (Map.Entry<String, List<Integer>> group : bySource.entrySet()) {
                int draws = classImages / sources + (source < classImages % sources ? 1 : 0);
                all.add(new Group(classIndex, group.getKey(), group.getValue().size(), draws));
                positions.add(group.getValue().stream().mapToInt(Integer::intValue).toArray());
                source++;
            }
        });
        this.groups = List.copyOf(all);
        this.members = List.copyOf(positions);
    }

    /** @return every (source, class) group with its images and draws per epoch, by class, then source name */
    public List<Group> draws() {
        return groups;
    }

    /** @return the draws per source of each class, for logs: {@code {covid={a=147, b=146}, ...}} */
    public Map<Integer, Map<String, Integer>> drawsByClass() {
        Map<Integer, Map<String, Integer>> result = new LinkedHashMap<>();
        for (Group g : groups) {
            result.computeIfAbsent(g.classIndex(), c -> new LinkedHashMap<>())
                    .put(Objects.requireNonNullElse(g.source(), "(no source)"), g.draws());
        }
        return result;
    }

    /**
     * One epoch's draws in training order.
     *
     * @param random the epoch's own random numbers
     * @return image positions, one per draw, as many as there are images; an image may appear
     *     several times or not at all
     */
    public List<Integer> epoch(Random random) {
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] positions = members.get(g);
            int draws = groups.get(g).draws();
            for (int pass = 0; pass < draws / positions.length; pass++) {
                for (int p : positions) {
                    order.add(p);
                }
            }
            List<Integer> rest = new ArrayList<>(positions.length);
            for (int p : positions) {
                rest.add(p);
            }
            Collections.shuffle(rest, random);
            order.addAll(rest.subList(0, draws % positions.length));
        }
        Collections.shuffle(order, random);
        return order;
    }
}
