package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.model.ModelManifest;
import io.cxr4j.core.model.NeutralWeights.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Writes and reads the SavedModel a TensorFlow model directory serves: the inference branch of an
 * {@link Architectures} network, with a default signature from {@value #INPUT} (channel-first
 * images) to {@value #OUTPUT} (logits). It holds the network's weights and moving statistics only,
 * neither Adam's moments nor the loss and update ops.
 */
final class SavedModels {

    /** The SavedModel's folder inside the model directory. */
    static final String FOLDER = "savedmodel";
    /** The SavedModel's graph file, which the manifest names as the weights file. */
    static final String GRAPH_FILE = FOLDER + "/saved_model.pb";
    /** The serving signature's input and output names. */
    static final String INPUT = "input";
    static final String OUTPUT = "logits";

    private SavedModels() {}

    /**
     * The SavedModel folder of a model directory, from the weights file its manifest names.
     *
     * @throws IOException when the manifest names no SavedModel graph file or it is missing
     */
    static Path folder(ModelManifest manifest, Path directory) throws IOException {
        Path graphFile = directory.resolve(manifest.weightsFile()).normalize();
        if (!graphFile.getFileName().toString().equals("saved_model.pb") || !Files.isRegularFile(graphFile)) {
            throw new IOException("Model " + directory + " names weights file '" + manifest.weightsFile()
                    + "', which is not a TensorFlow SavedModel (<folder>/saved_model.pb). Was it written by the "
                    + TensorFlowEngine.NAME + " engine?");
        }
        return graphFile.getParent();
    }

    /**
     * Sets the variables of a network built by {@link Architectures} to the values a SavedModel
     * written by {@link #write} holds. The variables carry the same names as when the SavedModel
     * was written, so its variables checkpoint restores into the rebuilt graph.
     *
     * @param session a session on the graph the network was built in
     * @param folder the SavedModel folder
     */
    static void restore(Session session, Path folder) {
        session.restore(folder.resolve("variables").resolve("variables").toString());
    }

    /**
     * Builds the network in a fresh graph, sets every variable and exports it.
     *
     * @param values one tensor per variable in {@link Network#slots()} order, in TensorFlow's layout
     * @param folder the SavedModel folder to create
     * @throws IOException when the SavedModel cannot be written
     */
    static void write(String architecture, PreprocessingSpec spec, int classes, List<TFloat32> values,
            Path folder) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            // Every variable is assigned below, so the seeded initial values are never used.
            Network serving = Architectures.build(tf, architecture, spec, classes, 0);
            List<Variable<TFloat32>> target = serving.variables();
            if (values.size() != target.size()) {
                throw new IllegalArgumentException("The '" + architecture + "' network has " + target.size()
                        + " variables, got " + values.size() + " values");
            }
            Session.Runner copy = session.runner();
            for (int i = 0; i < target.size(); i++) {
                if (!values.get(i).shape().equals(target.get(i).shape())) {
                    throw new IllegalArgumentException("Variable " + target.get(i).op().name() + " has shape "
                            + target.get(i).shape() + ", got a value of shape " + values.get(i).shape());
                }
                Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(target.get(i).shape()));
                copy.feed(value, values.get(i)).addTarget(tf.assign(target.get(i), value));
            }
            copy.run().close();
            Signature signature = Signature.builder()
                    .key(Signature.DEFAULT_KEY)
                    .input(INPUT, serving.input())
                    .output(OUTPUT, serving.inferenceLogits())
                    .build();
            SavedModelBundle.exporter(folder.toString())
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
        }
    }

    /**
     * Reads every variable of a SavedModel written by {@link #write}.
     *
     * @param folder the SavedModel folder
     * @return one value per variable in {@link Network#slots()} order, in TensorFlow's layout
     */
    static List<SlotValue> read(String architecture, PreprocessingSpec spec, int classes, Path folder) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Network network = Architectures.build(tf, architecture, spec, classes, 0);
            restore(session, folder);
            return values(session, network);
        }
    }

    /**
     * Reads every variable of a network from the session that holds them.
     *
     * @param session a session of the network's graph, its variables set
     * @param network the network
     * @return one value per variable in {@link Network#slots()} order, in TensorFlow's layout
     */
    static List<SlotValue> values(Session session, Network network) {
        Session.Runner fetch = session.runner();
        network.variables().forEach(fetch::fetch);
        List<SlotValue> values = new ArrayList<>();
        try (Result result = fetch.run()) {
            for (int i = 0; i < network.slots().size(); i++) {
                TFloat32 tensor = (TFloat32) result.get(i);
                float[] array = new float[Math.toIntExact(tensor.shape().size())];
                tensor.copyTo(DataBuffers.of(array, false, false));
                Network.Slot slot = network.slots().get(i);
                values.add(new SlotValue(slot.layer(), slot.role(), tensor.shape().asArray(), array));
            }
        }
        return values;
    }

    /**
     * A variable's value read from a SavedModel.
     *
     * @param layer the variable's layer number
     * @param role what the variable is
     * @param shape its TensorFlow shape
     * @param values row-major in {@code shape}
     */
    record SlotValue(int layer, Role role, long[] shape, float[] values) {}
}
