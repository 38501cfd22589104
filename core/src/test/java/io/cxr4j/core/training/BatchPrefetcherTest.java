package io.cxr4j.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {

    /** Counts how many items the background thread has taken from the source. */
    private static final class CountingSource implements Iterator<Integer> {
        final AtomicInteger produced = new AtomicInteger();
        private final int size;

        CountingSource(int size) {
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return produced.get() < size;
        }

        @Override
        public Integer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return produced.getAndIncrement();
        }
    }

    @AfterEach
    void noPrefetchThreadOutlivesATest() throws InterruptedException {
        assertThat(awaitNoPrefetchThreads()).as("live prefetch threads").isEmpty();
    }

    @Test
    void deliversEveryItemInTheSourceOrderAndEndsItsThread() {
        try (BatchPrefetcher<Integer> prefetcher = new BatchPrefetcher<>(new CountingSource(100), 3)) {
            List<Integer> seen = new ArrayList<>();
            prefetcher.forEachRemaining(seen::add);
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
            assertThat(prefetcher.hasNext()).isFalse();
            assertThatThrownBy(prefetcher::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void neverRunsMoreThanDepthPlusOneItemsAhead() throws InterruptedException {
        CountingSource source = new CountingSource(1_000);
        try (BatchPrefetcher<Integer> prefetcher = new BatchPrefetcher<>(source, 2)) {
            for (int taken = 0; taken < 5; taken++) {
                // Give the producer every chance to run ahead, then check it did not.
                awaitStable(source.produced);
                assertThat(source.produced.get()).isLessThanOrEqualTo(taken + 2 + 1);
                assertThat(prefetcher.next()).isEqualTo(taken);
            }
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAtItsPosition() {
        Iterator<Integer> failing = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 3) {
                    throw new IllegalArgumentException("broken image 3");
                }
                return next++;
            }
        };
        try (BatchPrefetcher<Integer> prefetcher = new BatchPrefetcher<>(failing, 2)) {
            assertThat(List.of(prefetcher.next(), prefetcher.next(), prefetcher.next())).containsExactly(0, 1, 2);
            assertThatThrownBy(prefetcher::next).hasMessageContaining("broken image 3")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeStopsTheThreadMidEpoch() {
        BatchPrefetcher<Integer> prefetcher = new BatchPrefetcher<>(new CountingSource(1_000_000), 4);
        assertThat(prefetcher.next()).isZero();
        prefetcher.close();
        prefetcher.close();
        assertThat(prefetcher.hasNext()).isFalse();
        assertThat(livePrefetchThreads()).isEmpty();
    }

    @Test
    void anAbandonedIteratorDoesNotLeakItsThread() throws InterruptedException {
        abandon();
        // The producer holds the consumer only weakly: once it is collected the thread ends.
        for (int i = 0; i < 50 && !livePrefetchThreads().isEmpty(); i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(livePrefetchThreads()).isEmpty();
    }

    @Test
    void refusesADepthBelowOne() {
        assertThatThrownBy(() -> new BatchPrefetcher<>(new CountingSource(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void abandon() {
        BatchPrefetcher<Integer> prefetcher = new BatchPrefetcher<>(new CountingSource(1_000_000), 2);
        prefetcher.next();
    }

    static List<Thread> livePrefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(BatchPrefetcher.THREAD_PREFIX))
                .toList();
    }

    /** Waits (up to 10 s) for prefetch threads that are finishing on their own. */
    static List<Thread> awaitNoPrefetchThreads() throws InterruptedException {
        for (int i = 0; i < 100 && !livePrefetchThreads().isEmpty(); i++) {
            Thread.sleep(100);
        }
        return livePrefetchThreads();
    }

    private static void awaitStable(AtomicInteger counter) throws InterruptedException {
        int last = -1;
        while (counter.get() != last) {
            last = counter.get();
            Thread.sleep(50);
        }
    }
}
