package io.cxr4j.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.model.BaseWeights;
import io.cxr4j.core.model.NeutralWeights;
import io.cxr4j.core.model.NeutralWeights.Role;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the files that {@code src/test/resources/keras/make_fixtures.py} wrote with h5py in
 * Keras's layout, and checks the weights against the network's output that the script computed
 * with numpy in Keras's convention.
 */
class KerasWeightsTest {

    /** The scaled-down VGG of the fixtures: blocks of 2 and 3 convolutions. */
    static final VggTopology TINY = VggTopology.of("vgg-tiny", 3, List.of(List.of(4, 4), List.of(5, 5, 5)));

    @TempDir Path dir;

    @Test
    void loadedWeightsGiveTheOutputComputedInKerasConvention() throws IOException {
        NeutralWeights weights = KerasWeights.read(fixture("vgg-tiny.h5"), TINY);

        assertThat(weights.architecture()).isEqualTo("vgg-tiny");
        assertThat(weights.tensors()).extracting(NeutralWeights.Tensor::name).containsExactly(
                "01.conv.weight", "01.conv.bias", "02.conv.weight", "02.conv.bias", "03.conv.weight", "03.conv.bias",
                "04.conv.weight", "04.conv.bias", "05.conv.weight", "05.conv.bias");
        assertThat(weights.find(3, Role.CONV_WEIGHT).orElseThrow().shape()).containsExactly(5, 4, 3, 3);
        assertThat(weights.valueCount()).isEqualTo(TINY.parameterCount());

        Expected expected = Expected.read();
        float[] output = forward(TINY, weights, nhwcToChw(expected.input, 8, 8, 3), 8, 8);
        float[] wanted = nhwcToChw(expected.output, 2, 2, 5);
        assertThat(output).hasSize(wanted.length);
        assertThat(Arrays.stream(toDoubles(wanted)).filter(v -> v > 0).count())
                .as("enough units are active for the comparison to see every channel").isGreaterThan(8);
        for (int i = 0; i < wanted.length; i++) {
            assertThat(output[i]).as("output %d", i).isCloseTo(wanted[i], within(1e-5f));
        }
    }

