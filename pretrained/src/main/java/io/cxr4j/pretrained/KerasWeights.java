package io.cxr4j.pretrained;

import io.cxr4j.core.io.Digests;
import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.WeightsFile;
import io.cxr4j.core.model.NeutralWeights.Role;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a VGG base's weights from an HDF5 file in the layout of Keras's {@code save_weights}, such
 * as Keras's published {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}, into {@link
 * NeutralWeights}.
 *
 * <p>The layout is the one Keras's {@code load_weights} reads: the root attribute {@code
 * layer_names} lists the model's layers in order; each layer has a group of its name whose attribute {@code weight_names} lists its weights, each a
 * dataset at {@code <layer>/<weight name>}. A convolution's weights are its kernel, {@code (height,
 * width, in, out)}, then its bias, {@code (out)}. Layers are matched by name (Keras's {@code
 * block1_conv1} ...), and their order in {@code layer_names} must be the network's.
 *
 * <p>The kernels are transposed once into the neutral {@code (out, in, height, width)} layout;
 * biases are kept. Convolution {@code i} of the {@link VggTopology} becomes layer {@code i}. The
 * file is checked first: that it is HDF5, that it is as long as its superblock says (a truncated
 * download is refused before anything else is read), that it was not written for Theano (whose
 * kernels are flipped), that every layer is there with the shapes the topology needs, that no other
 * layer holds weights, and that every value is finite.
 */
public final class KerasWeights {

    private static final Logger LOG = LoggerFactory.getLogger(KerasWeights.class);

    /** The eight bytes every HDF5 file's superblock starts with. */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasWeights() {}

    /**
     * Reads the weights of a VGG base for a training run to start from ({@link
     * io.cxr4j.core.training.TrainingRequest#withBaseWeights}), with the file's name and SHA-256,
     * which the trained model's provenance records, and Keras's layer names for messages.
     *
     * @param file a Keras HDF5 weights file
     * @param topology the network the weights must fit, such as {@link VggTopology#vgg16()}
     * @return the base weights
     * @throws WeightsFileException when the file is missing, not HDF5, truncated or damaged, or does
     *     not fit the topology; the message names the file and, where there is one, the layer
     * @throws IOException when the file cannot be read
     */
    public static BaseWeights readBase(Path file, VggTopology topology) throws IOException {
        NeutralWeights weights = read(file, topology);
        WeightsFile origin = new WeightsFile(file.getFileName().toString(), Digests.sha256Hex(file));
        return new BaseWeights(weights, origin, topology.convolutions().stream()
                .map(VggTopology.Convolution::name).toList());
    }

