package io.cxr4j.core.engine;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.cxr4j.core.image.PreprocessingSpec;
import java.util.List;

/**
 * Turns a preprocessed channel-first image into the network's input and its logits into class
 * probabilities, for every engine's DJL {@code Predictor}. Decoding and resizing happen before, in
 * cxr4j's engine-independent Java code, so each engine receives the same channel-first layout (an
 * engine that computes channel-last transposes inside its own graph).
 */
public final class ProbabilityTranslator implements Translator<float[], Classifications> {

    private final List<String> classNames;
    private final Shape imageShape;

    /**
     * Creates the translator.
     *
     * @param classNames the model's classes in output order
     * @param spec the model's input specification
     */
    public ProbabilityTranslator(List<String> classNames, PreprocessingSpec spec) {
        this.classNames = List.copyOf(classNames);
        this.imageShape = new Shape(spec.channels(), spec.imageSize(), spec.imageSize());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] input) {
        if (input.length != imageShape.size()) {
            throw new IllegalArgumentException("Expected a tensor of " + imageShape.size()
                    + " values (" + imageShape + "), got " + input.length);
        }
        return new NDList(ctx.getNDManager().create(input, imageShape));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        if (logits.size() != classNames.size()) {
            throw new IllegalStateException("The network gives " + logits.size() + " outputs for "
                    + classNames.size() + " classes " + classNames);
        }
        return new Classifications(classNames, logits.softmax(-1));
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
