package io.cxr4j.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with a weight per class, averaged like PyTorch's {@code
 * CrossEntropyLoss(weight=...)}: the sum of weighted losses divided by the sum of the weights of
 * the batch's labels. DJL's built-in loss takes no class weights.
 */
final class WeightedSoftmaxCrossEntropy extends Loss {

    private final float[] classWeights;

    WeightedSoftmaxCrossEntropy(float[] classWeights) {
        super("WeightedSoftmaxCrossEntropy");
        this.classWeights = classWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray oneHot = labels.singletonOrThrow().toType(DataType.INT64, false).oneHot(classWeights.length)
                .toType(logits.getDataType(), false);
        NDArray perImage = oneHot.mul(logits.logSoftmax(-1)).sum(new int[] {-1}).neg();
        NDArray weights = oneHot.mul(logits.getManager().create(classWeights)).sum(new int[] {-1});
        return perImage.mul(weights).sum().div(weights.sum());
    }
}
