package io.cxr4j.examples.cli;

import static io.cxr4j.examples.cli.Cxr4jCommandTest.cxr4j;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.engine.NativeCaches;
import io.cxr4j.core.testing.SyntheticImages;
import io.cxr4j.examples.cli.Cxr4jCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained-weights options of {@code train} and {@code cross-validate}: a missing ImageNet
 * file stops the run before any image is read (it never trains from scratch instead), and the
 * options that cannot work together say so.
 */
class PretrainedWeightsCommandTest {

    @TempDir
    Path temp;

    @Test
    void imagenetWeightsMissingOfflineStopTheRunWithWhereToPutThem() throws Exception {
        Path data = SyntheticImages.writeTwoClassFolder(temp.resolve("xrays"), 2);
        Path output = temp.resolve("never-written");
        Path cache = Files.createDirectories(temp.resolve("cache"));
        String before = System.getProperty(NativeCaches.ROOT_PROPERTY);
        // An empty cache, whatever the user's own cache holds; the tests' offline switch is on.
        System.setProperty(NativeCaches.ROOT_PROPERTY, cache.toString());
        Run run;
        try {
            run = cxr4j("train", "--engine", "pytorch", "--data", data.toString(), "--arch", "vgg16",
                    "--weights", "imagenet", "--output", output.toString());
        } finally {
            if (before == null) {
                System.clearProperty(NativeCaches.ROOT_PROPERTY);
            } else {
                System.setProperty(NativeCaches.ROOT_PROPERTY, before);
            }
        }

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 is not in the cache and"
                        + " cannot be downloaded")
                .contains("6d6bbae143d832006294945121d1f1fc")
                .contains("put it at " + cache.resolve("pretrained/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
                        .toAbsolutePath())
                .doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Data set");
        assertThat(output).doesNotExist();
    }

    @Test
    void aWeightsFileThatIsNotKerasHdf5StopsTheRunBeforeAnyImageIsRead() throws Exception {
        Path data = SyntheticImages.writeTwoClassFolder(temp.resolve("xrays"), 2);
        Path notHdf5 = Files.writeString(temp.resolve("weights.h5"), "not an HDF5 file");
        Path output = temp.resolve("never-written");

        Run run = cxr4j("train", "--engine", "pytorch", "--data", data.toString(), "--arch", "vgg16",
                "--weights", notHdf5.toString(), "--output", output.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(notHdf5.toString()).contains("HDF5").doesNotContain("\tat ");
        assertThat(run.out()).doesNotContain("Data set");
        assertThat(output).doesNotExist();
    }

    @Test
    void optionsThatCannotWorkTogetherSaySo() {
        Path data = SyntheticImages.writeTwoClassFolder(temp.resolve("xrays"), 2);
        assertThat(cxr4j("train", "--data", data.toString(), "--weights", "imagenet").err())
                .contains("--weights gives VGG16 base weights, but --arch is darkcovidnet; use --arch vgg16");
        assertThat(cxr4j("train", "--data", data.toString(), "--arch", "vgg16", "--fine-tune-from", "block5").err())
                .contains("--fine-tune-from needs pretrained --weights");
        assertThat(cxr4j("train", "--data", data.toString(), "--arch", "vgg16", "--weights", "imagenet",
                "--fine-tune-from", "block6").err()).contains("--fine-tune-from must be block1 to block5, was 'block6'");
        assertThat(cxr4j("train", "--data", data.toString(), "--arch", "vgg16", "--weights", "imagenet",
                "--channels", "1").err()).contains("--weights gives VGG16 weights for three input channels");
        assertThat(cxr4j("cross-validate", "--data", data.toString(), "--normalization", "caffe").err())
                .contains("--normalization caffe makes blue, green and red channels: use --channels 3");
    }
}
