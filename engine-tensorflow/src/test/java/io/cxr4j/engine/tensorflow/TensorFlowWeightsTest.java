package io.cxr4j.engine.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TensorFlowWeightsTest {

    @Test
    void permutesAConvolutionKernelToChannelLastAndBack() {
        // Canonical (out 2, in 3, h 1, w 2): value = 100 * out + 10 * in + w.
        long[] shape = {2, 3, 1, 2};
        float[] canonical = new float[12];
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                for (int w = 0; w < 2; w++) {
                    canonical[o * 6 + i * 2 + w] = 100 * o + 10 * i + w;
                }
            }
        }
        int[] toTf = {2, 3, 1, 0};
        long[] tfShape = TensorFlowWeights.permute(shape, toTf);
        assertThat(tfShape).containsExactly(1, 2, 3, 2);
        float[] tf = TensorFlowWeights.permute(canonical, shape, toTf);
        // TensorFlow (h, w, in, out): element (0, 1, 2, 1) is out 1, in 2, w 1.
        assertThat(tf[((0 * 2 + 1) * 3 + 2) * 2 + 1]).isEqualTo(121f);
        assertThat(TensorFlowWeights.permute(tf, tfShape, new int[] {3, 2, 0, 1})).containsExactly(canonical);
    }

    @Test
    void transposesADenseWeight() {
        float[] outIn = {1, 2, 3, 4, 5, 6};
        assertThat(TensorFlowWeights.permute(outIn, new long[] {2, 3}, new int[] {1, 0}))
                .containsExactly(1, 4, 2, 5, 3, 6);
    }
}
