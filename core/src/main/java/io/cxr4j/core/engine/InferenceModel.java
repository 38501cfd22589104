package io.cxr4j.core.engine;

import ai.djl.modality.Classifications;
import ai.djl.translate.TranslateException;
import java.util.List;

/**
 * A loaded network that turns preprocessed image tensors into class probabilities. Engines
 * implement it; users work with {@link io.cxr4j.core.inference.XrayClassifier}, which does the
 * decoding and preprocessing in plain Java so that every engine sees the same pixels.
 *
 * <p>Implementations must be safe for concurrent use by several threads.
 */
public interface InferenceModel extends AutoCloseable {

    /**
     * Classifies a batch of preprocessed images.
     *
     * @param tensors channel-first images as laid out by the model's preprocessing spec
     * @return one result per input, in input order, with probabilities in class order
     * @throws TranslateException when the engine fails to run the network
     */
    List<Classifications> classify(List<float[]> tensors) throws TranslateException;

    /** Releases the native resources of the network. */
    @Override
    void close();
}
