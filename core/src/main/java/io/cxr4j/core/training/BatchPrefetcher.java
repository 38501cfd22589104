package io.cxr4j.core.training;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a source iterator on a background thread, at most {@code depth} items ahead of the consumer,
 * so that making the next batch (reading the cache, augmenting, building tensors) overlaps the
 * engine's work on the current one. Items arrive in the source's order, so prefetching never
 * changes what the consumer sees.
 *
 * <p>Memory is bounded: at most {@code depth} finished items wait in the queue, plus the one the
 * thread is making. The thread ends when the source is exhausted, when {@link #close} is called,
 * or when the consumer drops this iterator without closing it (it is then garbage collected and the
 * thread notices within {@value #POLL_MILLIS} ms of the next full-queue wait), so an epoch
 * abandoned by an exception does not leak a thread. A failure of the source is rethrown to the
 * consumer at the position where it happened.
 *
 * <p>One consumer thread only.
 *
 * @param <T> the item type
 */
public final class BatchPrefetcher<T> implements Iterator<T>, AutoCloseable {

    /** Thread names start with this, for thread dumps and leak checks. */
    public static final String THREAD_PREFIX = "cxr4j-prefetch-";

    private static final long POLL_MILLIS = 200;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private Object next;

    /**
     * Starts the background thread.
     *
     * @param source the items, consumed only by the background thread from now on
     * @param depth the number of finished items that may wait, at least 1
     */
    public BatchPrefetcher(Iterator<? extends T> source, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("Prefetch depth must be at least 1, but is " + depth);
        }
        this.queue = new ArrayBlockingQueue<>(depth);
        // The producer must not hold a strong reference to this object, or it could never be
        // collected when a consumer abandons it.
        Producer producer = new Producer(source, queue, closed, new WeakReference<>(this));
        this.thread = new Thread(producer, THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean hasNext() {
        if (next == null && !closed.get()) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for the next batch", e);
            }
        }
        if (next instanceof Failure failure) {
            close();
            throw new IllegalStateException("Preparing a batch failed: " + failure.cause().getMessage(),
                    failure.cause());
        }
        return next != null && next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T item = (T) next;
        next = null;
        return item;
    }

    /**
     * Stops the background thread and waits for it to end, which takes at most the time to finish
     * the item it is making. Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        thread.interrupt();
        queue.clear();
        next = null;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Failure(Throwable cause) {}

    private static final class Producer implements Runnable {
        private final Iterator<?> source;
        private final BlockingQueue<Object> queue;
        private final AtomicBoolean closed;
        private final WeakReference<?> owner;

        Producer(Iterator<?> source, BlockingQueue<Object> queue, AtomicBoolean closed, WeakReference<?> owner) {
            this.source = source;
            this.queue = queue;
            this.closed = closed;
            this.owner = owner;
        }

        @Override
        public void run() {
            try {
                while (source.hasNext()) {
                    if (stopped() || !put(source.next())) {
                        return;
                    }
                }
                put(END);
            } catch (RuntimeException | Error e) {
                put(new Failure(e));
            }
        }

        private boolean put(Object item) {
            try {
                while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (stopped()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }

        private boolean stopped() {
            return closed.get() || owner.get() == null;
        }
    }
}
