package io.cxr4j.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VggTopologyTest {

    @Test
    void vgg16IsKerasVgg16WithoutTop() {
        VggTopology vgg16 = VggTopology.vgg16();

        // Keras's VGG16(include_top=False).summary() reports 14,714,688 parameters.
        assertThat(vgg16.parameterCount()).isEqualTo(14_714_688L);
        assertThat(vgg16.convolutions()).extracting(VggTopology.Convolution::name).containsExactly(
                "block1_conv1", "block1_conv2", "block2_conv1", "block2_conv2",
                "block3_conv1", "block3_conv2", "block3_conv3", "block4_conv1", "block4_conv2", "block4_conv3",
                "block5_conv1", "block5_conv2", "block5_conv3");
        assertThat(vgg16.blockCount()).isEqualTo(5);
        assertThat(vgg16.outputChannels()).isEqualTo(512);
        assertThat(vgg16.outputSide(224)).isEqualTo(7);
        VggTopology.Convolution first = vgg16.convolutions().get(0);
        assertThat(first.kerasKernelShape()).containsExactly(3, 3, 3, 64);
        assertThat(first.neutralKernelShape()).containsExactly(64, 3, 3, 3);
        assertThat(first.parameterCount()).isEqualTo(1792);
    }

    @Test
    void convolutionsMustChain() {
        assertThatThrownBy(() -> new VggTopology("bad", 3, List.of(
                new VggTopology.Convolution("block1_conv1", 1, 3, 4),
                new VggTopology.Convolution("block1_conv2", 1, 5, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block1_conv2 takes 5 channels, but 4 arrive");
        assertThatThrownBy(() -> new VggTopology("bad", 3, List.of(
                new VggTopology.Convolution("block1_conv1", 1, 3, 4),
                new VggTopology.Convolution("block3_conv1", 3, 4, 4))))
                .hasMessageContaining("block 3 after block 1");
        assertThatThrownBy(() -> VggTopology.of("bad", 3, List.of(List.of(4), List.of())))
                .hasMessageContaining("Block 2 of bad has no convolution");
    }
}