    /**
     * Reads the weights of a VGG base.
     *
     * @param file a Keras HDF5 weights file
     * @param topology the network the weights must fit, such as {@link VggTopology#vgg16()}
     * @return the weights, named after the topology, one convolution layer per convolution
     * @throws WeightsFileException when the file is missing, not HDF5, truncated or damaged, or does
     *     not fit the topology; the message names the file and, where there is one, the layer
     * @throws IOException when the file cannot be read
     */
    public static NeutralWeights read(Path file, VggTopology topology) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new WeightsFileException(file, null, "There is no weights file " + file.toAbsolutePath()
                    + ". Pass the path of a Keras HDF5 weights file.", null);
        }
        checkSignatureAndLength(file);
        Reading reading = new Reading(file, topology);
        try (HdfFile hdf = new HdfFile(file)) {
            NeutralWeights weights = reading.read(hdf);
            LOG.debug("Read {} weights of '{}' from {}", weights.valueCount(), topology.name(), file);
            return weights;
        } catch (RuntimeException e) {
            // jhdf reports damaged structures with unchecked exceptions of many kinds.
            throw reading.damaged("it cannot be read as HDF5 (" + e + ")", e);
        }
    }

    /**
     * Finds the superblock (at byte 0, 512, 1024, 2048, ... as HDF5 allows) and checks that the file
     * is as long as the superblock says.
     */
    private static void checkSignatureAndLength(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long offset = 0; offset + HDF5_SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                ByteBuffer head = ByteBuffer.allocate(HDF5_SIGNATURE.length);
                channel.read(head, offset);
                if (Arrays.equals(head.array(), HDF5_SIGNATURE)) {
                    long end;
                    try {
                        end = offset + Superblock.readSuperblock(channel, offset).getEndOfFileAddress();
                    } catch (RuntimeException e) {
                        throw new WeightsFileException(file, null, "The weights file " + file + " is damaged: its"
                                + " HDF5 superblock cannot be read (" + e + "). Download or copy it again.", e);
                    }
                    if (size < end) {
                        throw new WeightsFileException(file, null, "The weights file " + file + " is truncated: it"
                                + " has " + size + " bytes, but its HDF5 superblock says it ends at byte " + end
                                + " (an interrupted download or copy?). Download or copy it again.", null);
                    }
                    return;
                }
            }
            throw new WeightsFileException(file, null, "The file " + file + " is not an HDF5 file (no HDF5 signature"
                    + " at byte 0, 512, 1024, ...), so it is not a Keras weights file. Pass a Keras HDF5 weights"
                    + " file, such as " + PublishedWeights.VGG16_NOTOP.fileName() + ".", null);
        }
    }

    /** One reading of one file, which remembers the layer it is at for error messages. */
    private static final class Reading {
        private final Path file;
        private final VggTopology topology;
        private String layer;

        Reading(Path file, VggTopology topology) {
            this.file = file;
            this.topology = topology;
        }

        NeutralWeights read(Group root) throws WeightsFileException {
            List<String> layerNames = strings(root, "layer_names");
            if (layerNames == null) {
                throw new WeightsFileException(file, null, "The HDF5 file " + file + " is not a Keras weights file:"
                        + " it has no attribute 'layer_names'. Keras 3's '.weights.h5' layout is not read; pass a"
                        + " file written by Keras 2 or earlier, such as " + PublishedWeights.VGG16_NOTOP.fileName()
                        + ".", null);
            }
            List<String> backend = strings(root, "backend");
            if (backend != null && backend.contains("theano")) {
                throw new WeightsFileException(file, null, "The weights file " + file + " was written by Keras's"
                        + " Theano backend, whose convolution kernels are flipped and channel-first. Pass the"
                        + " TensorFlow-ordered file (its name has 'tf_dim_ordering_tf_kernels').", null);
            }
            checkNoOtherWeights(root, layerNames);
            NeutralWeights.Builder builder = NeutralWeights.builder(topology.name());
            int previous = -1;
            List<VggTopology.Convolution> convolutions = topology.convolutions();
            for (int i = 0; i < convolutions.size(); i++) {
                VggTopology.Convolution conv = convolutions.get(i);
                layer = conv.name();
                int position = layerNames.indexOf(conv.name());
                if (position < 0) {
                    throw layerProblem("is missing: its 'layer_names' are " + layerNames + ". The file holds"
                            + " another network than " + topology.name() + "'s base");
                }
                if (position < previous) {
                    throw layerProblem("comes before " + convolutions.get(i - 1).name() + " in 'layer_names', but the"
                            + " network applies it after. The file holds another network than "
                            + topology.name() + "'s base");
                }
                previous = position;
                if (!(root.getChild(conv.name()) instanceof Group group)) {
                    throw layerProblem("is listed in 'layer_names', but the file has no group '" + conv.name() + "'."
                            + " The file is damaged");
                }
                List<String> weightNames = strings(group, "weight_names");
                if (weightNames == null || weightNames.size() != 2) {
                    throw layerProblem("should list 2 weights (kernel, bias) in its 'weight_names', but lists "
                            + weightNames + ". The file holds another network than " + topology.name() + "'s base");
                }
                float[] kernel = values(group, weightNames.get(0), "kernel", conv.kerasKernelShape(),
                        "(height, width, in, out)");
                float[] bias = values(group, weightNames.get(1), "bias", conv.biasShape(), "(out)");
                builder.add(i + 1, Role.CONV_WEIGHT, conv.neutralKernelShape(), hwioToOihw(kernel, conv));
                builder.add(i + 1, Role.CONV_BIAS, conv.biasShape(), bias);
            }
            layer = null;
            return builder.build();
        }

        /** Refuses a file in which layers outside the topology hold weights, as Keras's load_weights does. */
        private void checkNoOtherWeights(Group root, List<String> layerNames) throws WeightsFileException {
            List<String> known = topology.convolutions().stream().map(VggTopology.Convolution::name).toList();
            List<String> others = new ArrayList<>();
            for (String name : layerNames) {
                if (!known.contains(name) && root.getChild(name) instanceof Group group) {
                    List<String> weightNames = strings(group, "weight_names");
                    if (weightNames != null && !weightNames.isEmpty()) {
                        others.add(name);
                    }
                }
            }
            if (!others.isEmpty()) {
                throw new WeightsFileException(file, others.get(0), "The weights file " + file + " also holds weights"
                        + " for the layers " + others + ", which " + topology.name() + "'s base does not have (a file"
                        + " with the classifier on top, or another network). Pass the file without the top, such as "
                        + PublishedWeights.VGG16_NOTOP.fileName() + ".", null);
            }
        }

        /** A dataset's values as float32, after checking its shape, type and finiteness. */
        private float[] values(Group group, String weightName, String what, long[] shape, String axes)
                throws WeightsFileException {
            Node node;
            try {
                node = group.getByPath(weightName);
            } catch (RuntimeException e) {
                node = null;
            }
            if (!(node instanceof Dataset dataset)) {
                throw layerProblem("lists the weight '" + weightName + "', but the file has no such dataset in"
                        + " group '" + layer + "'. The file is damaged");
            }
            long[] actual = dataset.getDimensionsAsLong();
            if (!Arrays.equals(actual, shape)) {
                throw layerProblem("has a " + what + " ('" + weightName + "') of shape " + Arrays.toString(actual)
                        + ", but " + topology.name() + " needs " + Arrays.toString(shape) + " " + axes
                        + ". The file holds another network or input channel count");
            }
            Object data = dataset.getDataFlat();
            float[] values;
            if (data instanceof float[] floats) {
                values = floats;
            } else if (data instanceof double[] doubles) {
                values = new float[doubles.length];
                for (int i = 0; i < doubles.length; i++) {
                    values[i] = (float) doubles[i];
                }
            } else {
                throw layerProblem("has a " + what + " of type " + dataset.getJavaType().getSimpleName()
                        + ", not floating point");
            }
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw layerProblem("has a " + what + " value " + values[i] + " at index " + i + ". The file is"
                            + " damaged, or the weights diverged when they were trained");
                }
            }
            return values;
        }

        private WeightsFileException layerProblem(String problem) {
            return new WeightsFileException(file, layer, "Layer " + layer + " of the weights file " + file + " "
                    + problem + ".", null);
        }

        WeightsFileException damaged(String problem, Throwable cause) {
            return new WeightsFileException(file, layer, "The weights file " + file + " is damaged"
                    + (layer != null ? " at layer " + layer : "") + ": " + problem
                    + ". Download or copy it again.", cause);
        }
    }

    /**
     * A string-list attribute, or null when there is none. An empty list may be stored as an empty
     * array of any type (h5py writes Keras's empty {@code weight_names} as an empty float array).
     */
    private static List<String> strings(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        return attribute == null ? null : strings(attribute);
    }

    private static List<String> strings(Attribute attribute) {
        if (attribute.isEmpty()) {
            return List.of();
        }
        Object data = attribute.getData();
        if (data instanceof String text) {
            return List.of(text);
        }
        if (data instanceof String[] texts) {
            return List.of(texts);
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 0) {
            return List.of();
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "attribute '%s' of '%s' holds %s, not strings",
                attribute.getName(), attribute.getNode().getPath(), attribute.getJavaType().getSimpleName()));
    }

    /** A kernel from Keras's {@code (h, w, in, out)} to the neutral {@code (out, in, h, w)}, both row-major. */
    static float[] hwioToOihw(float[] hwio, VggTopology.Convolution conv) {
        int k = VggTopology.KERNEL_SIZE;
        int in = conv.inChannels();
        int out = conv.outChannels();
        float[] oihw = new float[hwio.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        oihw[((o * in + i) * k + y) * k + x] = hwio[((y * k + x) * in + i) * out + o];
                    }
                }
            }
        }
        return oihw;
    }
}
