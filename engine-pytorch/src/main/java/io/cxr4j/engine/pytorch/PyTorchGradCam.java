package io.cxr4j.engine.pytorch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.explain.HeatMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Grad-CAM on a DJL {@link SequentialBlock} with PyTorch's autograd, through DJL's {@link
 * GradientCollector}. The network is split after its last convolution block: the feature part runs
 * first; its output is detached and marked as requiring a gradient, so that backward stops there
 * and yields exactly {@code d logit_c / d A}; the head then runs from it to the logits.
 *
 * <p>Every array lives in a sub-manager closed at the end of the call, so nothing accumulates on
 * the model's manager. DJL allows one PyTorch gradient collector at a time in a JVM, so calls are
 * serialised by a JVM-wide lock. The feature pass runs under it too, for simplicity: predictions
 * never take the lock, so only explanations wait for each other. Training in the same JVM opens
 * its own collector, which this lock cannot see: explaining while training there fails with DJL's
 * "already collecting" error instead of corrupting either.
 */
final class PyTorchGradCam {

    /** DJL's PtGradientCollector refuses a second concurrent collector anywhere in the JVM. */
    private static final ReentrantLock COLLECTOR = new ReentrantLock();

    private final SequentialBlock network;
    private final int splitAfter;
    private final Shape inputShape;
    private final String networkName;
    private final String blockName;

    /**
     * @param network the whole network, producing one logit per class
     * @param splitAfter the index of the last child block of the feature part
     * @param inputShape the shape of one input, channel-first without the batch axis
     * @param networkName the architecture name, for the target layer's description
     */
    PyTorchGradCam(SequentialBlock network, int splitAfter, Shape inputShape, String networkName) {
        this.network = network;
        this.splitAfter = splitAfter;
        this.inputShape = inputShape;
        this.networkName = networkName;
        List<Block> children = network.getChildren().values();
        int convolution = children.stream().limit(splitAfter + 1L).mapToInt(PyTorchGradCam::convolutions).sum();
        // Named as the TensorFlow engine names it, so one model explained by either engine reads the same.
        this.blockName = "convolution " + convolution + " of " + convolutions(network);
    }

    private static int convolutions(Block block) {
        return block instanceof Conv2d ? 1
                : block.getChildren().values().stream().mapToInt(PyTorchGradCam::convolutions).sum();
    }

    /**
     * Computes the map of one image for one class.
     *
     * @param parent the manager the call's arrays are scoped under (the model's)
     * @param tensor one preprocessed image
     * @param classIndex the class whose logit is explained
     * @return ReLU of the gradient-weighted feature maps, at their resolution
     */
    ClassActivationMap compute(NDManager parent, float[] tensor, int classIndex) {
        if (tensor.length != inputShape.size()) {
            throw new IllegalArgumentException("Expected a tensor of " + inputShape.size() + " values ("
                    + inputShape + "), got " + tensor.length);
        }
        COLLECTOR.lock();
        try (NDManager manager = parent.newSubManager()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray input = manager.create(tensor, new Shape(1).addAll(inputShape));
            NDList current = new NDList(input);
            List<Block> children = network.getChildren().values();
            for (int i = 0; i <= splitAfter; i++) {
                current = children.get(i).forward(parameters, current, false);
            }
            // A detached leaf: backward stops here instead of running through the feature part.
            NDArray features = current.singletonOrThrow().stopGradient();
            features.setRequiresGradient(true);
            NDArray gradient;
            try (GradientCollector collector = Engine.getEngine(PyTorchEngine.DJL_ENGINE).newGradientCollector()) {
                NDList head = new NDList(features);
                for (int i = splitAfter + 1; i < children.size(); i++) {
                    head = children.get(i).forward(parameters, head, false);
                }
                NDArray logits = head.singletonOrThrow();
                long classes = logits.getShape().get(1);
                if (classIndex < 0 || classIndex >= classes) {
                    throw new IllegalArgumentException("Class index " + classIndex + " is outside the network's "
                            + classes + " outputs");
                }
                collector.backward(logits.get(0, classIndex));
                gradient = features.getGradient().stopGradient();
            }
            NDArray activations = features.stopGradient();
            // Channel weights: the spatial mean of each channel's gradient, shape (1, K, 1, 1). DJL's
            // PyTorch mean takes one axis at a time.
            NDArray weights = gradient.mean(new int[] {3}, true).mean(new int[] {2}, true);
            NDArray cam = activations.mul(weights).sum(new int[] {1}).maximum(0f);
            Shape mapShape = cam.getShape();
            int height = (int) mapShape.get(1);
            int width = (int) mapShape.get(2);
            String targetLayer = networkName + " " + blockName
                    + " (last convolution block, " + features.getShape().get(1) + " feature maps of "
                    + width + "x" + height + ")";
            return new ClassActivationMap(new HeatMap(width, height, cam.toFloatArray()), targetLayer);
        } finally {
            COLLECTOR.unlock();
        }
    }
}
