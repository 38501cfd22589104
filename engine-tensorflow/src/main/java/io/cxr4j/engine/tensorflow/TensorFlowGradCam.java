package io.cxr4j.engine.tensorflow;

import ai.djl.translate.TranslateException;
import io.cxr4j.core.engine.ArchitectureMismatch;
import io.cxr4j.core.explain.ClassActivationMap;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Grad-CAM in TensorFlow's own graph, with {@code tf.gradients}. DJL's TensorFlow engine cannot
 * differentiate, so a model's network is built a second time in a graph of its own by {@link
 * Architectures}, the code that built the SavedModel's graph, and its variables are restored from
 * the SavedModel's checkpoint: the same network and weights the predictor serves, in inference
 * mode. Any SavedModel the engine ever wrote works, as nothing extra is stored in it.
 *
 * <p>The graph gets the gradient of the requested class's logit with respect to the last
 * convolution block's maps, weights each map by the spatial mean of its gradient and returns the
 * ReLU of the weighted sum, all as the {@link io.cxr4j.core.engine.GradCamModel} contract says.
 * The graph is complete once constructed and TensorFlow sessions may run concurrently, so
 * concurrent calls need no lock. Closing frees the graph, the session and their copy of the weights.
 */
final class TensorFlowGradCam implements AutoCloseable {

    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Placeholder<TInt32> classIndex;
    private final Operand<TFloat32> map;
    private final Shape inputShape;
    private final long classes;
    private final String targetLayer;

    /**
     * Adds the Grad-CAM ops to a graph holding a network whose variables are set. Takes over the
     * graph and the session: {@link #close} closes them.
     *
     * @param graph the network's graph
     * @param session a session on it with every variable set
     * @param input the network's channel-first input {@code [batch, channels, size, size]}
     * @param lastMaps the last convolution block's channel-last maps {@code [batch, h, w, K]}
     * @param logits the class scores before softmax, computed from {@code lastMaps}
     * @param layerName the block's name, for the target layer's description
     */
    TensorFlowGradCam(Graph graph, Session session, Placeholder<TFloat32> input, Operand<TFloat32> lastMaps,
            Operand<TFloat32> logits, String layerName) {
        this.graph = graph;
        this.session = session;
        this.input = input;
        this.inputShape = input.shape().tail().prepend(1);
        this.classes = logits.shape().get(1);
        Shape maps = lastMaps.shape();
        this.targetLayer = layerName + " (last convolution block, " + maps.get(3) + " feature maps of "
                + maps.get(2) + "x" + maps.get(1) + ")";
        Ops tf = Ops.create(graph).withSubScope("gradcam");
        classIndex = tf.withName("class_index").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> oneHot = tf.oneHot(classIndex, tf.constant(Math.toIntExact(classes)), tf.constant(1f),
                tf.constant(0f));
        // The batch holds one image, so the sum over it is that image's logit of the class.
        Operand<TFloat32> score = tf.reduceSum(tf.math.mul(logits, oneHot), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> gradient = tf.gradients(score, List.of(lastMaps)).dy(0);
        Operand<TFloat32> weights = tf.math.mean(gradient, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
        Operand<TFloat32> weighted = tf.reduceSum(tf.math.mul(lastMaps, weights), tf.constant(3),
                ReduceSum.keepDims(false));
        map = tf.withName("map").nn.relu(weighted);
    }

    /**
     * Builds the Grad-CAM graph of a model directory's SavedModel.
     *
     * @param manifest the model's manifest
     * @param savedModel the SavedModel folder
     * @return the Grad-CAM graph with the model's weights
     * @throws IOException when the SavedModel's variables cannot be read
     */
    static TensorFlowGradCam load(ModelManifest manifest, Path savedModel) throws IOException {
        TensorFlowRuntime.loadNatives();
        Graph graph = new Graph();
        Session session = null;
        try {
            session = new Session(graph);
            Network network;
            try {
                network = Architectures.build(Ops.create(graph), manifest.architecture(), manifest.preprocessing(),
                        manifest.classNames().size(), 0);
                SavedModels.restore(session, savedModel);
            } catch (RuntimeException e) {
                // TensorFlow reports unreadable or mismatched variables as unchecked exceptions; a
                // network that cannot take the manifest's input fails while it is built.
                PreprocessingSpec spec = manifest.preprocessing();
                throw ArchitectureMismatch.find(savedModel.getParent(), manifest,
                        other -> fits(other, manifest, savedModel), e)
                        .orElseGet(() -> new IOException("Cannot restore the variables of the SavedModel in "
                                + savedModel + " into a " + manifest.architecture() + " network for "
                                + manifest.classNames().size() + " classes and " + spec.imageSize() + "x"
                                + spec.imageSize() + " images, as " + ModelDirectory.MANIFEST_FILE + " describes: "
                                + e.getMessage() + ". The folder may be damaged or the manifest changed after"
                                + " training; retrain the model or restore the directory.", e));
            }
            Network.LastBlock block = network.lastBlock();
            return new TensorFlowGradCam(graph, session, network.input(), block.maps(), network.inferenceLogits(),
                    manifest.architecture() + " " + block.name());
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
    }

    /** Whether a SavedModel's variables restore into a network of another architecture. */
    private static boolean fits(String architecture, ModelManifest manifest, Path savedModel) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Architectures.build(Ops.create(graph), architecture, manifest.preprocessing(),
                    manifest.classNames().size(), 0);
            SavedModels.restore(session, savedModel);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Computes the map of one image for one class.
     *
     * @param tensor one preprocessed channel-first image
     * @param classIndex the class whose logit is explained
     * @return ReLU of the gradient-weighted feature maps, at their resolution
     * @throws TranslateException when TensorFlow fails to run the graph
     */
    ClassActivationMap compute(float[] tensor, int classIndex) throws TranslateException {
        if (tensor.length != inputShape.size()) {
            throw new IllegalArgumentException("Expected a tensor of " + inputShape.size() + " values ("
                    + inputShape + "), got " + tensor.length);
        }
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("Class index " + classIndex + " is outside the network's " + classes
                    + " outputs");
        }
        try (TFloat32 image = TFloat32.tensorOf(inputShape, DataBuffers.of(tensor, true, false));
                TInt32 target = TInt32.scalarOf(classIndex);
                Result result = session.runner().feed(input, image).feed(this.classIndex, target).fetch(map).run()) {
            TFloat32 cam = (TFloat32) result.get(0);
            float[] values = new float[Math.toIntExact(cam.shape().size())];
            cam.copyTo(DataBuffers.of(values, false, false));
            int height = Math.toIntExact(cam.shape().get(1));
            int width = Math.toIntExact(cam.shape().get(2));
            return new ClassActivationMap(new HeatMap(width, height, values), targetLayer);
        } catch (RuntimeException e) {
            // TensorFlow reports failures of a run as unchecked exceptions of several types.
            throw new TranslateException("TensorFlow failed to compute Grad-CAM: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
