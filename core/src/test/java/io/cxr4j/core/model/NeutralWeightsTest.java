package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.model.NeutralWeights.Role;
import org.junit.jupiter.api.Test;

class NeutralWeightsTest {

    private static NeutralWeights convAndBatchNorm() {
        return NeutralWeights.builder("tiny")
                .add(1, Role.CONV_WEIGHT, new long[] {2, 1, 1, 1}, new float[] {1, 2})
                .add(2, Role.BN_GAMMA, new long[] {2}, new float[] {1, 1})
                .add(2, Role.BN_BETA, new long[] {2}, new float[] {0, 0})
                .add(2, Role.BN_MOVING_MEAN, new long[] {2}, new float[] {0.5f, 0.25f})
                .add(2, Role.BN_MOVING_VAR, new long[] {2}, new float[] {1, 2})
                .build();
    }

    @Test
    void namesTensorsByLayerKindAndParameter() {
        NeutralWeights weights = convAndBatchNorm();
        assertThat(weights.tensors()).extracting(NeutralWeights.Tensor::name).containsExactly(
                "01.conv.weight", "02.batchnorm.gamma", "02.batchnorm.beta", "02.batchnorm.moving_mean",
                "02.batchnorm.moving_var");
        assertThat(weights.valueCount()).isEqualTo(10);
        assertThat(weights.require(2, Role.BN_MOVING_MEAN, new long[] {2}).values()).containsExactly(0.5f, 0.25f);
        assertThat(weights.find(1, Role.CONV_BIAS)).isEmpty();
    }

    @Test
    void tensorsAreCopiedSoTheWeightsCannotChangeAfterwards() {
        float[] values = {1, 2};
        NeutralWeights.Tensor tensor = new NeutralWeights.Tensor(1, Role.DENSE_BIAS, new long[] {2}, values);
        values[0] = 99;
        tensor.values()[1] = 99;
        assertThat(tensor.values()).containsExactly(1, 2);
    }

    @Test
    void refusesMismatchedShapesMissingTensorsAndDisorder() {
        assertThatThrownBy(() -> new NeutralWeights.Tensor(1, Role.CONV_WEIGHT, new long[] {2, 2}, new float[4]))
                .hasMessageContaining("4 dimensions");
        assertThatThrownBy(() -> new NeutralWeights.Tensor(1, Role.DENSE_BIAS, new long[] {3}, new float[2]))
                .hasMessageContaining("needs 3 values");
        NeutralWeights weights = convAndBatchNorm();
        assertThatThrownBy(() -> weights.require(1, Role.CONV_WEIGHT, new long[] {1, 2, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1, 1, 1]");
        assertThatThrownBy(() -> weights.require(3, Role.DENSE_WEIGHT, new long[] {1, 2}))
                .hasMessageContaining("03.dense.weight");
        assertThatThrownBy(() -> NeutralWeights.builder("tiny")
                .add(2, Role.BN_GAMMA, new long[] {1}, new float[1])
                .add(1, Role.CONV_WEIGHT, new long[] {1, 1, 1, 1}, new float[1]).build())
                .hasMessageContaining("ordered");
        assertThatThrownBy(() -> NeutralWeights.builder("tiny")
                .add(1, Role.CONV_WEIGHT, new long[] {1, 1, 1, 1}, new float[1])
                .add(1, Role.BN_GAMMA, new long[] {1}, new float[1]).build())
                .hasMessageContaining("mixes");
    }
}
