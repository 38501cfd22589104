package io.cxr4j.core.inference;

import io.cxr4j.core.data.BatchPredictions;
import io.cxr4j.core.data.Prediction;
import ai.djl.modality.Classifications;
import ai.djl.translate.TranslateException;
import io.cxr4j.core.data.SkippedImage;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.engine.Engines;
import io.cxr4j.core.engine.GradCamModel;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.ExplanationMetadata;
import io.cxr4j.core.explain.ExplanationUnsupportedException;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained model ready to classify chest X-ray image files: PNG, JPEG and DICOM (uncompressed, JPEG
 * Lossless and JPEG 2000; see {@link io.cxr4j.core.image.ImageDecoder}), each told by its content, not its
 * name. It applies the preprocessing saved with the model (decode, resize, scale) in plain Java and
 * runs the network on the engine that trained it; {@link #explain} adds a Grad-CAM heat map computed by that same engine. Safe for use
 * by several threads; close it to free the engine's native memory. {@link #close} waits for the
 * engine calls already running; calls made after it fail with an {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (XrayClassifier classifier = XrayClassifier.load(Path.of("runs/seed/model"))) {
 *     Prediction p = classifier.predict(Path.of("xray.png"));
 *     System.out.println(p.label() + " " + p.probability("covid"));
 * }
 * }</pre>
 */
public final class XrayClassifier implements AutoCloseable {

    /** Images per engine call in {@link #predictAll}. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    private static final Logger LOG = LoggerFactory.getLogger(XrayClassifier.class);

    private final Path directory;
    private final ModelManifest manifest;
    private final Preprocessor preprocessor;
    private final InferenceModel model;
    /**
     * Engine calls hold the read lock and {@link #close} the write lock: freeing native memory
     * under a running TensorFlow session crashes the JVM.
     */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private XrayClassifier(Path directory, ModelManifest manifest, InferenceModel model) {
        this.directory = directory;
        this.manifest = manifest;
        this.preprocessor = new Preprocessor(manifest.preprocessing());
        this.model = model;
    }

    /**
     * Loads a model directory with the engine that wrote it, found on the classpath.
     *
     * @param modelDirectory a directory written by a cxr4j training run
     * @return the classifier
     * @throws IOException when the directory is not a complete cxr4j model, or its weights do not
     *     fit the network its manifest describes
     * @throws io.cxr4j.core.engine.EngineNotFoundException when the engine that wrote it is not on
     *     the classpath
     */
    public static XrayClassifier load(Path modelDirectory) throws IOException {
        ModelManifest manifest = ModelDirectory.readManifest(modelDirectory);
        return load(modelDirectory, Engines.discover().require(manifest.engine()));
    }

    /**
     * Loads a model directory with a given engine.
     *
     * @param modelDirectory a directory written by a cxr4j training run
     * @param engine the engine that wrote it
     * @return the classifier
     * @throws IOException when the directory is not a complete cxr4j model, or its weights do not
     *     fit the network its manifest describes
     * @throws ModelEngineMismatchException when another engine wrote the model
     */
    public static XrayClassifier load(Path modelDirectory, CxrEngine engine) throws IOException {
        ModelManifest manifest = ModelDirectory.readManifest(modelDirectory);
        if (!manifest.engine().equalsIgnoreCase(engine.name())) {
            throw new ModelEngineMismatchException("Model " + modelDirectory + " was written by engine '"
                    + manifest.engine() + "', not '" + engine.name() + "'. Load it with the '" + manifest.engine()
                    + "' engine, or convert it first with ModelConverter.convert (target engine '" + engine.name()
                    + "').", manifest.engine(), engine.name());
        }
        LOG.info("Loading {} model '{}' ({} classes {}) from {}", engine.name(), manifest.architecture(),
                manifest.classNames().size(), manifest.classNames(), modelDirectory);
        InferenceModel model = engine.load(manifest, modelDirectory);
        try {
            checkFitsManifest(manifest, modelDirectory, model);
            return new XrayClassifier(modelDirectory, manifest, model);
        } catch (Throwable e) {
            try {
                model.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Runs one blank image through the network, so that weights which do not fit the manifest's
     * channels or classes, or its input size where the network depends on it (model.json edited
     * after training, weights of another model), fail here with a message rather than on the first
     * real image with an engine's stack trace. A network that pools globally accepts any size, so
     * an edited size there goes unnoticed.
     */
    private static void checkFitsManifest(ModelManifest manifest, Path modelDirectory, InferenceModel model)
            throws IOException {
        PreprocessingSpec spec = manifest.preprocessing();
        try {
            model.classify(List.of(new float[spec.tensorLength()]));
        } catch (TranslateException | RuntimeException e) {
            throw new IOException("Model " + modelDirectory + " cannot classify a blank image of the input its "
                    + ModelDirectory.MANIFEST_FILE + " describes (" + manifest.architecture() + ", "
                    + manifest.classNames().size() + " classes, " + spec.imageSize() + "x" + spec.imageSize()
                    + " input with " + spec.channels() + (spec.channels() == 1 ? " channel" : " channels")
                    + "): " + e.getMessage() + ". If the engine reports mismatched shapes, the manifest was changed"
                    + " after training or the weights belong to another model; retrain the model or restore the"
                    + " directory.", e);
        }
    }

    /** @return the model's manifest */
    public ModelManifest manifest() {
        return manifest;
    }

    /** @return the model directory this classifier was loaded from */
    public Path modelDirectory() {
        return directory;
    }

    /** @return the model's class names in output order */
    public List<String> classNames() {
        return manifest.classNames();
    }

    /**
     * Classifies one image file.
     *
     * @param image a PNG, JPEG or DICOM chest X-ray
     * @return the class probabilities
     * @throws IOException when the image cannot be decoded (an {@link
     *     io.cxr4j.core.image.ImageDecodeException} saying why)
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public Prediction predict(Path image) throws IOException {
        checkOpen();
        float[] tensor = preprocessor.preprocess(image);
        return Prediction.of(image, run(List.of(tensor)).get(0));
    }

    /**
     * Classifies images already decoded, such as uploads a service decoded to check them, in one
     * engine call, without reading their files again. Each prediction equals {@link #predict} of
     * the file the image was decoded from.
     *
     * @param images what names each image in its prediction, such as the file it was decoded from
     * @param decoded the images at their original size, as {@link io.cxr4j.core.image.ImageDecoder}
     *     gives them, in the same order
     * @return one prediction per image, in input order
     * @throws IllegalArgumentException when the two lists differ in length
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public List<Prediction> predictDecoded(List<Path> images, List<GrayImage> decoded) {
        if (images.size() != decoded.size()) {
            throw new IllegalArgumentException("predictDecoded needs one name per image, got " + images.size()
                    + " names for " + decoded.size() + " images");
        }
        checkOpen();
        if (images.isEmpty()) {
            return List.of();
        }
        List<float[]> tensors = decoded.stream().map(preprocessor::preprocess).toList();
        List<Classifications> results = run(tensors);
        List<Prediction> predictions = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            predictions.add(Prediction.of(images.get(i), results.get(i)));
        }
        return predictions;
    }

    /**
     * Classifies many image files in batches. Unreadable images are reported in the result and
     * skipped; they do not stop the others. Each batch's images are decoded in parallel on the
     * common fork-join pool.
     *
     * @param images the image files
     * @param batchSize images per engine call, at least 1
     * @return predictions for the readable images, in input order, and the skipped ones
     * @throws IllegalArgumentException when the batch size is below 1
     * @throws IllegalStateException when the classifier is closed or the engine fails
     * @throws CancellationException when the thread is interrupted; checked before each batch
     */
    public BatchPredictions predictAll(List<Path> images, int batchSize) {
        List<Prediction> predictions = new ArrayList<>(images.size());
        List<SkippedImage> skipped = new ArrayList<>();
        predictInBatches(images, batchSize, (first, batch) -> {
            predictions.addAll(batch.predictions());
            skipped.addAll(batch.skipped());
        });
        return new BatchPredictions(predictions, skipped);
    }

    /**
     * Receives the results of {@link #predictInBatches} one batch at a time, on the caller's thread
     * and outside the engine lock, so it may use or close the classifier. An exception it throws
     * ends the run and reaches the caller; the batches after it are not classified.
     */
    @FunctionalInterface
    public interface BatchConsumer {

        /**
         * Takes one batch's results.
         *
         * @param first the index, in the list of images passed in, of the batch's first image
         * @param batch predictions for the batch's readable images, in input order, and its skipped ones
         */
        void accept(int first, BatchPredictions batch);
    }

    /**
     * Classifies many image files batch by batch, handing each batch's results over as soon as they
     * are ready, so that nothing but one batch is held however many images there are. Unreadable
     * images are skipped and reported in their batch; one warning at the end counts them all. Each
     * batch's images are decoded in parallel on the common fork-join pool.
     *
     * @param images the image files
     * @param batchSize images per engine call, at least 1
     * @param perBatch receives each batch's results, in input order
     * @throws IllegalArgumentException when the batch size is below 1
     * @throws IllegalStateException when the classifier is closed or the engine fails
     * @throws CancellationException when the thread is interrupted; checked before each batch
     */
    public void predictInBatches(List<Path> images, int batchSize, BatchConsumer perBatch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, was " + batchSize);
        }
        int skippedCount = 0;
        Path firstSkipped = null;
        for (int start = 0; start < images.size(); start += batchSize) {
            checkOpen();
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Interrupted after " + start + " of " + images.size()
                        + " images");
            }
            List<Path> chunk = images.subList(start, Math.min(images.size(), start + batchSize));
            Object[] tensors = new Object[chunk.size()];
            IntStream.range(0, chunk.size()).parallel().forEach(i -> {
                try {
                    tensors[i] = preprocessor.preprocess(chunk.get(i));
                } catch (IOException | RuntimeException e) {
                    tensors[i] = SkippedImage.of(chunk.get(i), e);
                }
            });
            List<Path> readable = new ArrayList<>();
            List<float[]> batch = new ArrayList<>();
            List<SkippedImage> skipped = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (tensors[i] instanceof float[] tensor) {
                    readable.add(chunk.get(i));
                    batch.add(tensor);
                } else {
                    SkippedImage skip = (SkippedImage) tensors[i];
                    LOG.debug("Skipping {}: {}", skip.image(), skip.reason());
                    skipped.add(skip);
                }
            }
            List<Prediction> predictions = new ArrayList<>(batch.size());
            if (!batch.isEmpty()) {
                List<Classifications> results = run(batch);
                if (results.size() != batch.size()) {
                    throw new IllegalStateException("The " + manifest.engine() + " engine returned "
                            + results.size() + " results for " + batch.size() + " images");
                }
                for (int i = 0; i < results.size(); i++) {
                    predictions.add(Prediction.of(readable.get(i), results.get(i)));
                }
            }
            if (firstSkipped == null && !skipped.isEmpty()) {
                firstSkipped = skipped.get(0).image();
            }
            skippedCount += skipped.size();
            perBatch.accept(start, new BatchPredictions(predictions, skipped));
        }
        if (skippedCount > 0) {
            // One line here; each image with its reason is in the results for the caller to report.
            LOG.warn("{} of {} images could not be read and were skipped, the first: {}", skippedCount,
                    images.size(), firstSkipped);
        }
    }

    /**
     * Classifies many image files in batches of {@value #DEFAULT_BATCH_SIZE}.
     *
     * @param images the image files
     * @return predictions for the readable images and the skipped ones
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public BatchPredictions predictAll(List<Path> images) {
        return predictAll(images, DEFAULT_BATCH_SIZE);
    }

    /**
     * Whether the loaded engine can compute Grad-CAM explanations for this model.
     *
     * @return true when {@link #explain} works
     */
    public boolean canExplain() {
        return model instanceof GradCamModel;
    }

    /**
     * Explains the prediction for one image: a Grad-CAM heat map for the predicted class.
     *
     * @param image a PNG, JPEG or DICOM chest X-ray
     * @return the prediction and heat map
     * @throws IOException when the image cannot be decoded
     * @throws ExplanationUnsupportedException when the model's engine cannot compute Grad-CAM
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public Explanation explain(Path image) throws IOException {
        return explain(image, null);
    }

    /**
     * Explains one class score for one image with a Grad-CAM heat map, computed by the model's own
     * engine. The map is given over the model input and mapped back onto the original image.
     *
     * @param image a PNG, JPEG or DICOM chest X-ray
     * @param className the class to explain, or null for the predicted class
     * @return the prediction and heat map
     * @throws IOException when the image cannot be decoded
     * @throws ExplanationUnsupportedException when the model's engine cannot compute Grad-CAM
     * @throws IllegalArgumentException when the model has no class of that name
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public Explanation explain(Path image, String className) throws IOException {
        checkOpen();
        checkExplainable(className);
        return explainDecoded(image, preprocessor.decode(image), className);
    }

    /**
     * Explains one class score for an image already decoded, as {@link #explain(Path, String)}
     * explains its file, without reading the file again.
     *
     * @param image what names the image in the explanation, such as the file it was decoded from
     * @param original the image at its original size, as {@link io.cxr4j.core.image.ImageDecoder} gives it
     * @param className the class to explain, or null for the predicted class
     * @return the prediction and heat map
     * @throws ExplanationUnsupportedException when the model's engine cannot compute Grad-CAM
     * @throws IllegalArgumentException when the model has no class of that name
     * @throws IllegalStateException when the classifier is closed or the engine fails
     */
    public Explanation explainDecoded(Path image, GrayImage original, String className) {
        checkOpen();
        GradCamModel gradCamModel = checkExplainable(className);
        int requested = className == null ? -1 : classNames().indexOf(className);
        PreprocessingSpec spec = manifest.preprocessing();
        float[] tensor = preprocessor.preprocess(original);
        Prediction prediction = Prediction.of(image, run(List.of(tensor)).get(0));
        int classIndex = requested >= 0 ? requested : prediction.predictedIndex();
        ClassActivationMap cam;
        try {
            cam = whileOpen(() -> gradCamModel.gradCam(tensor, classIndex));
        } catch (TranslateException e) {
            throw new IllegalStateException("The " + manifest.engine() + " engine failed to compute Grad-CAM for "
                    + image + ": " + e.getMessage(), e);
        }
        HeatMap inputMap = cam.map().resize(spec.imageSize(), spec.imageSize());
        HeatMap originalMap = inputMap.toOriginal(original.width(), original.height(), spec.resizeMode());
        ExplanationMetadata metadata = new ExplanationMetadata(ExplanationMetadata.GRAD_CAM, manifest.engine(),
                manifest.architecture(), cam.targetLayer(), cam.map().width(), cam.map().height(), spec.resizeMode());
        return new Explanation(image, classNames().get(classIndex), classIndex, prediction, inputMap, originalMap,
                metadata);
    }

    /** The model's Grad-CAM, refusing a model that has none or a class it does not know. */
    private GradCamModel checkExplainable(String className) {
        if (!(model instanceof GradCamModel gradCamModel)) {
            throw new ExplanationUnsupportedException(manifest.engine(), manifest.architecture());
        }
        if (className != null && !classNames().contains(className)) {
            throw new IllegalArgumentException("Cannot explain class '" + className + "': the model's classes are "
                    + classNames());
        }
        return gradCamModel;
    }

    private List<Classifications> run(List<float[]> tensors) {
        try {
            return whileOpen(() -> model.classify(tensors));
        } catch (TranslateException e) {
            throw new IllegalStateException("The " + manifest.engine() + " engine failed to run model '"
                    + manifest.architecture() + "': " + e.getMessage(), e);
        }
    }

    /** An engine call, run only while the model is open. */
    @FunctionalInterface
    private interface EngineCall<T> {
        T run() throws TranslateException;
    }

    private <T> T whileOpen(EngineCall<T> call) throws TranslateException {
        Lock running = lifecycle.readLock();
        running.lock();
        try {
            checkOpen();
            return call.run();
        } finally {
            running.unlock();
        }
    }

    /** Fails fast, before any image is decoded; {@link #whileOpen} checks again under the lock. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The classifier of model " + directory + " is closed;"
                    + " load the model again (XrayClassifier.load) to use it.");
        }
    }

    /**
     * Frees the engine's native memory once the engine calls already running have finished; it
     * waits for them however long they take, uninterruptibly, since freeing memory a running
     * engine call still uses crashes the JVM.
     */
    @Override
    public void close() {
        Lock closing = lifecycle.writeLock();
        closing.lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            closing.unlock();
        }
    }
}
