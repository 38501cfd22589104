package io.cxr4j.serve;

import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.data.Prediction;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.inference.XrayClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's work queue: a bounded queue of decoded uploads and one worker thread that classifies
 * them, gathering the predictions that arrive within a few milliseconds of each other into one
 * {@link XrayClassifier#predictDecoded} call, so that the engine runs fewer, larger batches as load rises.
 * Explanations run one at a time on the same worker, so that a model's engine work stays on one
 * thread and the queue bounds all of it.
 */
final class PredictionBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictionBatcher.class);

    /** A prediction and the size of the engine batch it was computed in. */
    record Batched(Prediction prediction, int batchSize) {}

    /** The queue holds as many uploads as it was given room for; the caller answers 503. */
    static final class QueueFullException extends Exception {
        private static final long serialVersionUID = 1L;

        QueueFullException(String message) {
            super(message);
        }
    }

    private abstract static class Job {
        final Path image;
        final GrayImage decoded;

        Job(Path image, GrayImage decoded) {
            this.image = image;
            this.decoded = decoded;
        }

        abstract CompletableFuture<?> future();
    }

    private static final class PredictJob extends Job {
        final CompletableFuture<Batched> result = new CompletableFuture<>();

        PredictJob(Path image, GrayImage decoded) {
            super(image, decoded);
        }

        @Override
        CompletableFuture<?> future() {
            return result;
        }
    }

    private static final class ExplainJob extends Job {
        final CompletableFuture<Explanation> result = new CompletableFuture<>();

        ExplainJob(Path image, GrayImage decoded) {
            super(image, decoded);
        }

        @Override
        CompletableFuture<?> future() {
            return result;
        }
    }

    private final String modelName;
    private final XrayClassifier classifier;
    private final int batchSize;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * Starts the worker.
     *
     * @param modelName the model's name, for messages and the thread's name
     * @param classifier the model; the batcher does not close it
     * @param batchSize the most images per engine call, at least 1
     * @param maxWaitMillis how long a batch waits for more images after its first, at least 0
     * @param queueCapacity the most uploads waiting, at least 1
     */
    PredictionBatcher(String modelName, XrayClassifier classifier, int batchSize, long maxWaitMillis,
            int queueCapacity) {
        this.modelName = modelName;
        this.classifier = classifier;
        this.batchSize = batchSize;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.worker = new Thread(this::work, "cxr4j-serve-" + modelName);
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Queues an upload for prediction.
     *
     * @param image the upload's private copy, which names it in the prediction
     * @param decoded the upload, decoded
     * @return the prediction and its batch size
     * @throws QueueFullException when the queue is full
     */
    CompletableFuture<Batched> predict(Path image, GrayImage decoded) throws QueueFullException {
        PredictJob job = new PredictJob(image, decoded);
        enqueue(job);
        return job.result;
    }

    /**
     * Queues an upload for a Grad-CAM explanation of its predicted class.
     *
     * @param image the upload's private copy, which names it in the explanation
     * @param decoded the upload, decoded
     * @return the explanation
     * @throws QueueFullException when the queue is full
     */
    CompletableFuture<Explanation> explain(Path image, GrayImage decoded) throws QueueFullException {
        ExplainJob job = new ExplainJob(image, decoded);
        enqueue(job);
        return job.result;
    }

    /** @return how many uploads wait in the queue */
    int queued() {
        return queue.size();
    }

    private void enqueue(Job job) throws QueueFullException {
        if (closed) {
            throw new IllegalStateException("Model '" + modelName + "' is no longer served: its server is closed");
        }
        if (!queue.offer(job)) {
            throw new QueueFullException("The queue of model '" + modelName + "' is full (" + queue.size()
                    + " images wait); retry later");
        }
    }

    private void work() {
        Job carried = null;
        try {
            while (!closed) {
                Job first = carried != null ? carried : queue.take();
                carried = null;
                if (first instanceof ExplainJob explainJob) {
                    runExplain(explainJob);
                    continue;
                }
                List<PredictJob> batch = new ArrayList<>(batchSize);
                batch.add((PredictJob) first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < batchSize) {
                    long left = deadline - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next instanceof ExplainJob) {
                        carried = next;
                        break;
                    }
                    batch.add((PredictJob) next);
                }
                runBatch(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            IllegalStateException stopped = new IllegalStateException("The server stopped before model '"
                    + modelName + "' classified the image");
            if (carried != null) {
                carried.future().completeExceptionally(stopped);
            }
            for (Job job; (job = queue.poll()) != null; ) {
                job.future().completeExceptionally(stopped);
            }
        }
    }

    private void runBatch(List<PredictJob> jobs) {
        // A request that timed out has been answered and its file deleted: skip it.
        List<PredictJob> live = new ArrayList<>(jobs.size());
        for (PredictJob job : jobs) {
            if (!job.result.isDone()) {
                live.add(job);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        List<Path> images = new ArrayList<>(live.size());
        List<GrayImage> decoded = new ArrayList<>(live.size());
        for (PredictJob job : live) {
            images.add(job.image);
            decoded.add(job.decoded);
        }
        List<Prediction> predictions;
        try {
            predictions = classifier.predictDecoded(images, decoded);
        } catch (RuntimeException | Error e) {
            LOG.error("Model '{}' failed on a batch of {} images", modelName, images.size(), e);
            for (PredictJob job : live) {
                job.result.completeExceptionally(e);
            }
            return;
        }
        LOG.debug("Model '{}' classified a batch of {} images", modelName, images.size());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).result.complete(new Batched(predictions.get(i), live.size()));
        }
    }

    private void runExplain(ExplainJob job) {
        if (job.result.isDone()) {
            return;
        }
        try {
            job.result.complete(classifier.explainDecoded(job.image, job.decoded, null));
        } catch (Exception | Error e) {
            job.result.completeExceptionally(e);
        }
    }

    /** Stops the worker after the engine call it is running; queued uploads fail. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
