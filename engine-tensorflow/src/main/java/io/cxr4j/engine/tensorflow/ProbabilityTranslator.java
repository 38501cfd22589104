package io.cxr4j.engine.tensorflow;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.cxr4j.core.image.PreprocessingSpec;
import java.util.List;

/**
 * Turns a preprocessed channel-first image into the SavedModel's input and its logits into class
 * probabilities. Decoding and resizing happen before, in cxr4j's engine-independent Java code; the
 * SavedModel transposes to channel-last itself, so the input is laid out as for every engine.
 */
final class ProbabilityTranslator implements Translator<float[], Classifications> {

    private final List<String> classNames;
    private final Shape imageShape;

    ProbabilityTranslator(List<String> classNames, PreprocessingSpec spec) {
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
        return new Classifications(classNames, list.singletonOrThrow().softmax(-1));
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