    @Test
    void aBaseForTrainingCarriesTheWeightsTheFileDigestAndKerasLayerNames() throws Exception {
        Path file = fixture("vgg-tiny.h5");
        BaseWeights base = KerasWeights.readBase(file, TINY);

        NeutralWeights read = KerasWeights.read(file, TINY);
        assertThat(base.weights().tensors()).hasSameSizeAs(read.tensors());
        for (int t = 0; t < read.tensors().size(); t++) {
            assertThat(base.weights().tensors().get(t).values()).containsExactly(read.tensors().get(t).values());
        }
        assertThat(base.file().name()).isEqualTo("vgg-tiny.h5");
        assertThat(base.file().sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(base.layerNames()).containsExactly("block1_conv1", "block1_conv2", "block2_conv1", "block2_conv2",
                "block2_conv3");
        assertThatThrownBy(() -> base.require(2, Role.CONV_WEIGHT, new long[] {4, 3, 3, 3}))
                .hasMessage("Layer 2 (block1_conv2, conv weight) of the base weights from vgg-tiny.h5 has shape"
                        + " [4, 4, 3, 3], but the network needs [4, 3, 3, 3]. Use weights read for this network and"
                        + " input channel count.");
    }

    @Test
    void kerasTwoNamesInNestedGroupsReadTheSame() throws IOException {
        NeutralWeights flat = KerasWeights.read(fixture("vgg-tiny.h5"), TINY);
        NeutralWeights nested = KerasWeights.read(fixture("vgg-tiny-nested.h5"), TINY);

        for (int t = 0; t < flat.tensors().size(); t++) {
            assertThat(nested.tensors().get(t).values()).containsExactly(flat.tensors().get(t).values());
        }
    }

    @Test
    void wrongShapeNamesTheLayerAndBothShapes() {
        assertThatThrownBy(() -> KerasWeights.read(fixture("vgg-tiny-wrong-shape.h5"), TINY))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.layer()).contains("block2_conv1");
                    assertThat(e.getMessage()).contains("Layer block2_conv1", "[3, 3, 3, 5]", "[3, 3, 4, 5]",
                            "(height, width, in, out)", "vgg-tiny-wrong-shape.h5");
                });
    }

    @Test
    void missingLayerIsNamed() {
        assertThatThrownBy(() -> KerasWeights.read(fixture("vgg-tiny-missing-layer.h5"), TINY))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.layer()).contains("block2_conv3");
                    assertThat(e.getMessage()).contains("Layer block2_conv3", "is missing", "block2_conv2");
                });
    }

    @Test
    void layersInAnotherOrderAreRefusedThoughTheirShapesFit() {
        assertThatThrownBy(() -> KerasWeights.read(fixture("vgg-tiny-wrong-order.h5"), TINY))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.layer()).contains("block2_conv3");
                    assertThat(e.getMessage()).contains("Layer block2_conv3", "comes before block2_conv2");
                });
    }

    @Test
    void fileForABiggerNetworkIsRefusedByItsExtraLayers() {
        VggTopology smaller = VggTopology.of("vgg-tiny", 3, List.of(List.of(4, 4)));

        assertThatThrownBy(() -> KerasWeights.read(fixture("vgg-tiny.h5"), smaller))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> assertThat(e.getMessage())
                        .contains("[block2_conv1, block2_conv2, block2_conv3]", "does not have"));
    }

    @Test
    void theanoFileIsRefused() {
        assertThatThrownBy(() -> KerasWeights.read(fixture("vgg-tiny-theano.h5"), TINY))
                .isInstanceOf(WeightsFileException.class).hasMessageContaining("Theano");
    }

    @Test
    void notHdf5IsSaidSo() throws IOException {
        Path text = Files.writeString(dir.resolve("weights.h5"), "<html>Not Found</html>\n".repeat(100));
        Path empty = Files.createFile(dir.resolve("empty.h5"));

        for (Path file : List.of(text, empty)) {
            assertThatThrownBy(() -> KerasWeights.read(file, TINY))
                    .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                        assertThat(e.layer()).isEmpty();
                        assertThat(e.getMessage()).contains("is not an HDF5 file", file.toString());
                    });
        }
        assertThatThrownBy(() -> KerasWeights.read(dir.resolve("absent.h5"), TINY))
                .isInstanceOf(WeightsFileException.class).hasMessageContaining("There is no weights file");
    }

    @Test
    void hdf5WithoutKerasLayoutIsSaidSo() throws IOException {
        Path other = dir.resolve("other.h5");
        try (WritableHdfFile hdf = HdfFile.write(other)) {
            hdf.putDataset("values", new float[] {1, 2, 3});
        }

        assertThatThrownBy(() -> KerasWeights.read(other, TINY))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("is not a Keras weights file", "no attribute 'layer_names'");
    }

    @Test
    void truncationsFromByteZeroToOneShortAreRefused() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("vgg-tiny.h5"));
        Path cut = dir.resolve("cut.h5");
        for (int length = 0; length < whole.length; length += length < 1024 ? 7 : 499) {
            Files.write(cut, Arrays.copyOf(whole, length));
            int at = length;
            assertThatThrownBy(() -> KerasWeights.read(cut, TINY)).as("cut at %d of %d", at, whole.length)
                    .isInstanceOf(WeightsFileException.class)
                    .hasMessageContaining(at >= 1024 ? "is truncated: it has " + at + " bytes" : "cut.h5");
        }
        Files.write(cut, Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> KerasWeights.read(cut, TINY)).hasMessageContaining("is truncated");
    }

    @Test
    void damagedValuesAreCaughtAtTheirLayer() throws IOException {
        NeutralWeights weights = KerasWeights.read(fixture("vgg-tiny.h5"), TINY);
        // The first two values of block1_conv2's HWIO kernel are (y 0, x 0, in 0, out 0 and 1).
        float[] oihw = weights.find(2, Role.CONV_WEIGHT).orElseThrow().values();
        byte[] firstValues = littleEndian(oihw[0], oihw[4 * 9]);
        byte[] file = Files.readAllBytes(fixture("vgg-tiny.h5"));
        int at = indexOf(file, firstValues);
        assertThat(at).as("block1_conv2's kernel is stored once, little-endian float32").isPositive();
        System.arraycopy(littleEndian(Float.NaN), 0, file, at, 4);
        Path damaged = Files.write(dir.resolve("damaged.h5"), file);

        assertThatThrownBy(() -> KerasWeights.read(damaged, TINY))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.layer()).contains("block1_conv2");
                    assertThat(e.getMessage()).contains("NaN at index 0", "damaged");
                });
    }

    @Test
    void damagedStructureIsCaughtAtItsLayer() throws IOException {
        byte[] file = Files.readAllBytes(fixture("vgg-tiny.h5"));
        // block2_conv1's kernel is named twice: by the link in its group's name heap (first in
        // the file) and in the attribute weight_names. A changed link leaves the listed name unfound.
        byte[] name = "block2_conv1_W_1:0".getBytes(StandardCharsets.US_ASCII);
        int link = indexOf(file, name);
        assertThat(indexOf(file, name, link + 1)).as("the name is stored twice").isGreaterThan(link);
        file[link] = 'X';
        Path damaged = Files.write(dir.resolve("damaged.h5"), file);

        assertThatThrownBy(() -> KerasWeights.read(damaged, TINY))
                .isInstanceOfSatisfying(WeightsFileException.class, e -> {
                    assertThat(e.layer()).contains("block2_conv1");
                    assertThat(e.getMessage()).contains("Layer block2_conv1", "block2_conv1_W_1:0", "damaged");
                });
    }

    // --- An independent forward pass in the neutral layout: CHW images, OIHW kernels. ---

    /** 3x3 'same' convolutions with bias and ReLU, a 2x2 max pool after each block. */
    static float[] forward(VggTopology topology, NeutralWeights weights, float[] chw, int height, int width) {
        float[] x = chw;
        int h = height;
        int w = width;
        List<VggTopology.Convolution> convolutions = topology.convolutions();
        for (int i = 0; i < convolutions.size(); i++) {
            VggTopology.Convolution conv = convolutions.get(i);
            x = convolveRelu(x, conv.inChannels(), h, w, weights.find(i + 1, Role.CONV_WEIGHT).orElseThrow().values(),
                    weights.find(i + 1, Role.CONV_BIAS).orElseThrow().values(), conv.outChannels());
            boolean lastOfBlock = i + 1 == convolutions.size() || convolutions.get(i + 1).block() != conv.block();
            if (lastOfBlock) {
                x = maxPool(x, conv.outChannels(), h, w);
                h /= 2;
                w /= 2;
            }
        }
        return x;
    }

    private static float[] convolveRelu(float[] x, int in, int h, int w, float[] oihw, float[] bias, int out) {
        float[] y = new float[out * h * w];
        for (int o = 0; o < out; o++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double sum = bias[o];
                    for (int i = 0; i < in; i++) {
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                int rr = r + dy - 1;
                                int cc = c + dx - 1;
                                if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                    sum += (double) x[(i * h + rr) * w + cc] * oihw[((o * in + i) * 3 + dy) * 3 + dx];
                                }
                            }
                        }
                    }
                    y[(o * h + r) * w + c] = (float) Math.max(sum, 0);
                }
            }
        }
        return y;
    }

    private static float[] maxPool(float[] x, int channels, int h, int w) {
        float[] y = new float[channels * (h / 2) * (w / 2)];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < h / 2; r++) {
                for (int c = 0; c < w / 2; c++) {
                    float best = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            best = Math.max(best, x[(ch * h + 2 * r + dy) * w + 2 * c + dx]);
                        }
                    }
                    y[(ch * (h / 2) + r) * (w / 2) + c] = best;
                }
            }
        }
        return y;
    }

    private static float[] nhwcToChw(float[] nhwc, int h, int w, int channels) {
        float[] chw = new float[nhwc.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                for (int ch = 0; ch < channels; ch++) {
                    chw[(ch * h + r) * w + c] = nhwc[(r * w + c) * channels + ch];
                }
            }
        }
        return chw;
    }

    /** The input and output that make_fixtures.py computed, NHWC. */
    private record Expected(float[] input, float[] output) {
        static Expected read() throws IOException {
            List<String> lines;
            try (InputStream in = KerasWeightsTest.class.getResourceAsStream("/keras/vgg-tiny-expected.txt")) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.startsWith("#")).toList();
            }
            int output = lines.indexOf(lines.stream().filter(l -> l.startsWith("output")).findFirst().orElseThrow());
            assertThat(lines.get(0)).isEqualTo("input 1 8 8 3");
            assertThat(lines.get(output)).isEqualTo("output 1 2 2 5");
            return new Expected(floats(lines.subList(1, output)), floats(lines.subList(output + 1, lines.size())));
        }

        private static float[] floats(List<String> lines) {
            float[] values = new float[lines.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Double.parseDouble(lines.get(i));
            }
            return values;
        }
    }

    static Path fixture(String name) {
        URL url = KerasWeightsTest.class.getResource("/keras/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test resource keras/" + name + "; run make_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
